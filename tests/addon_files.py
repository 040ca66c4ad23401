"""Paths and loaders for tests that must not import Odoo."""

import ast
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"
ADDON_NAMES = ("key_account_service", "courier_claims", "cs_legal")


def load_tool(addon, module):
    """Import addons/<addon>/tools/<module>.py alone, without the addon's Odoo code."""
    name = f"_pure_{addon}_{module}"
    if name in sys.modules:
        return sys.modules[name]
    path = ADDONS / addon / "tools" / f"{module}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    loaded = importlib.util.module_from_spec(spec)
    sys.modules[name] = loaded
    spec.loader.exec_module(loaded)
    return loaded


def manifest(addon):
    return ast.literal_eval((ADDONS / addon / "__manifest__.py").read_text())
