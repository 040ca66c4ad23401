"""Every SQL statement of the commission engine, as ``SQL`` builders.

The statements are set-based on purpose: a month of statements for hundreds of
managers stays a few queries (see scripts/benchmarks/commissions.sh and the
query-count tests). The reads come back as named rows, so that no caller
depends on the order of a SELECT list. No ``env`` here: the callers flush what
the queries read.
"""

from typing import NamedTuple

from odoo.tools import SQL


class RosterRow(NamedTuple):
    """An account held by a manager in the month, with its net revenue."""

    user_id: int
    partner_id: int
    company_id: int
    revenue: float


class CandidateRow(NamedTuple):
    """An unsettled collection, with the manager it is credited to: the one
    who held the account when it was invoiced, or his successor after a
    transfer (``candidates_query``)."""

    partial_id: int
    invoice_id: int
    partner_id: int
    invoice_date: object
    collected_on: object
    amount: float
    untaxed: float
    total: float
    legal: bool
    user_id: int
    company_id: int


class ReversalRow(NamedTuple):
    """A settled collection whose reconciliation was undone since."""

    match_id: int
    invoice_id: int
    partner_id: int
    invoice_date: object
    amount: float
    net: float
    rate: float
    user_id: int
    company_id: int


class TotalsRow(NamedTuple):
    """The five totals of a statement."""

    statement_id: int
    account_count: int
    revenue: float
    collected: float
    excluded: float
    commission: float


def fetch(cr, query, row_type):
    """Run ``query`` and return its rows as ``row_type`` (a NamedTuple whose
    fields are the query's column names)."""
    cr.execute(query)
    return [row_type(**row) for row in cr.dictfetchall()]


def compensation_offset(debit_move, credit_move):
    """X1: a compensation credit note reconciled with a customer invoice (the
    monthly bill settled net of the compensation, as monthly-billed accounts
    do) collects that part of the invoice: the customer took the claim's
    payout in kind. An ordinary credit note settling an invoice does not (it
    lowers the revenue instead). ``debit_move`` and ``credit_move`` are the
    aliases of the two moves of a reconciliation."""
    return SQL(
        """(%(debit)s.move_type = 'out_invoice'
    AND %(debit)s.key_account_compensation IS NOT TRUE
    AND %(credit)s.move_type = 'out_refund'
    AND %(credit)s.key_account_compensation IS TRUE)""",
        debit=SQL.identifier(debit_move),
        credit=SQL.identifier(credit_move),
    )


def collections_query(partials):
    """What a collection is, for the statements and the matching screen alike:
    a payment reconciled with a customer invoice, or a cash refund reconciled
    with a credit note. Credit notes settling invoices and exchange differences
    are not cash, and compensation documents (X1: claims payouts and their
    reversals) are not revenue: paying compensation takes no commission back.
    A compensation credit note settling an invoice collects it, though
    (``compensation_offset``), on the reconciliation's date.
    ``partials`` (an ``SQL``, e.g. ``SQL.identifier(table)``) is
    the table of reconciliations to read."""
    return SQL(
        """
SELECT apr.id AS partial_id, apr.max_date AS collected_on,
       CASE WHEN dm.move_type = 'out_invoice' THEN dm.id ELSE cm.id END
           AS invoice_id,
       CASE WHEN dm.move_type = 'out_invoice' THEN apr.amount
            ELSE -apr.amount END AS amount
  FROM %(partials)s apr
  JOIN account_move_line dl ON dl.id = apr.debit_move_id
  JOIN account_move_line cl ON cl.id = apr.credit_move_id
  JOIN account_move dm ON dm.id = dl.move_id
  JOIN account_move cm ON cm.id = cl.move_id
 WHERE ((dm.move_type = 'out_invoice'
         AND dm.key_account_compensation IS NOT TRUE
         AND cm.move_type NOT IN ('out_invoice', 'out_refund'))
     OR %(offset)s
     OR (cm.move_type = 'out_refund'
         AND cm.key_account_compensation IS NOT TRUE
         AND dm.move_type NOT IN ('out_invoice', 'out_refund')))
   AND NOT EXISTS (SELECT 1 FROM account_partial_reconcile x
                    WHERE x.exchange_move_id IN (dm.id, cm.id))
""",
        partials=partials,
        offset=compensation_offset("dm", "cm"),
    )


OPEN_TABLE = "key_account_commission_open"


def drop_open_query():
    return SQL("DROP TABLE IF EXISTS %s", SQL.identifier(OPEN_TABLE))


def open_query(month_end, since):
    """The reconciliations up to the month end that no statement has settled
    yet, in a small analysed table so that the joins of the candidates start
    from them."""
    return SQL(
        """
CREATE TEMP TABLE %(open)s ON COMMIT DROP AS
SELECT apr.id, apr.debit_move_id, apr.credit_move_id, apr.amount, apr.max_date
  FROM account_partial_reconcile apr
 WHERE apr.max_date <= %(month_end)s
   AND apr.max_date >= %(since)s
   AND NOT EXISTS (SELECT 1 FROM key_account_commission_match m
                    WHERE m.partial_id = apr.id);
ANALYZE %(open)s;
""",
        open=SQL.identifier(OPEN_TABLE),
        month_end=month_end,
        since=since,
    )


def transfer_joins(roster, invoice_date, collected_on):
    """A manager transferred away earns nothing from the transfer date
    (000 §4.1(2)5(4)): two LEFT JOINs for the roster line ``roster`` (an
    alias, with partner_id and user_id) of an invoice of ``invoice_date``
    collected on ``collected_on`` (SQL expressions). ``moved`` is the
    transfer of that manager away from the account after the invoice date and
    on or before the collection date, ``now_held`` the roster line holding the
    account on the collection date; ``credited`` names whom the collection
    is credited to."""
    return SQL(
        """
  LEFT JOIN LATERAL (
        SELECT t.successor_id
          FROM key_account_transfer t
          JOIN key_account_transfer_partner_rel tp
            ON tp.transfer_id = t.id AND tp.partner_id = %(roster)s.partner_id
         WHERE t.user_id = %(roster)s.user_id
           AND t.state != 'draft'
           AND t.date > %(invoice_date)s
           AND t.date <= %(collected_on)s
         ORDER BY t.date
         LIMIT 1) moved ON TRUE
  LEFT JOIN key_account_roster now_held
    ON moved.successor_id IS NOT NULL
   AND now_held.partner_id = %(roster)s.partner_id
   AND %(collected_on)s BETWEEN now_held.date_from AND now_held.date_to
   AND now_held.user_id IS NOT NULL
""",
        roster=SQL.identifier(roster),
        invoice_date=invoice_date,
        collected_on=collected_on,
    )


def credited(roster, column):
    """The manager (``column`` "user_id") or his company ("company_id") a
    collection is credited to, after ``transfer_joins(roster, ...)``: the
    holder on the invoice date, or after a transfer the holder on the
    collection date (the transfer's successor when that day has no roster
    line)."""
    successor = SQL("moved.successor_id, ") if column == "user_id" else SQL()
    return SQL(
        "COALESCE(%s, %s%s)",
        SQL.identifier("now_held", column),
        successor,
        SQL.identifier(roster, column),
    )


def candidates_query(group_ids, company_ids):
    """Of the open reconciliations (``open_query``), the collections, with the
    manager they are credited to (``transfer_joins``): ``CandidateRow``."""
    return SQL(
        """
WITH collections AS (%(collections)s)
SELECT c.partial_id, inv.id AS invoice_id,
       inv.commercial_partner_id AS partner_id, inv.invoice_date,
       c.collected_on, c.amount,
       inv.amount_untaxed_signed AS untaxed, inv.amount_total_signed AS total,
       COALESCE(inv.key_account_legal_recovery, FALSE) AS legal,
       %(user)s AS user_id, %(company)s AS company_id
  FROM collections c
  JOIN account_move inv ON inv.id = c.invoice_id
  JOIN key_account_roster r
    ON r.partner_id = inv.commercial_partner_id
   AND inv.invoice_date BETWEEN r.date_from AND r.date_to
%(transfers)s
 WHERE inv.state = 'posted'
   AND inv.company_id = ANY(%(group)s)
   AND %(company)s = ANY(%(companies)s)
   AND r.user_id IS NOT NULL
""",
        collections=collections_query(SQL.identifier(OPEN_TABLE)),
        transfers=transfer_joins("r", SQL("inv.invoice_date"), SQL("c.collected_on")),
        user=credited("r", "user_id"),
        company=credited("r", "company_id"),
        group=list(group_ids),
        companies=list(company_ids),
    )


def reversals_query(month, company_ids):
    """Collections settled on a confirmed statement before ``month`` whose
    reconciliation was undone since, not yet taken back: ``ReversalRow``."""
    return SQL(
        """
SELECT m.id AS match_id, m.invoice_id, l.partner_id, m.invoice_date, m.amount,
       m.net, m.rate, s.user_id, s.company_id
  FROM key_account_commission_match m
  JOIN key_account_commission_line l ON l.id = m.line_id
  JOIN key_account_commission_statement s ON s.id = l.statement_id
 WHERE m.partial_id IS NULL
   AND m.reversed_match_id IS NULL
   AND m.excluded_reason IS NULL
   AND s.state != 'draft'
   AND s.month < %(month)s
   AND s.company_id = ANY(%(companies)s)
   AND NOT EXISTS (SELECT 1 FROM key_account_commission_match rev
                    WHERE rev.reversed_match_id = m.id)
""",
        month=month,
        companies=list(company_ids),
    )


def roster_query(month, group_ids, company_ids):
    """The month's roster with each account's net revenue invoiced while
    held, compensation documents left out (X1): ``RosterRow``."""
    return SQL(
        """
SELECT r.user_id, r.partner_id, r.company_id,
       COALESCE(SUM(m.amount_untaxed_signed), 0) AS revenue
  FROM key_account_roster r
  LEFT JOIN account_move m
    ON m.commercial_partner_id = r.partner_id
   AND m.invoice_date BETWEEN r.date_from AND r.date_to
   AND m.state = 'posted'
   AND m.move_type IN ('out_invoice', 'out_refund')
   AND m.key_account_compensation IS NOT TRUE
   AND m.company_id = ANY(%(group)s)
 WHERE r.month = %(month)s
   AND r.company_id = ANY(%(companies)s)
   AND r.user_id IS NOT NULL
 GROUP BY 1, 2, 3
""",
        month=month,
        group=list(group_ids),
        companies=list(company_ids),
    )


def unrostered_accounts_query(month, company_ids):
    """The key accounts of ``company_ids`` without a roster row for ``month``."""
    return SQL(
        """SELECT p.id FROM res_partner p
            WHERE p.is_key_account AND p.key_account_company_id = ANY(%s)
              AND NOT EXISTS (SELECT 1 FROM key_account_roster r
                               WHERE r.partner_id = p.id AND r.month = %s)""",
        list(company_ids),
        month,
    )


def delete_account_lines_query(statement_ids):
    """Redrafting: the drafts' account lines (and, by cascade, their matches)
    go, so that their collections go back to the pool."""
    return SQL(
        "DELETE FROM key_account_commission_line"
        " WHERE statement_id = ANY(%s) AND kind = 'account'",
        list(statement_ids),
    )


def insert_rows_query(table, columns, returning=()):
    """``INSERT INTO table (columns) SELECT * FROM unnest(arrays)``: one query
    for any number of rows. ``columns`` is a list of (name, SQL type, values);
    ``returning`` names the columns to return."""
    query = SQL(
        "INSERT INTO %s (%s) SELECT * FROM unnest(%s)",
        SQL.identifier(table),
        SQL(", ").join(SQL.identifier(name) for name, _type, _values in columns),
        SQL(", ").join(
            SQL(f"%s::{sql_type}[]", list(values))
            for _name, sql_type, values in columns
        ),
    )
    if returning:
        query = SQL(
            "%s RETURNING %s",
            query,
            SQL(", ").join(SQL.identifier(name) for name in returning),
        )
    return query


def statement_totals_query(statement_ids):
    """The five totals of each statement, from its lines: ``TotalsRow``. The
    one definition of a statement's accounts, net revenue, collected,
    excluded and commission."""
    return SQL(
        """
SELECT s.id AS statement_id,
       COUNT(DISTINCT l.partner_id) FILTER (WHERE l.kind = 'account')
           AS account_count,
       COALESCE(SUM(l.revenue), 0) AS revenue,
       COALESCE(SUM(l.collected), 0) AS collected,
       COALESCE(SUM(COALESCE(l.excluded_late, 0) + COALESCE(l.excluded_legal, 0)), 0)
           AS excluded,
       COALESCE(SUM(l.commission), 0) AS commission
  FROM key_account_commission_statement s
  LEFT JOIN key_account_commission_line l ON l.statement_id = s.id
 WHERE s.id = ANY(%s)
 GROUP BY s.id
""",
        list(statement_ids),
    )
