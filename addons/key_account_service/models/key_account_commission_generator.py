from datetime import timedelta
from typing import NamedTuple

from odoo import api, models
from odoo.tools import SQL

from ..tools.commission import Collection, collected_net, exclusion_reason, settle
from ..tools.visit_schedule import add_months, first_of_month

# The reconciliations up to the month end that no statement has settled yet,
# in a small analysed table so that the joins below start from them.
OPEN_SQL = """
CREATE TEMP TABLE key_account_commission_open ON COMMIT DROP AS
SELECT apr.id, apr.debit_move_id, apr.credit_move_id, apr.amount, apr.max_date
  FROM account_partial_reconcile apr
 WHERE apr.max_date <= %(month_end)s
   AND apr.max_date >= %(since)s
   AND NOT EXISTS (SELECT 1 FROM key_account_commission_match m
                    WHERE m.partial_id = apr.id);
ANALYZE key_account_commission_open;
"""

# What a collection is, for the statements and the matching screen alike: a
# payment reconciled with a customer invoice, or a cash refund reconciled with
# a credit note. Credit notes settling invoices and exchange differences are
# not cash. {partials} names the table of reconciliations to read.
COLLECTIONS_SQL = """
SELECT apr.id AS partial_id, apr.max_date AS collected_on,
       CASE WHEN dm.move_type = 'out_invoice' THEN dm.id ELSE cm.id END
           AS invoice_id,
       CASE WHEN dm.move_type = 'out_invoice' THEN apr.amount
            ELSE -apr.amount END AS amount
  FROM {partials} apr
  JOIN account_move_line dl ON dl.id = apr.debit_move_id
  JOIN account_move_line cl ON cl.id = apr.credit_move_id
  JOIN account_move dm ON dm.id = dl.move_id
  JOIN account_move cm ON cm.id = cl.move_id
 WHERE ((dm.move_type = 'out_invoice'
         AND cm.move_type NOT IN ('out_invoice', 'out_refund'))
     OR (cm.move_type = 'out_refund'
         AND dm.move_type NOT IN ('out_invoice', 'out_refund')))
   AND NOT EXISTS (SELECT 1 FROM account_partial_reconcile x
                    WHERE x.exchange_move_id IN (dm.id, cm.id))
"""

# Of the open reconciliations, the collections, with the manager who held the
# account on the invoice date.
CANDIDATES_SQL = (
    "WITH collections AS ("
    + COLLECTIONS_SQL.format(partials="key_account_commission_open")
    + """)
SELECT c.partial_id, inv.id AS invoice_id,
       inv.commercial_partner_id AS partner_id, inv.invoice_date,
       c.collected_on, c.amount,
       inv.amount_untaxed_signed AS untaxed, inv.amount_total_signed AS total,
       COALESCE(inv.key_account_legal_recovery, FALSE) AS legal,
       r.user_id, r.company_id
  FROM collections c
  JOIN account_move inv ON inv.id = c.invoice_id
  JOIN key_account_roster r
    ON r.partner_id = inv.commercial_partner_id
   AND inv.invoice_date BETWEEN r.date_from AND r.date_to
 WHERE inv.state = 'posted'
   AND inv.company_id = ANY(%(group)s)
   AND r.company_id = ANY(%(companies)s)
   AND r.user_id IS NOT NULL
"""
)

# Collections settled on a confirmed statement whose reconciliation was undone
# since: a later statement takes their commission back.
REVERSALS_SQL = """
SELECT m.id, m.invoice_id, l.partner_id, m.invoice_date, m.amount, m.net,
       m.rate, s.user_id, s.company_id
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
"""

# The month's roster with each account's net revenue invoiced while held.
ROSTER_SQL = """
SELECT r.user_id, r.partner_id, r.company_id,
       COALESCE(SUM(m.amount_untaxed_signed), 0) AS revenue
  FROM key_account_roster r
  LEFT JOIN account_move m
    ON m.commercial_partner_id = r.partner_id
   AND m.invoice_date BETWEEN r.date_from AND r.date_to
   AND m.state = 'posted'
   AND m.move_type IN ('out_invoice', 'out_refund')
   AND m.company_id = ANY(%(group)s)
 WHERE r.month = %(month)s
   AND r.company_id = ANY(%(companies)s)
   AND r.user_id IS NOT NULL
 GROUP BY 1, 2, 3
"""

INSERT_LINES_SQL = """
INSERT INTO key_account_commission_line (
    statement_id, kind, partner_id, rate, revenue, collected, excluded_late,
    excluded_legal, commission, create_uid, create_date, write_uid, write_date)
SELECT v.statement_id, 'account', v.partner_id, v.rate, v.revenue, v.collected,
       v.late, v.legal, v.commission, %(uid)s, %(now)s, %(uid)s, %(now)s
  FROM unnest(%(statements)s::int[], %(partners)s::int[], %(rates)s::numeric[],
              %(revenues)s::numeric[], %(collected)s::numeric[],
              %(late)s::numeric[], %(legal)s::numeric[],
              %(commissions)s::numeric[])
       AS v(statement_id, partner_id, rate, revenue, collected, late, legal,
            commission)
RETURNING id, statement_id, partner_id, rate
"""

INSERT_MATCHES_SQL = """
INSERT INTO key_account_commission_match (
    line_id, partial_id, invoice_id, invoice_date, collected_on, amount, net,
    rate, excluded_reason, reversed_match_id)
SELECT * FROM unnest(%(lines)s::int[], %(partials)s::int[], %(invoices)s::int[],
                     %(invoice_dates)s::date[], %(collected_on)s::date[],
                     %(amounts)s::numeric[], %(nets)s::numeric[],
                     %(rates)s::numeric[], %(reasons)s::varchar[],
                     %(reversed)s::int[])
"""

TOTALS_SQL = """
UPDATE key_account_commission_statement s
   SET account_count = t.accounts, revenue = t.revenue, collected = t.collected,
       excluded = t.excluded, commission = t.commission
  FROM (SELECT s.id,
               COUNT(DISTINCT l.partner_id) FILTER (WHERE l.kind = 'account')
                   AS accounts,
               COALESCE(SUM(l.revenue), 0) AS revenue,
               COALESCE(SUM(l.collected), 0) AS collected,
               COALESCE(SUM(l.excluded_late + l.excluded_legal), 0) AS excluded,
               COALESCE(SUM(l.commission), 0) AS commission
          FROM key_account_commission_statement s
          LEFT JOIN key_account_commission_line l ON l.statement_id = s.id
         WHERE s.id = ANY(%(statements)s)
         GROUP BY s.id) t
 WHERE s.id = t.id
"""


class MatchRow(NamedTuple):
    """A settled collection, as written to key_account_commission_match."""

    key: tuple  # (statement id, account id): the line it goes on, with the rate
    rate: float
    partial: int | None  # None for a reversal
    invoice: int
    invoice_date: object
    collected_on: object
    amount: float
    net: float
    reason: str | None = None  # the exclusion reason, None when it earns
    reversed_id: int | None = None  # the match a reversal takes back


class KeyAccountCommissionGenerator(models.AbstractModel):
    """Drafts the month's commission statements in a few set-based queries.

    Runs as superuser after the caller's access checks: it writes lines and
    matches that nobody edits by hand.
    """

    _name = "key.account.commission.generator"
    _description = "Key Account Commission Statement Generation"

    @api.model
    def _generate(self, month, companies, users=None):
        """Draft (or redraft) the statements of ``month`` for ``companies``.

        Statements past draft are left alone: their managers' new collections
        wait for the next month's statement. Running it again changes nothing.
        """
        month = first_of_month(month)
        statements = self.env["key.account.commission.statement"]
        for root in companies.root_id:
            statements |= self._generate_group(
                month, companies.filtered(lambda c, r=root: c.root_id == r), users
            )
        return statements

    def _generate_group(self, month, companies, users):
        root = companies.root_id
        group = self.env["res.company"].search([("id", "child_of", root.id)])
        month_end = add_months(month, 1) - timedelta(days=1)
        self._snapshot_roster(month, companies)
        Statement = self.env["key.account.commission.statement"]
        existing = Statement.search(
            [
                ("month", "=", month),
                ("company_id", "in", companies.ids),
                *([("user_id", "in", users.ids)] if users else []),
            ]
        )
        drafts = existing.filtered(lambda s: s.state == "draft")
        closed_keys = {(s.user_id.id, s.company_id.id) for s in existing - drafts}
        user_ids = set(users.ids) if users else set()
        params = {
            "month": month,
            "month_end": month_end,
            "since": root.key_account_commission_since or month.replace(year=1900),
            "group": group.ids,
            "companies": companies.ids,
        }

        def wanted(user_id, company_id):
            return (user_id, company_id) not in closed_keys and (
                not user_ids or user_id in user_ids
            )

        cr = self.env.cr
        cr.execute(ROSTER_SQL, params)
        roster = [row for row in cr.fetchall() if wanted(row[0], row[2])]
        cr.execute("DROP TABLE IF EXISTS key_account_commission_open")
        # Redrafting: the drafts' collections go back to the pool first.
        cr.execute(
            SQL(
                "DELETE FROM key_account_commission_line"
                " WHERE statement_id = ANY(%s) AND kind = 'account'",
                drafts.ids,
            )
        )
        cr.execute(OPEN_SQL, params)
        cr.execute(CANDIDATES_SQL, params)
        candidates = [row for row in cr.fetchall() if wanted(row[9], row[10])]
        cr.execute(REVERSALS_SQL, params)
        reversals = [row for row in cr.fetchall() if wanted(row[7], row[8])]

        rates = self.env["key.account.commission.rate"]._rates(
            {(p, month, u) for u, p, _c, _r in roster}
            | {(row[2], first_of_month(row[3]), row[9]) for row in candidates}
        )
        pairs = (
            {(u, c) for u, _p, c, _r in roster}
            | {(row[9], row[10]) for row in candidates}
            | {(row[7], row[8]) for row in reversals}
        )
        statement_of = self._ensure_statements(month, pairs, drafts)
        forfeit = root.key_account_commission_forfeit_months

        revenue = {}
        collections, details = [], []
        for user_id, partner_id, company_id, amount in roster:
            key = (statement_of[user_id, company_id], partner_id)
            rate = rates[partner_id, month, user_id] or 0.0
            revenue[key, rate] = revenue.get((key, rate), 0.0) + float(amount)
        for row in candidates:
            partial, invoice, partner_id, invoice_date, collected_on = row[:5]
            amount, untaxed, total, legal, user_id, company_id = row[5:]
            key = (statement_of[user_id, company_id], partner_id)
            rate = rates[partner_id, first_of_month(invoice_date), user_id] or 0.0
            net = collected_net(float(amount), float(untaxed), float(total))
            reason = exclusion_reason(invoice_date, collected_on, legal, forfeit)
            collections.append(Collection(key, rate, net, reason))
            details.append(
                MatchRow(
                    key=key,
                    rate=rate,
                    partial=partial,
                    invoice=invoice,
                    invoice_date=invoice_date,
                    collected_on=collected_on,
                    amount=amount,
                    net=net,
                    reason=reason,
                )
            )
        for row in reversals:
            match_id, invoice, partner_id, invoice_date, amount, net, rate = row[:7]
            key = (statement_of[row[7], row[8]], partner_id)
            rate = float(rate)
            collections.append(Collection(key, rate, -float(net)))
            details.append(
                MatchRow(
                    key=key,
                    rate=rate,
                    partial=None,
                    invoice=invoice,
                    invoice_date=invoice_date,
                    collected_on=month_end,
                    amount=-amount,
                    net=-net,
                    reversed_id=match_id,
                )
            )
        self._insert(settle(collections), revenue, details)
        statements = Statement.browse(set(statement_of.values()))
        cr.execute(SQL(TOTALS_SQL, statements=statements.ids))
        for model in ("statement", "line", "match"):
            self.env[f"key.account.commission.{model}"].invalidate_model()
        return statements

    def _snapshot_roster(self, month, companies):
        """Make sure the month's roster exists (its own cron normally did it)."""
        self.env.cr.execute(
            SQL(
                """SELECT p.id FROM res_partner p
                    WHERE p.is_key_account AND p.key_account_company_id = ANY(%s)
                      AND NOT EXISTS (SELECT 1 FROM key_account_roster r
                                       WHERE r.partner_id = p.id AND r.month = %s)""",
                companies.ids,
                month,
            )
        )
        missing = [row[0] for row in self.env.cr.fetchall()]
        if missing:
            Roster = self.env["key.account.roster"]
            Roster._snapshot(month, self.env["res.partner"].browse(missing))
            Roster.flush_model()

    def _ensure_statements(self, month, pairs, drafts):
        """{(manager id, company id): draft statement id}, creating the missing."""
        Statement = self.env["key.account.commission.statement"]
        statement_of = {(s.user_id.id, s.company_id.id): s.id for s in drafts}
        missing = sorted(pair for pair in pairs if pair not in statement_of)
        created = Statement.with_context(
            tracking_disable=True, mail_create_nolog=True
        ).create(
            [
                {"month": month, "user_id": user_id, "company_id": company_id}
                for user_id, company_id in missing
            ]
        )
        statement_of.update({(s.user_id.id, s.company_id.id): s.id for s in created})
        Statement.flush_model()
        return statement_of

    def _insert(self, totals, revenue, details):
        """Write the lines (with their revenue) and the matches behind them."""
        keys = sorted(set(totals) | set(revenue))
        zero = (0.0, 0.0, 0.0, 0.0)
        now = self.env.cr.now()
        self.env.cr.execute(
            INSERT_LINES_SQL,
            {
                "statements": [key[0][0] for key in keys],
                "partners": [key[0][1] for key in keys],
                "rates": [key[1] for key in keys],
                "revenues": [revenue.get(key, 0.0) for key in keys],
                "collected": [totals.get(key, zero)[0] for key in keys],
                "late": [totals.get(key, zero)[1] for key in keys],
                "legal": [totals.get(key, zero)[2] for key in keys],
                "commissions": [totals.get(key, zero)[3] for key in keys],
                "uid": self.env.uid,
                "now": now,
            },
        )
        line_of = {
            ((statement, partner), round(float(rate), 2)): line_id
            for line_id, statement, partner, rate in self.env.cr.fetchall()
        }
        self.env.cr.execute(
            INSERT_MATCHES_SQL,
            {
                "lines": [line_of[d.key, round(d.rate, 2)] for d in details],
                "partials": [d.partial for d in details],
                "invoices": [d.invoice for d in details],
                "invoice_dates": [d.invoice_date for d in details],
                "collected_on": [d.collected_on for d in details],
                "amounts": [d.amount for d in details],
                "nets": [d.net for d in details],
                "rates": [d.rate for d in details],
                "reasons": [d.reason for d in details],
                "reversed": [d.reversed_id for d in details],
            },
        )
