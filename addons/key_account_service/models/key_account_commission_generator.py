from typing import NamedTuple

from odoo import api, models

from ..tools import commission_sql as queries
from ..tools import first_of_month, last_of_month
from ..tools.commission import Collection, collected_net, exclusion_reason, settle
from ..tools.commission_sql import CandidateRow, ReversalRow, RosterRow, fetch


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
        month_end = last_of_month(month)
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
        since = root.key_account_commission_since or month.replace(year=1900)

        def wanted(user_id, company_id):
            return (user_id, company_id) not in closed_keys and (
                not user_ids or user_id in user_ids
            )

        cr = self.env.cr
        roster = [
            row
            for row in fetch(
                cr, queries.roster_query(month, group.ids, companies.ids), RosterRow
            )
            if wanted(row.user_id, row.company_id)
        ]
        cr.execute(queries.drop_open_query())
        # Redrafting: the drafts' collections go back to the pool first.
        cr.execute(queries.delete_account_lines_query(drafts.ids))
        cr.execute(queries.open_query(month_end, since))
        # the candidates read the transfers (a collection after a transfer
        # goes to the successor)
        self.env["key.account.transfer"].flush_model(
            ["user_id", "successor_id", "date", "state", "partner_ids"]
        )
        candidates = [
            row
            for row in fetch(
                cr, queries.candidates_query(group.ids, companies.ids), CandidateRow
            )
            if wanted(row.user_id, row.company_id)
        ]
        reversals = [
            row
            for row in fetch(
                cr, queries.reversals_query(month, companies.ids), ReversalRow
            )
            if wanted(row.user_id, row.company_id)
        ]

        rates = self.env["key.account.commission.rate"]._rates(
            {(row.partner_id, month, row.user_id) for row in roster}
            | {
                (row.partner_id, first_of_month(row.invoice_date), row.user_id)
                for row in candidates
            }
        )
        pairs = {
            (row.user_id, row.company_id) for row in [*roster, *candidates, *reversals]
        }
        statement_of = self._ensure_statements(month, pairs, drafts)
        forfeit = root.key_account_commission_forfeit_months

        revenue = {}
        collections, details = [], []
        for row in roster:
            key = (statement_of[row.user_id, row.company_id], row.partner_id)
            rate = rates[row.partner_id, month, row.user_id] or 0.0
            revenue[key, rate] = revenue.get((key, rate), 0.0) + float(row.revenue)
        for row in candidates:
            key = (statement_of[row.user_id, row.company_id], row.partner_id)
            invoice_month = first_of_month(row.invoice_date)
            rate = rates[row.partner_id, invoice_month, row.user_id] or 0.0
            net = collected_net(float(row.amount), float(row.untaxed), float(row.total))
            reason = exclusion_reason(
                row.invoice_date, row.collected_on, row.legal, forfeit
            )
            collections.append(Collection(key, rate, net, reason))
            details.append(
                MatchRow(
                    key=key,
                    rate=rate,
                    partial=row.partial_id,
                    invoice=row.invoice_id,
                    invoice_date=row.invoice_date,
                    collected_on=row.collected_on,
                    amount=row.amount,
                    net=net,
                    reason=reason,
                )
            )
        for row in reversals:
            key = (statement_of[row.user_id, row.company_id], row.partner_id)
            rate = float(row.rate)
            collections.append(Collection(key, rate, -float(row.net)))
            details.append(
                MatchRow(
                    key=key,
                    rate=rate,
                    partial=None,
                    invoice=row.invoice_id,
                    invoice_date=row.invoice_date,
                    collected_on=month_end,
                    amount=-row.amount,
                    net=-row.net,
                    reversed_id=row.match_id,
                )
            )
        self._insert(settle(collections), revenue, details)
        for model in ("line", "match"):
            self.env[f"key.account.commission.{model}"].invalidate_model()
        # the lines changed under the statements, the rest of them did not
        Statement.invalidate_model(["line_ids", "match_ids"])
        statements = Statement.browse(sorted(set(statement_of.values())))
        # the totals come from the one definition, the statement's compute
        statements.with_context(tracking_disable=True)._recompute_totals()
        return statements

    def _snapshot_roster(self, month, companies):
        """Make sure the month's roster exists (its own cron normally did it)."""
        self.env.cr.execute(queries.unrostered_accounts_query(month, companies.ids))
        missing = [row[0] for row in self.env.cr.fetchall()]
        if missing:
            Roster = self.env["key.account.roster"]
            Roster._snapshot(month, self.env["res.partner"].browse(missing))
            Roster.flush_model()

    @api.model
    def _prepare_statement_vals(self, month, user_id, company_id):
        """The values of a new draft statement (a seam for other addons)."""
        return {"month": month, "user_id": user_id, "company_id": company_id}

    def _ensure_statements(self, month, pairs, drafts):
        """{(manager id, company id): draft statement id}, creating the missing."""
        Statement = self.env["key.account.commission.statement"]
        statement_of = {(s.user_id.id, s.company_id.id): s.id for s in drafts}
        missing = sorted(pair for pair in pairs if pair not in statement_of)
        created = Statement.with_context(
            tracking_disable=True, mail_create_nolog=True
        ).create(
            [
                self._prepare_statement_vals(month, user_id, company_id)
                for user_id, company_id in missing
            ]
        )
        statement_of.update({(s.user_id.id, s.company_id.id): s.id for s in created})
        Statement.flush_model()
        return statement_of

    @api.model
    def _prepare_commission_line_vals(
        self, statement_id, partner_id, rate, revenue, totals
    ):
        """The column values of a key-account line, as written by ``_insert``.

        ``totals`` is (collected, forfeited late, legal recovery, commission).
        Another addon extends the dict to fill a column of its own: the keys
        are stored fields of key.account.commission.line.
        """
        collected, late, legal, commission = totals
        return {
            "statement_id": statement_id,
            "kind": "account",
            "partner_id": partner_id,
            "rate": rate,
            "revenue": revenue,
            "collected": collected,
            "excluded_late": late,
            "excluded_legal": legal,
            "commission": commission,
        }

    def _insert_lines(self, vals_list):
        """Write lines from their ``_prepare_commission_line_vals`` in one query.

        The lines are many and nobody edits them, so they are inserted set-based
        rather than created one by one; the log columns are filled here.
        Returns [(line id, statement id, partner id, rate)].
        """
        Line = self.env["key.account.commission.line"]
        now = self.env.cr.now()
        log = {"create_uid": self.env.uid, "create_date": now}
        log.update(write_uid=self.env.uid, write_date=now)
        names = sorted({name for vals in vals_list for name in vals} - set(log))
        columns = []
        for name in [*names, *log]:
            field = Line._fields[name]
            if name in log:
                values = [log[name]] * len(vals_list)
            else:
                # raw values, cast by the column type (False is NULL but
                # for a boolean)
                boolean = field.type == "boolean"
                values = [vals.get(name) for vals in vals_list]
                values = [v if v is not False or boolean else None for v in values]
            columns.append((name, field.column_type[1], values))
        self.env.cr.execute(
            queries.insert_rows_query(
                Line._table, columns, ("id", "statement_id", "partner_id", "rate")
            )
        )
        return self.env.cr.fetchall()

    def _insert(self, totals, revenue, details):
        """Write the lines (with their revenue) and the matches behind them."""
        keys = sorted(set(totals) | set(revenue))
        zero = (0.0, 0.0, 0.0, 0.0)
        rows = self._insert_lines(
            [
                self._prepare_commission_line_vals(
                    statement_id=key[0][0],
                    partner_id=key[0][1],
                    rate=key[1],
                    revenue=revenue.get(key, 0.0),
                    totals=totals.get(key, zero),
                )
                for key in keys
            ]
        )
        line_of = {
            ((statement, partner), round(float(rate), 2)): line_id
            for line_id, statement, partner, rate in rows
        }
        self.env.cr.execute(
            queries.insert_rows_query(
                "key_account_commission_match",
                [
                    (
                        "line_id",
                        "int",
                        [line_of[d.key, round(d.rate, 2)] for d in details],
                    ),
                    ("partial_id", "int", [d.partial for d in details]),
                    ("invoice_id", "int", [d.invoice for d in details]),
                    ("invoice_date", "date", [d.invoice_date for d in details]),
                    ("collected_on", "date", [d.collected_on for d in details]),
                    ("amount", "numeric", [d.amount for d in details]),
                    ("net", "numeric", [d.net for d in details]),
                    ("rate", "numeric", [d.rate for d in details]),
                    ("excluded_reason", "varchar", [d.reason for d in details]),
                    ("reversed_match_id", "int", [d.reversed_id for d in details]),
                ],
            )
        )
