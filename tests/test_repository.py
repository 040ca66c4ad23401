"""The repository keeps its promises: one test command, a runnable compose file."""

import re

from addon_files import ADDON_NAMES, ROOT


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "```sh\nmake test\n```" in readme
    assert "make run" in readme and "ODOO_PATH" in readme
    ci = (ROOT / ".ci" / "run").read_text()
    assert ci.strip().splitlines()[-1] == "exec make test"


def test_ci_runs_the_odoo_suite_from_the_shared_tree_and_fails_without_it():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "../shared/odoo-18.0" in ci and "export ODOO_PATH" in ci
    assert "REQUIRE_ODOO_SUITE=1" in ci and "CHECK_INSTALL=1" in ci
    test_sh = (ROOT / "scripts" / "test.sh").read_text()
    assert '"--failed=Odoo suite: ODOO_PATH is not set"' in test_sh
    for step in (
        "install_odoo_requirements",
        "ensure_chromium",
        "ensure_pdf_tools",
        "ensure_pg_role",
    ):
        assert step in test_sh, step


def test_ci_updates_a_database_of_the_previous_version():
    check_install = (ROOT / "scripts" / "check_install.sh").read_text()
    assert '"$ROOT/scripts/check_upgrade.sh"' in check_install
    check_upgrade = (ROOT / "scripts" / "check_upgrade.sh").read_text()
    assert re.search(r'^REV="\$\{1:-[0-9a-f]{40}\}"$', check_upgrade, re.MULTILINE)
    assert '-u "$ADDONS"' in check_upgrade


def test_make_run_installs_what_the_pdf_reports_need():
    run_sh = (ROOT / "scripts" / "run.sh").read_text()
    assert "ensure_pdf_tools" in run_sh
    odoo_env = (ROOT / "scripts" / "odoo_env.sh").read_text()
    for package in ("wkhtmltopdf", "fonts-noto-cjk", "poppler-utils"):
        assert package in odoo_env, package


def test_compose_runs_official_images_with_the_addons_installed():
    compose = (ROOT / "docker-compose.yml").read_text()
    assert re.findall(r"image: (\S+)", compose) == [
        "postgres:16",
        "odoo:18.0",
        "odoo:18.0",
    ]
    assert compose.count("- ./addons:/mnt/extra-addons:ro") == 2
    assert f"--init={','.join(ADDON_NAMES)}" in compose
    assert '"8069:8069"' in compose


def test_every_tool_the_tests_need_is_pinned():
    dev = (ROOT / "requirements-dev.txt").read_text()
    for tool in (
        "ruff",
        "pylint-odoo",
        "oca-odoo-pre-commit-hooks",
        "pytest",
        "hypothesis",
    ):
        assert re.search(rf"^{tool}==\S+$", dev, re.MULTILINE), tool
    odoo = (ROOT / "requirements-odoo.txt").read_text()
    for tool in ("pytest-odoo", "websocket-client", "cn2an"):
        assert re.search(rf"^{tool}==\S+$", odoo, re.MULTILINE), tool
