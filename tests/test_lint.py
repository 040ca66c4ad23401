"""The linters, run as tests so that one pytest summary counts them too."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from addon_files import ADDON_NAMES, ROOT

BIN = Path(sys.executable).parent
ADDON_PATHS = [f"addons/{name}" for name in ADDON_NAMES]
PRETTIER = ROOT / "node_modules" / ".bin" / "prettier"

COMMANDS = {
    "ruff-check": [BIN / "ruff", "check", "--no-fix", "."],
    "ruff-format": [BIN / "ruff", "format", "--check", "."],
    "pylint-odoo": [BIN / "pylint", "--rcfile=.pylintrc", *ADDON_PATHS],
    "oca-checks-odoo-module": [
        BIN / "oca-checks-odoo-module",
        "--disable=prefer-readme-rst",
        *ADDON_PATHS,
    ],
    "prettier-xml": [PRETTIER, "--check", "addons/**/*.xml"],
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_linter_passes(name):
    command = [str(part) for part in COMMANDS[name]]
    assert shutil.which(command[0]), f"{command[0]} is not installed: run make test"
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, check=False, timeout=600
    )
    assert result.returncode == 0, f"{name} failed:\n{result.stdout}\n{result.stderr}"
