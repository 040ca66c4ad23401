"""Read the pytest JUnit report and the Odoo logs; print one closing line.

A skipped test counts as failed: no test here may skip, and Odoo skips browser
tours when Chromium or websocket-client is missing. A log with any WARNING,
ERROR or CRITICAL record counts as a failed check (missing access rows,
deprecated APIs and view errors only warn).
"""

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

LOG_PROBLEM = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (WARNING|ERROR|CRITICAL) "
)


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


def main(junit, *args):
    passed, failed, problems = junit_counts(junit)
    for problem in problems:
        print(problem)
    logs = [arg for arg in args if not arg.startswith("--failed=")]
    for step in (arg.removeprefix("--failed=") for arg in args if arg not in logs):
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
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
