# Shared by the benchmark bodies: common.sh runs this file ahead of each body in
# one `odoo-bin shell` (env is given), so these names are the body's own.
# ruff: noqa: F821
import time

from odoo.tools import SQL


def timed(function):
    """How long ``function`` takes, in seconds, and what it returns."""
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def invoice_lines_sql(name_like, kinds):
    """The journal items of every generated invoice named like ``name_like``,
    written straight in SQL: one per row of ``kinds`` (an SQL VALUES list of
    display type, share of the signed total, account)."""
    return SQL(
        """
        INSERT INTO account_move_line (
            move_id, company_id, journal_id, date, partner_id, currency_id,
            company_currency_id, display_type, name, balance, debit, credit,
            amount_currency, parent_state, account_id)
        SELECT m.id, m.company_id, m.journal_id, m.date, m.partner_id,
               m.currency_id, m.currency_id, kind.display_type, kind.display_type,
               kind.share * m.amount_total_signed,
               GREATEST(kind.share * m.amount_total_signed, 0),
               GREATEST(-kind.share * m.amount_total_signed, 0),
               kind.share * m.amount_total_signed, 'posted', kind.account_id
          FROM account_move m
         CROSS JOIN (VALUES %s) AS kind(display_type, share, account_id)
         WHERE m.name LIKE %s
        """,
        kinds,
        name_like,
    )


def payment_lines_sql(payments, entry, day, receivable):
    """The payment side of each row of the temporary table ``payments``
    (partner_id, amount, a unique ``key`` and an empty payment_line_id, filled
    here), as items of the one payment entry named ``entry`` on ``day`` (an SQL
    expression over the table)."""
    company = env.company
    return SQL(
        """
        WITH payment_lines AS (
            INSERT INTO account_move_line (
                move_id, company_id, journal_id, date, partner_id, currency_id,
                company_currency_id, display_type, name, balance, debit, credit,
                amount_currency, parent_state, account_id)
            SELECT e.id, e.company_id, e.journal_id, %(day)s, p.partner_id,
                   %(currency)s, %(currency)s, 'product', p.key::text, -p.amount, 0,
                   p.amount, -p.amount, 'posted', %(receivable)s
              FROM %(payments)s p JOIN account_move e ON e.name = %(entry)s
            RETURNING id, name)
        UPDATE %(payments)s p SET payment_line_id = payment_lines.id
          FROM payment_lines WHERE payment_lines.name = p.key::text
        """,
        payments=SQL.identifier(payments),
        entry=entry,
        day=day,
        currency=company.currency_id.id,
        receivable=receivable.id,
    )
