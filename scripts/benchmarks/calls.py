# Body of scripts/benchmarks/calls.sh, run by `odoo-bin shell` after common.py
# (env and timed are given).
# ruff: noqa: F821
import csv
import os
import random
import resource
import tempfile
from datetime import datetime, timedelta

from odoo.tools import SQL

CALLS = int(os.environ.get("BENCH_CALLS", "500000"))
AGENTS = int(os.environ.get("BENCH_AGENTS", "100"))
CUSTOMERS = 1000
QUEUES = ("orders", "support", "complaints")
STAMP = "%Y-%m-%d %H:%M:%S"
cr = env.cr
company = env.company
company.resource_calendar_id.tz = "Asia/Shanghai"
rng = random.Random(22)


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate(path):
    """CALLS lines of Asterisk's Master.csv over 30 days: queues, agents by
    their SIP channel, one caller in four a customer, 9 in 10 answered."""
    env["res.users"].create(
        [
            {
                "name": f"Bench agent {n}",
                "login": f"bench.agent.{n}",
                "courier_agent_code": str(7000 + n),
            }
            for n in range(AGENTS)
        ]
    )
    env["courier.call.queue"].create(
        [{"code": code, "name": code, "company_id": company.id} for code in QUEUES]
    )
    env["res.partner"].create(
        [
            {
                "name": f"Bench customer {n}",
                "is_company": True,
                "phone": f"+86 571 {80000000 + n}",
            }
            for n in range(CUSTOMERS)
        ]
    )
    env.flush_all()
    first = datetime(2026, 10, 1, 8, 0, 0)
    with open(path, "w", newline="") as file:
        out = csv.writer(file, quoting=csv.QUOTE_ALL)
        for n in range(CALLS):
            start = first + timedelta(seconds=n * 30 * 86400 // CALLS)
            wait = int(rng.expovariate(1 / 15))
            answered = rng.random() < 0.9
            talk = rng.randint(30, 400) if answered else 0
            caller = (
                f"0571{80000000 + rng.randrange(CUSTOMERS)}"
                if rng.random() < 0.25
                else f"13{rng.randint(100000000, 999999999)}"
            )
            out.writerow(
                [
                    "",
                    caller,
                    "4008000800",
                    "from-trunk",
                    f"<{caller}>",
                    f"SIP/trunk-{n:08x}",
                    f"SIP/{7000 + rng.randrange(AGENTS)}-{n:08x}" if answered else "",
                    "Queue",
                    f"{rng.choice(QUEUES)},t,,,300",
                    start.strftime(STAMP),
                    (start + timedelta(seconds=wait)).strftime(STAMP)
                    if answered
                    else "",
                    (start + timedelta(seconds=wait + talk)).strftime(STAMP),
                    wait + talk,
                    talk,
                    "ANSWERED" if answered else "NO ANSWER",
                    "DOCUMENTATION",
                    f"{1790000000 + n}.{n}",
                    "",
                ]
            )


with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "Master.csv")
    seconds, _ = timed(lambda: generate(path))
    size = os.path.getsize(path) / 1e6
    print(f"generated {CALLS:,} call records ({size:.0f} MB) in {seconds:.1f} s")

    cr.execute(
        "CREATE TEMP TABLE bench_cdr ("
        + ", ".join(f"c{i} text" for i in range(18))
        + ")"
    )

    def copy():
        with open(path, "rb") as file:
            cr.copy_expert("COPY bench_cdr FROM STDIN WITH (FORMAT csv)", file)

    copy_seconds, _ = timed(copy)
    print(
        f"COPY into a bare table:   {copy_seconds:6.1f} s "
        f"({CALLS / copy_seconds:10,.0f} rows/s)"
    )

    Call = env["courier.call"]
    before = peak_mb()

    def run_import():
        with open(path, "rb") as file:
            return Call.courier_import_calls(file, company)

    import_seconds, result = timed(run_import)
    print(
        f"import (courier_claims): {import_seconds:6.1f} s "
        f"({CALLS / import_seconds:10,.0f} rows/s, "
        f"{import_seconds / copy_seconds:.1f}x COPY) {result}"
    )
    print(f"peak memory: {before:.0f} MB before the import, {peak_mb():.0f} MB after")
    again_seconds, again = timed(run_import)
    print(f"re-import of the same file: {again_seconds:6.1f} s {again}")
    assert again["created"] == again["updated"] == 0, again

    Indicator = env["courier.call.indicator"]
    domain = [
        ("company_id", "=", company.id),
        ("day", ">=", "2026-10-01"),
        ("day", "<", "2026-11-01"),
    ]
    month_seconds, month = timed(
        lambda: Indicator.read_group(
            domain, ["offered_count:sum", "service_level:avg", "abandon_rate:avg"], []
        )
    )
    print(
        f"indicators, branch month: {month_seconds:6.2f} s "
        f"(offered {month[0]['offered_count']:,}, service level "
        f"{month[0]['service_level']}%, abandonment {month[0]['abandon_rate']}%)"
    )
    agent_seconds, agents = timed(
        lambda: Indicator.read_group(
            domain, ["answered_count:sum", "average_handling:avg"], ["agent_id"]
        )
    )
    print(f"indicators, per agent:    {agent_seconds:6.2f} s ({len(agents)} agents)")
    days_seconds, days = timed(
        lambda: Indicator.read_group(domain, ["service_level:avg"], ["day:day"])
    )
    print(f"indicators, per day:      {days_seconds:6.2f} s ({len(days)} days)")
    report_seconds, _ = timed(
        lambda: env["report.courier_claims.report_call_centre"]._get_report_values(
            env["courier.monthly.report"]
            .create({"company_id": company.id, "month": "2026-10-01"})
            .ids
        )
    )
    print(f"monthly report figures:   {report_seconds:6.2f} s")
    cr.execute(SQL("SELECT count(*) FROM courier_call"))
    print(f"calls stored: {cr.fetchone()[0]:,}")
