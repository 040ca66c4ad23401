"""Read the pytest JUnit report and the Odoo logs; print one closing line.

A skipped test counts as failed: no test here may skip, and Odoo skips browser
tours when Chromium or websocket-client is missing. A log with any WARNING,
ERROR or CRITICAL record counts as a failed check (missing access rows,
deprecated APIs and view errors only warn). Every tour an addon defines must
have run to its end (conftest.py lists those that did), and each line of an
install-matrix report (`ok: ...` or `FAILED: ...`) counts as one check.

Arguments after the JUnit report:
  <file>.log            an Odoo log to check
  <file>.js             a tours file whose tours must all have run
  --tours-ran=<file>    the tours that ran, one name a line
  --checks=<file>       an install-matrix report
  --failed=<step>       a step that failed before any test could run
"""

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

LOG_PROBLEM = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (WARNING|ERROR|CRITICAL) "
)
TOUR_DEFINED = re.compile(r'registry\.category\("web_tour\.tours"\)\.add\("(\w+)"')
CHECK_LINE = re.compile(r"^(ok|FAILED): (.+)$")
CLOSING_LINE = re.compile(r"^\d+ passed, \d+ failed$")


def junit_counts(path):
    passed = failed = 0
    problems = []
    for case in ET.parse(path).getroot().iter("testcase"):
        name = f"{case.get('classname')}::{case.get('name')}"
        outcome = next(
            (child for child in case if child.tag in ("failure", "error", "skipped")),
            None,
        )
        if outcome is None:
            passed += 1
            continue
        failed += 1
        message = (outcome.get("message") or "").splitlines()[:1]
        problems.append(f"{outcome.tag.upper()}: {name} {' '.join(message)}")
    return passed, failed, problems


def log_problems(path):
    lines = Path(path).read_text(errors="replace").splitlines()
    return [line for line in lines if LOG_PROBLEM.match(line)]


def tours_not_run(tour_files, ran_file):
    defined = set()
    for path in tour_files:
        defined.update(TOUR_DEFINED.findall(Path(path).read_text()))
    ran_path = Path(ran_file)
    ran = set(ran_path.read_text().split()) if ran_path.exists() else set()
    return sorted(defined - ran), len(defined)


def install_checks(path):
    report = Path(path)
    lines = report.read_text(errors="replace").splitlines() if report.exists() else []
    results = [m.groups() for m in map(CHECK_LINE.match, lines) if m]
    if not any(CLOSING_LINE.match(line) for line in lines):
        results.append(("FAILED", f"the install matrix did not finish ({path})"))
    return results


def main(junit, *args):
    options = {"--failed": [], "--tours-ran": [], "--checks": []}
    logs, tour_files = [], []
    for arg in args:
        name, _, value = arg.partition("=")
        if name in options:
            options[name].append(value)
        elif arg.endswith(".js"):
            tour_files.append(arg)
        else:
            logs.append(arg)
    passed, failed, problems = junit_counts(junit)
    for problem in problems:
        print(problem)
    for step in options["--failed"]:
        failed += 1
        print(f"FAILED: {step}")
    for log in logs:
        bad = log_problems(log)
        if bad:
            failed += 1
            print(f"FAILED: {log} has {len(bad)} WARNING/ERROR line(s):")
            print("\n".join(f"  {line[:300]}" for line in bad[:40]))
        else:
            passed += 1
            print(f"ok: {log} has no WARNING or ERROR line")
    for ran_file in options["--tours-ran"]:
        missing, defined = tours_not_run(tour_files, ran_file)
        for tour in missing:
            failed += 1
            print(f"FAILED: the tour {tour} did not start or did not finish")
        if not missing:
            passed += 1
            print(f"ok: all {defined} tours ran to their end")
    for report in options["--checks"]:
        for outcome, what in install_checks(report):
            if outcome == "ok":
                passed += 1
            else:
                failed += 1
                print(f"FAILED: {what}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
