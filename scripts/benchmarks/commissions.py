# Body of scripts/benchmarks/commissions.sh, run by `odoo-bin shell` after
# common.py (env, timed, invoice_lines_sql and payment_lines_sql are given).
# ruff: noqa: F821
import os
from datetime import date

from odoo.tools import SQL

from odoo.addons.key_account_service.tools.visit_schedule import add_months

MANAGERS = int(os.environ.get("BENCH_MANAGERS", "500"))
ACCOUNTS = int(os.environ.get("BENCH_ACCOUNTS", "20000"))
MONTHS = int(os.environ.get("BENCH_MONTHS", "12"))
FIRST = date(2025, 1, 1)
cr = env.cr
company = env.company
Generator = env["key.account.commission.generator"]


def accounting():
    journal = env["account.journal"].create(
        {"name": "Commission Benchmark", "type": "sale", "code": "CBEN"}
    )
    accounts = env["account.account"].create(
        [
            {"name": "Bench sales", "code": "CBEN01", "account_type": "income"},
            {
                "name": "Bench VAT",
                "code": "CBEN02",
                "account_type": "liability_current",
            },
            {
                "name": "Bench customers",
                "code": "CBEN03",
                "account_type": "asset_receivable",
                "reconcile": True,
            },
        ]
    )
    return journal, accounts


def generate():
    """Managers, key accounts and their roster, invoices (6% tax) and payments.

    Half the invoices are paid in full 20 days after their date, a quarter in
    two parts (40% after 25 days, 60% after 55), a quarter never.
    """
    users = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            [
                {
                    "name": f"Bench manager {n}",
                    "login": f"bench_manager_{n}",
                    "groups_id": [
                        (
                            4,
                            env.ref(
                                "key_account_service.key_account_service_group_user"
                            ).id,
                        )
                    ],
                }
                for n in range(MANAGERS)
            ]
        )
    )
    env["res.partner"].create(
        [{"name": f"Bench account {n}", "is_company": True} for n in range(ACCOUNTS)]
    )
    env.flush_all()
    journal, (income, tax, receivable) = accounting()
    cr.execute(
        SQL(
            """
            CREATE TEMP TABLE bench_manager AS
            SELECT id AS user_id, row_number() OVER (ORDER BY id) - 1 AS n
              FROM res_users WHERE id = ANY(%(users)s);
            UPDATE res_partner p
               SET is_key_account = TRUE, key_account_company_id = %(company)s,
                   key_account_start_date = %(start)s, key_account_tier = 'branch',
                   key_account_commission_base = 20000 + mod(p.id * 7919, 480000),
                   key_account_commission_base_date = %(start)s,
                   key_account_manager_id = m.user_id
              FROM bench_manager m
             WHERE p.name LIKE %(accounts)s AND mod(p.id, %(managers)s) = m.n;
            INSERT INTO key_account_roster (month, partner_id, user_id, company_id,
                                            date_from, date_to, days)
            SELECT d::date, p.id, p.key_account_manager_id, %(company)s, d::date,
                   (d + interval '1 month' - interval '1 day')::date,
                   EXTRACT(DAY FROM d + interval '1 month' - interval '1 day')
              FROM res_partner p
             CROSS JOIN generate_series(%(first)s::date, %(last)s::date,
                                        '1 month') d
             WHERE p.name LIKE %(accounts)s;
            CREATE TEMP TABLE bench_invoice AS
            SELECT p.id AS partner_id, m,
                   (%(first)s::date + make_interval(months => m, days => 4))::date
                       AS day,
                   (1000 + mod(p.id * 37 + m * 101, 20000))::numeric AS untaxed
              FROM res_partner p CROSS JOIN generate_series(0, %(months)s - 1) m
             WHERE p.name LIKE %(accounts)s;
            INSERT INTO account_move (
                name, move_type, state, date, invoice_date, journal_id, company_id,
                currency_id, partner_id, commercial_partner_id, auto_post,
                amount_untaxed, amount_total, amount_untaxed_signed,
                amount_total_signed, amount_residual, amount_residual_signed)
            SELECT 'CBEN/' || partner_id || '/' || m, 'out_invoice', 'posted', day,
                   day, %(journal)s, %(company)s, %(currency)s, partner_id,
                   partner_id, 'no', untaxed, untaxed * 1.06, untaxed,
                   untaxed * 1.06, 0, 0
              FROM bench_invoice;
            %(invoice_lines)s;
            INSERT INTO account_move (name, move_type, state, date, journal_id,
                                      company_id, currency_id, auto_post)
            VALUES ('CBEN-PAY', 'entry', 'posted', now(), %(journal)s, %(company)s,
                    %(currency)s, 'no');
            CREATE TEMP TABLE bench_payment AS
            SELECT l.id AS line_id, l.partner_id, l.date + part.days AS day,
                   ROUND(l.debit * part.share, 2) AS amount
              FROM account_move_line l
              JOIN account_move m ON m.id = l.move_id
              JOIN (VALUES (0, 1.0, 20), (1, 1.0, 20), (2, 0.4, 25), (2, 0.6, 55))
                   AS part(kind, share, days) ON part.kind = mod(l.move_id, 4)
             WHERE m.name LIKE %(bench)s AND l.display_type = 'payment_term';
            ALTER TABLE bench_payment ADD COLUMN key serial,
                                      ADD COLUMN payment_line_id integer;
            %(payment_lines)s;
            INSERT INTO account_partial_reconcile (
                debit_move_id, credit_move_id, amount, debit_amount_currency,
                credit_amount_currency, company_id, debit_currency_id,
                credit_currency_id, max_date)
            SELECT line_id, payment_line_id, amount, amount, amount, %(company)s,
                   %(currency)s, %(currency)s, day
              FROM bench_payment;
            ANALYZE res_partner, account_move, account_move_line,
                    account_partial_reconcile, key_account_roster;
            """,
            users=users.ids,
            managers=MANAGERS,
            company=company.id,
            currency=company.currency_id.id,
            start=FIRST.replace(year=FIRST.year - 1),
            first=FIRST,
            last=add_months(FIRST, MONTHS - 1),
            months=MONTHS,
            journal=journal.id,
            income=income.id,
            tax=tax.id,
            receivable=receivable.id,
            accounts="Bench account %",
            bench="CBEN/%",
            invoice_lines=invoice_lines_sql(
                "CBEN/%",
                SQL(
                    "('product', -1 / 1.06, %s), ('tax', -0.06 / 1.06, %s),"
                    " ('payment_term', 1, %s)",
                    income.id,
                    tax.id,
                    receivable.id,
                ),
            ),
            payment_lines=payment_lines_sql(
                "bench_payment", "CBEN-PAY", SQL("p.day"), receivable
            ),
        )
    )
    env.invalidate_all()


# The same collected sums: per manager and account, the untaxed share of every
# collection of the month, attributed by the roster on the invoice date.
RAW_SQL = """
SELECT r.user_id, inv.commercial_partner_id,
       SUM(ROUND(apr.amount * inv.amount_untaxed_signed
                 / NULLIF(inv.amount_total_signed, 0), 2))
  FROM account_partial_reconcile apr
  JOIN account_move_line dl ON dl.id = apr.debit_move_id
  JOIN account_move inv ON inv.id = dl.move_id AND inv.move_type = 'out_invoice'
  JOIN key_account_roster r
    ON r.partner_id = inv.commercial_partner_id
   AND inv.invoice_date BETWEEN r.date_from AND r.date_to
 WHERE apr.max_date BETWEEN %(month)s AND %(month_end)s
 GROUP BY 1, 2
"""

seconds, _ = timed(generate)
cr.execute("SELECT count(*) FROM account_partial_reconcile")
print(
    f"generated {MANAGERS} managers, {ACCOUNTS} key accounts, {MONTHS} months: "
    f"{cr.fetchone()[0]} collections in {seconds:.1f} s"
)
# Earlier months are settled first, as they would be in production.
for n in range(MONTHS - 1):
    month = add_months(FIRST, n)
    seconds, statements = timed(lambda m=month: Generator._generate(m, company))
    # confirmed, as their managers would (the state moves only through the
    # workflow buttons, which the benchmark skips)
    cr.execute(
        SQL(
            "UPDATE key_account_commission_statement SET state = 'confirmed'"
            " WHERE id = ANY(%s)",
            statements.ids,
        )
    )
    statements.invalidate_recordset(["state"])
    print(f"  {month:%Y-%m}: {len(statements)} statements in {seconds:.2f} s")

month = add_months(FIRST, MONTHS - 1)
params = {"month": month, "month_end": add_months(month, 1).replace(day=1)}
params["month_end"] = date.fromordinal(params["month_end"].toordinal() - 1)
cr.execute(RAW_SQL, params)  # warm the caches for both
raw_seconds, raw_rows = timed(lambda: (cr.execute(RAW_SQL, params), cr.fetchall())[1])
env.invalidate_all()
# How much of the drafting is spent writing the lines and matches (two INSERTs).
write_seconds = []
generator_class = type(Generator)
plain_insert = generator_class._insert


def timed_insert(self, *args):
    seconds, result = timed(lambda: plain_insert(self, *args))
    write_seconds.append(seconds)
    return result


generator_class._insert = timed_insert
before = cr.sql_log_count
draft_seconds, statements = timed(lambda: Generator._generate(month, company))
generator_class._insert = plain_insert
queries = cr.sql_log_count - before
redraft_seconds, _ = timed(lambda: Generator._generate(month, company))
collected = {
    (line.user_id.id, line.partner_id.id): line.collected
    for line in statements.line_ids
    if line.collected
}
raw = {(user, partner): amount for user, partner, amount in raw_rows if amount}
print(f"raw SQL collected sums:   {raw_seconds:7.2f} s  {len(raw_rows)} rows")
print(
    f"statements of {month:%Y-%m}:    {draft_seconds:7.2f} s  {len(statements)} "
    f"statements, {len(statements.line_ids)} lines  ratio "
    f"{draft_seconds / raw_seconds:.2f} (goal <= 2)"
)
print(
    f"  of which writing lines and matches: {write_seconds[0]:5.2f} s "
    f"({write_seconds[0] / raw_seconds:.1f} x the raw SQL)"
)
print(f"redrafting them:          {redraft_seconds:7.2f} s")
print(
    f"queries: {queries} for {len(statements)} statements "
    f"({queries / max(len(statements), 1):.2f} per statement)"
)
print(f"every collected sum equal to the raw SQL: {collected == raw}")
if os.environ.get("BENCH_KEEP"):
    env.cr.commit()
else:
    env.cr.rollback()
