# Body of scripts/benchmarks/shipments.sh, run by `odoo-bin shell` after
# common.py (env and timed are given).
# ruff: noqa: F821
import cProfile
import csv
import os
import pstats
import resource
import tempfile
from datetime import date, timedelta
from pathlib import Path

from odoo.tools import SQL

from odoo.addons.key_account_service.models.key_account_shipment import COLUMNS
from odoo.addons.key_account_service.tools import first_of_month

ROWS = int(os.environ.get("BENCH_ROWS", "1000000"))
CUSTOMERS = int(os.environ.get("BENCH_CUSTOMERS", "3000"))
BATCH = int(os.environ.get("BENCH_BATCH", "5000"))
PROFILE = os.environ.get("BENCH_PROFILE")  # profile the second batch
FIRST_DAY = date(2025, 1, 1)
CITIES = ("Shanghai", "Ningbo", "Suzhou", "Wuxi", "Nanjing", "Hefei", "Wenzhou")
cr = env.cr
company = env.company
Shipment = env["key.account.shipment"]


def peak_mb():
    """The process's peak resident memory so far, in MB (Linux: kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def create_customers():
    """The customers in one create, then made key accounts in one UPDATE."""
    env["res.partner"].create(
        [
            {"name": f"Benchmark shipper {n}", "ref": f"B-{n:05d}", "is_company": True}
            for n in range(CUSTOMERS)
        ]
    )
    env.flush_all()
    cr.execute(
        SQL(
            "UPDATE res_partner SET is_key_account = true, "
            "key_account_manager_id = %s, key_account_company_id = %s, "
            "key_account_start_date = %s "
            "WHERE ref LIKE %s",
            env.ref("base.user_admin").id,
            company.id,
            FIRST_DAY,
            "B-%",
        )
    )
    env.invalidate_all()


def write_csv(path):
    """ROWS rows, a day of every customer after another (one pair of cities
    a customer and day), written as they are made."""
    days = -(-ROWS // CUSTOMERS)
    written = 0
    with open(path, "w", newline="", encoding="utf-8") as file:
        out = csv.writer(file)
        out.writerow(COLUMNS)
        for d in range(days):
            day = (FIRST_DAY + timedelta(days=d)).isoformat()
            for n in range(CUSTOMERS):
                if written == ROWS:
                    return written
                waybills = 20 + (n * 7 + d) % 80
                late = (n + d) % 5
                out.writerow(
                    (
                        day,
                        f"B-{n:05d}",
                        company.name,
                        "Hangzhou",
                        CITIES[(n + d) % len(CITIES)],
                        waybills,
                        waybills + 5,
                        waybills * 1.5,
                        waybills - (n + d) % 3,
                        waybills - late,
                        late,
                        int((n + d) % 50 == 0),
                        0,
                        waybills // 3,
                        (waybills // 3) * 200,
                    )
                )
                written += 1
    return written


def batches(path):
    """The file's rows in batches of about BATCH, never splitting a
    customer's day (a batch replaces the days it holds)."""
    with open(path, newline="", encoding="utf-8") as file:
        batch, last = [], None
        for row in csv.DictReader(file):
            key = (row["partner_id"], row["company_id"], row["date"])
            if len(batch) >= BATCH and key != last:
                yield batch
                batch = []
            batch.append(row)
            last = key
        if batch:
            yield batch


def import_file(path):
    """Every batch pushed and committed (as the folder job does per file),
    the ORM's caches emptied after each; the peak memory after the first
    batches and at the end."""
    early = None
    for number, batch in enumerate(batches(path), start=1):
        if number == 2 and PROFILE:
            profile = cProfile.Profile()
            profile.runcall(Shipment.key_account_push_shipments, batch)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(35)
        else:
            Shipment.key_account_push_shipments(batch)
        cr.commit()
        env.invalidate_all()
        if number == 5:
            early = peak_mb()
    return early, peak_mb()


def fingerprint(table, columns):
    cr.execute(
        SQL(
            "SELECT count(*), sum(hashtext((%s)::text)::bigint) FROM %s",
            SQL("ROW(%s)", SQL(", ").join(SQL.identifier(c) for c in columns)),
            SQL.identifier(table),
        )
    )
    return cr.fetchone()


SHIPMENT_COLUMNS = ("id", *COLUMNS, "write_date")
KPI_COLUMNS = (
    "id",
    "partner_id",
    "company_id",
    "month",
    "shipments",
    "orders_on_time",
    "deliveries_on_time",
    "order_on_time_rate",
    "delivery_on_time_rate",
    "write_date",
)

start_mb = peak_mb()
seconds, _ = timed(create_customers)
cr.commit()
print(f"{CUSTOMERS} key accounts created in {seconds:.1f} s")
with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "shipments.csv"
    seconds, rows = timed(lambda: write_csv(path))
    size = path.stat().st_size / 1024 / 1024
    print(f"generated {rows} rows ({size:.0f} MB CSV) in {seconds:.1f} s")

    # the floor: PostgreSQL's COPY of the same file into a bare table
    cr.execute(
        "CREATE TABLE bench_shipment_copy (date date, partner text, company text, "
        "origin text, destination text, waybills int, pieces int, weight numeric, "
        "pickups int, deliveries int, delayed int, damaged int, lost int, "
        "insured int, declared numeric)"
    )
    with open(path, encoding="utf-8") as file:
        copy_seconds, _ = timed(
            lambda: cr._obj.copy_expert(
                "COPY bench_shipment_copy FROM STDIN WITH (FORMAT csv, HEADER true)",
                file,
            )
        )
    cr.execute("DROP TABLE bench_shipment_copy")
    cr.commit()

    seconds, (early_mb, end_mb) = timed(lambda: import_file(path))
    cr.execute("ANALYZE key_account_shipment")
    cr.execute("SELECT count(*) FROM key_account_shipment")
    stored = cr.fetchone()[0]
    print(
        f"COPY into a bare table:      {copy_seconds:8.2f} s  "
        f"{rows / copy_seconds:10.0f} rows/s"
    )
    print(
        f"push in batches of {BATCH}:  {seconds:8.2f} s  "
        f"{rows / seconds:10.0f} rows/s  "
        f"ratio {seconds / copy_seconds:.0f}x COPY  ({stored} rows stored)"
    )
    print(
        f"peak RSS: {start_mb:.0f} MB at start, {early_mb or end_mb:.0f} MB after 5 "
        f"batches, {end_mb:.0f} MB at the end"
    )

    shipments_before = fingerprint("key_account_shipment", SHIPMENT_COLUMNS)
    kpis_before = fingerprint("key_account_service_kpi", KPI_COLUMNS)
    seconds, _ = timed(lambda: import_file(path))
    shipments_after = fingerprint("key_account_shipment", SHIPMENT_COLUMNS)
    kpis_after = fingerprint("key_account_service_kpi", KPI_COLUMNS)
    print(
        f"re-import of the same file:  {seconds:8.2f} s  {rows / seconds:10.0f} rows/s"
    )
    print(
        "re-import changes nothing (rows, ids, figures, write dates; KPIs): "
        f"{shipments_before == shipments_after and kpis_before == kpis_after}"
    )

# every key account's every month refreshed at once
partners = env["res.partner"].search([("ref", "=like", "B-%")])
cr.execute("SELECT DISTINCT date_trunc('month', date)::date FROM key_account_shipment")
months = [first_of_month(row[0]) for row in cr.fetchall()]
keys = {(partner, month) for partner in partners for month in months}
seconds, _ = timed(lambda: Shipment.browse()._refresh_service_kpi(keys))
env.flush_all()
print(
    f"KPI refresh of {len(keys)} account-months: {seconds:8.2f} s "
    f"({seconds * 1000 / len(keys):.2f} ms each)"
)
cr.execute(
    "SELECT count(*), sum(shipments), (SELECT sum(waybills) FROM key_account_shipment) "
    "FROM key_account_service_kpi"
)
count, kpi_sum, shipment_sum = cr.fetchone()
print(
    f"{count} KPI rows; their shipments equal the waybills: {kpi_sum == shipment_sum}"
)
cr.rollback()
