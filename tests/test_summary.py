"""The closing line of the test command fails whatever did not really run."""

import importlib.util

from addon_files import ROOT

spec = importlib.util.spec_from_file_location(
    "summarize_tests", ROOT / "scripts" / "summarize_tests.py"
)
summarize = importlib.util.module_from_spec(spec)
spec.loader.exec_module(summarize)

JUNIT = """<testsuites><testsuite>
<testcase classname="a" name="one"/>
<testcase classname="a" name="two"/>
{extra}
</testsuite></testsuites>"""
TOURS = """
registry.category("web_tour.tours").add("first_tour", {steps: () => []});
registry.category("web_tour.tours").add("second_tour", {steps: () => []});
"""


def run(tmp_path, capsys, *args, extra=""):
    junit = tmp_path / "junit.xml"
    junit.write_text(JUNIT.format(extra=extra))
    code = summarize.main(str(junit), *args)
    lines = capsys.readouterr().out.splitlines()
    return code, lines


def test_all_passed_ends_with_the_counts(tmp_path, capsys):
    code, lines = run(tmp_path, capsys)
    assert (code, lines[-1]) == (0, "2 passed, 0 failed")


def test_a_skipped_test_fails_the_run(tmp_path, capsys):
    skipped = (
        '<testcase classname="a" name="tour"><skipped message="no chrome"/></testcase>'
    )
    code, lines = run(tmp_path, capsys, extra=skipped)
    assert (code, lines[-1]) == (1, "2 passed, 1 failed")


def test_a_log_warning_fails_the_run(tmp_path, capsys):
    log = tmp_path / "odoo.log"
    log.write_text("2026-12-02 09:00:00,001 42 WARNING db odoo.models: no access\n")
    code, lines = run(tmp_path, capsys, str(log))
    assert (code, lines[-1]) == (1, "2 passed, 1 failed")


def test_the_odoo_suite_not_run_fails_the_run(tmp_path, capsys):
    code, lines = run(tmp_path, capsys, "--failed=Odoo suite: ODOO_PATH is not set")
    assert "FAILED: Odoo suite: ODOO_PATH is not set" in lines
    assert (code, lines[-1]) == (1, "2 passed, 1 failed")


def test_a_defined_tour_that_did_not_run_fails_the_run(tmp_path, capsys):
    tours = tmp_path / "tours.js"
    tours.write_text(TOURS)
    ran = tmp_path / "ran.txt"
    ran.write_text("first_tour\n")
    code, lines = run(tmp_path, capsys, str(tours), f"--tours-ran={ran}")
    assert "FAILED: the tour second_tour did not start or did not finish" in lines
    assert (code, lines[-1]) == (1, "2 passed, 1 failed")
    ran.write_text("first_tour\nsecond_tour\n")
    code, lines = run(tmp_path, capsys, str(tours), f"--tours-ran={ran}")
    assert (code, lines[-1]) == (0, "3 passed, 0 failed")


def test_no_tour_ran_at_all_fails_for_each_tour(tmp_path, capsys):
    tours = tmp_path / "tours.js"
    tours.write_text(TOURS)
    missing = tmp_path / "absent.txt"
    code, lines = run(tmp_path, capsys, str(tours), f"--tours-ran={missing}")
    assert (code, lines[-1]) == (1, "2 passed, 2 failed")


def test_each_install_check_counts_and_an_unfinished_matrix_fails(tmp_path, capsys):
    report = tmp_path / "install.txt"
    report.write_text(
        "ok: install cs_legal with demo\n"
        "FAILED: uninstall cs_legal with demo\n"
        "1 passed, 1 failed\n"
    )
    code, lines = run(tmp_path, capsys, f"--checks={report}")
    assert "FAILED: uninstall cs_legal with demo" in lines
    assert (code, lines[-1]) == (1, "3 passed, 1 failed")
    report.write_text("ok: install cs_legal with demo\n")
    code, lines = run(tmp_path, capsys, f"--checks={report}")
    assert lines[-2].startswith("FAILED: the install matrix did not finish")
    assert (code, lines[-1]) == (1, "3 passed, 1 failed")
