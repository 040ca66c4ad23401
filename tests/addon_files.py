"""Paths and loaders for tests that must not import Odoo."""

import ast
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"
ADDON_NAMES = ("key_account_service", "courier_claims", "cs_legal")


def load_tool(addon, module):
    """Import addons/<addon>/tools/<module>.py without the addon's Odoo code.

    The tools folder is imported as a package of its own, so its modules may
    import each other; the addon's __init__ (which imports odoo) never runs.
    """
    package = f"_pure_{addon}_tools"
    if package not in sys.modules:
        folder = ADDONS / addon / "tools"
        spec = importlib.util.spec_from_file_location(
            package, folder / "__init__.py", submodule_search_locations=[str(folder)]
        )
        loaded = importlib.util.module_from_spec(spec)
        sys.modules[package] = loaded
        spec.loader.exec_module(loaded)
    return importlib.import_module(f"{package}.{module}")


def manifest(addon):
    return ast.literal_eval((ADDONS / addon / "__manifest__.py").read_text())
