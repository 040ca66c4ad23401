# Body of scripts/benchmarks/key_accounts.sh, run by `odoo-bin shell` after
# common.py (env, timed, invoice_lines_sql and payment_lines_sql are given).
# ruff: noqa: F821
import os
from datetime import date

from odoo.tools import SQL

from odoo.addons.key_account_service.tools.visit_schedule import add_months

PARTNERS = int(os.environ.get("BENCH_PARTNERS", "20000"))
MONTHS = int(os.environ.get("BENCH_MONTHS", "24"))
FIRST_MONTH = date(2024, 1, 1)
cr = env.cr
company = env.company
journal = env["account.journal"].create(
    {"name": "Benchmark Sales", "type": "sale", "code": "BSAL"}
)
income, receivable = env["account.account"].create(
    [
        {"name": "Benchmark income", "code": "BINC01", "account_type": "income"},
        {
            "name": "Benchmark receivable",
            "code": "BREC01",
            "account_type": "asset_receivable",
            "reconcile": True,
        },
    ]
)


def generate():
    """Customers, invoices (1 in 20 a credit note), two lines each, and payments."""
    env["res.partner"].create(
        [
            {"name": f"Benchmark customer {n}", "is_company": True}
            for n in range(PARTNERS)
        ]
    )
    env.flush_all()
    cr.execute(
        SQL(
            """
            CREATE TEMP TABLE bench_invoice AS
            SELECT p.id AS partner_id, m,
                   (%(first)s::date + make_interval(months => m, days => 9))::date
                       AS day,
                   (1000 + mod(p.id * 37 + m * 101, 200000))::numeric AS amount,
                   CASE WHEN mod(p.id + m, 20) = 0 THEN 'out_refund'
                        ELSE 'out_invoice' END AS move_type
              FROM res_partner p CROSS JOIN generate_series(0, %(months)s - 1) m
             WHERE p.name LIKE %(customers)s;
            INSERT INTO account_move (
                name, move_type, state, date, invoice_date, journal_id, company_id,
                currency_id, partner_id, commercial_partner_id, auto_post,
                amount_untaxed, amount_total, amount_untaxed_signed,
                amount_total_signed, amount_residual, amount_residual_signed)
            SELECT 'BENCH/' || partner_id || '/' || m, move_type, 'posted', day, day,
                   %(journal)s, %(company)s, %(currency)s, partner_id, partner_id, 'no',
                   amount, amount,
                   CASE WHEN move_type = 'out_refund' THEN -amount ELSE amount END,
                   CASE WHEN move_type = 'out_refund' THEN -amount ELSE amount END,
                   0, 0
              FROM bench_invoice;
            %(invoice_lines)s;
            -- one payment entry; half the invoices paid in full, a quarter in part
            INSERT INTO account_move (name, move_type, state, date, journal_id,
                                      company_id, currency_id, auto_post)
            VALUES ('BENCH/PAY', 'entry', 'posted', now(), %(journal)s, %(company)s,
                    %(currency)s, 'no');
            CREATE TEMP TABLE bench_paid AS
            SELECT l.id AS line_id, l.id AS key, l.partner_id,
                   CASE WHEN mod(l.move_id, 4) < 2 THEN l.debit ELSE l.debit * 0.4 END
                       AS amount
              FROM account_move_line l JOIN account_move m ON m.id = l.move_id
             WHERE m.name LIKE %(bench)s AND m.move_type = 'out_invoice'
               AND l.display_type = 'payment_term' AND mod(l.move_id, 4) < 3;
            ALTER TABLE bench_paid ADD COLUMN payment_line_id integer;
            %(payment_lines)s;
            INSERT INTO account_partial_reconcile (
                debit_move_id, credit_move_id, amount, debit_amount_currency,
                credit_amount_currency, company_id, debit_currency_id,
                credit_currency_id)
            SELECT line_id, payment_line_id, amount, amount, amount, %(company)s,
                   %(currency)s, %(currency)s
              FROM bench_paid;
            ANALYZE res_partner, account_move, account_move_line,
                    account_partial_reconcile;
            """,
            months=MONTHS,
            first=FIRST_MONTH,
            journal=journal.id,
            company=company.id,
            currency=company.currency_id.id,
            customers="Benchmark customer %",
            income=income.id,
            receivable=receivable.id,
            bench="BENCH/%",
            invoice_lines=invoice_lines_sql(
                "BENCH/%",
                SQL(
                    "('product', -1, %s), ('payment_term', 1, %s)",
                    income.id,
                    receivable.id,
                ),
            ),
            payment_lines=payment_lines_sql(
                "bench_paid", "BENCH/PAY", SQL("now()"), receivable
            ),
        )
    )


RAW_SQL = """
SELECT m.commercial_partner_id, m.company_id,
       date_trunc('month', m.invoice_date)::date,
       SUM(CASE WHEN m.move_type = 'out_invoice' THEN m.amount_untaxed_signed
                ELSE 0 END),
       SUM(CASE WHEN m.move_type = 'out_refund' THEN -m.amount_untaxed_signed
                ELSE 0 END),
       SUM(m.amount_untaxed_signed),
       ROUND(SUM(CASE WHEN m.move_type = 'out_invoice' AND m.amount_total_signed != 0
                THEN m.amount_untaxed_signed
                     * LEAST(COALESCE(paid.amount, 0) / m.amount_total_signed, 1)
                ELSE 0 END), 2)
  FROM account_move m
  LEFT JOIN (SELECT l.move_id, SUM(apr.amount) AS amount
               FROM account_partial_reconcile apr
               JOIN account_move_line l ON l.id = apr.debit_move_id
               JOIN account_move_line c ON c.id = apr.credit_move_id
               JOIN account_move cm ON cm.id = c.move_id
              WHERE cm.move_type != 'out_refund'
              GROUP BY l.move_id) paid ON paid.move_id = m.id
 WHERE m.state = 'posted' AND m.move_type IN ('out_invoice', 'out_refund')
 GROUP BY 1, 2, 3
"""

seconds, _ = timed(generate)
cr.commit()  # the database is dropped afterwards; committed rows read as in production
cr.execute("SELECT count(*) FROM account_move_line")
lines = cr.fetchone()[0]
print(
    f"generated {PARTNERS} customers x {MONTHS} months: {lines} move lines "
    f"in {seconds:.1f} s"
)

Revenue = env["key.account.revenue"]
cr.execute(RAW_SQL)  # warm the caches for every run below
raw_seconds, raw_rows = timed(lambda: (cr.execute(RAW_SQL), cr.fetchall())[1])
# The floor of any build: the raw GROUP BY written to a copy of the table with
# its indexes but without foreign keys.
cr.execute("CREATE TABLE bench_revenue_copy (LIKE key_account_revenue INCLUDING ALL)")
copy_seconds, _ = timed(
    lambda: cr.execute(
        "INSERT INTO bench_revenue_copy "
        "(partner_id, company_id, month, invoiced, refunded, net, collected) " + RAW_SQL
    )
)
cr.execute("DROP TABLE bench_revenue_copy")
first_seconds, _ = timed(lambda: Revenue._refresh_now(full=True))
# As in production, where each batch commits and autovacuum then analyses the
# freshly loaded table; in one transaction the planner would still see it empty.
cr.commit()
cr.execute("ANALYZE key_account_revenue")
again_seconds, _ = timed(lambda: Revenue._refresh_now(full=True))
# One row in ten damaged (as after a change of definition): the rebuild repairs them.
cr.execute("UPDATE key_account_revenue SET collected = collected + 1 WHERE id % 10 = 0")
repair_seconds, _ = timed(lambda: Revenue._refresh_now(full=True))
last_month = Revenue._touched_keys(None)[-1:]
month_seconds, _ = timed(lambda: Revenue._refresh_keys(last_month))
cr.execute(
    "SELECT partner_id, company_id, month, invoiced, refunded, net, collected "
    "FROM key_account_revenue"
)
stored = {row[:3]: row[3:] for row in cr.fetchall()}
count = len(stored)
same = count == len(raw_rows) and all(
    stored.get(row[:3]) == row[3:] for row in raw_rows
)


def ratio(seconds):
    return f"{seconds:7.2f} s  ratio {seconds / raw_seconds:.2f}"


print(f"raw GROUP BY:                       {raw_seconds:7.2f} s  {len(raw_rows)} rows")
print(f"  written to a copy without FKs:    {ratio(copy_seconds)}")
print(f"first build, empty table:           {ratio(first_seconds)}  {count} rows")
print(f"rebuild, history unchanged:         {ratio(again_seconds)}  (goal <= 1.5)")
print(f"rebuild, 1 row in 10 to repair:     {ratio(repair_seconds)}")
print(
    f"nightly refresh of 1 month:         {month_seconds:7.2f} s  {PARTNERS} customers"
)
print(f"every row equal to the raw GROUP BY: {same}")

# Planning: every customer a key account of the 5-10 band, one month at a time.
band = env.ref("key_account_service.key_account_band_cadence_2")
manager = env.ref("base.user_admin")
cr.execute(
    SQL(
        "UPDATE res_partner SET is_key_account = true, key_account_band_id = %s, "
        "key_account_manager_id = %s, key_account_company_id = %s, "
        "key_account_start_date = %s WHERE name LIKE %s",
        band.id,
        manager.id,
        company.id,
        FIRST_MONTH,
        "Benchmark customer %",
    )
)
env.invalidate_all()
partners = env["res.partner"].search(
    [("name", "=like", "Benchmark customer %")], order="id"
)
month = add_months(date.today(), 1)
Visit = env["key.account.visit"]
Visit._plan_partners(partners[:10], [month])  # warm the caches
offset = 10
for size in (1000, 2000):
    batch = partners[offset : offset + size]
    offset += size
    env.flush_all()
    env.invalidate_all()
    before = cr.sql_log_count
    seconds, created = timed(lambda b=batch: Visit._plan_partners(b, [month]))
    env.flush_all()
    queries = cr.sql_log_count - before
    print(
        f"planning {size} accounts: {seconds:6.2f} s, {len(created)} contacts, "
        f"{queries} queries ({queries * 1000 / size:.0f} per 1,000 accounts, "
        f"{seconds * 1000 / size:.2f} s per 1,000 accounts)"
    )
if os.environ.get("BENCH_KEEP"):
    env.cr.commit()  # keep the data to study query plans
else:
    env.cr.rollback()
