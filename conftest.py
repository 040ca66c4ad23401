"""pytest hooks for the Odoo suite run by pytest-odoo (scripts/test.sh)."""

import pytest


@pytest.hookimpl(wrapper=True)
def pytest_collection(session):
    """Leave Odoo's test mode once the test modules are imported.

    scripts/test.sh starts Odoo in test mode (--test-enable): Odoo logs an
    ERROR when its test framework is imported outside it, and pytest-odoo and
    the test modules import it before any test runs. But loading the registry
    in test mode would run every installed module's at_install tests, so the
    flag goes off before pytest-odoo loads the registry; pytest-odoo turns it
    on again around each test module.
    """
    config = session.config
    try:
        return (yield)
    finally:
        if config.pluginmanager.has_plugin("odoo") and config.getoption(
            "--odoo-database"
        ):
            from odoo.tools import config as odoo_config

            odoo_config["test_enable"] = False
