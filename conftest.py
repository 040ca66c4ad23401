"""pytest hooks for the Odoo suite run by pytest-odoo (scripts/test.sh)."""

import os

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
            record_tours_that_ran()
            map_static_folders()


def record_tours_that_ran():
    """List every browser tour that ran to its end (scripts/test.sh checks it).

    Odoo skips a tour without Chromium and times out on one that never
    registered; the summary fails for each tour an addon defines that is not
    in this list, so a tour that did not start cannot pass unnoticed.
    """
    ran_file = os.environ.get("COURIER_TOURS_RAN")
    if not ran_file:
        return
    from odoo.tests import HttpCase

    start_tour = HttpCase.start_tour

    def start_tour_and_record(self, url_path, tour_name, *args, **kwargs):
        result = start_tour(self, url_path, tour_name, *args, **kwargs)
        with open(ran_file, "a", encoding="utf-8") as ran:
            ran.write(f"{tour_name}\n")
        return result

    HttpCase.start_tour = start_tour_and_record


def map_static_folders():
    """Map the addons' static folders before a browser asks for them.

    Odoo maps them lazily, without a lock, on the first request for a static
    file. The first tour's browser asks for several at once, so several server
    threads parse every manifest together, and CPython 3.11's ast then fails
    now and then with "AST constructor recursion depth mismatch" (its state is
    shared between threads, python/cpython#106905): the browser gets an error
    page instead of a script and the tour fails. Mapped here, in one thread.
    """
    from odoo import http

    http.root.statics  # noqa: B018 - computed once, kept on the application
