from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import add_months, first_of_month, last_of_month


class KeyAccountRoster(models.Model):
    """Who held which key account, day by day within a month (CM-4).

    The roster of a month is the basis of that month's commission statement. A
    reassignment during the month splits it at the move date: the new manager
    earns from that day on.
    """

    _name = "key.account.roster"
    _description = "Key Account Roster"
    _order = "month desc, user_id, partner_id, date_from"
    _check_company_auto = True

    month = fields.Date(required=True, index=True, readonly=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Key Account",
        required=True,
        index=True,
        readonly=True,
        check_company=True,
    )
    user_id = fields.Many2one(
        "res.users", string="Account Manager", index=True, readonly=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True
    )
    date_from = fields.Date(required=True, readonly=True)
    date_to = fields.Date(required=True, readonly=True)
    days = fields.Integer(compute="_compute_days", store=True)

    _sql_constraints = [
        (
            "partner_period_uniq",
            "UNIQUE(partner_id, date_from)",
            "An account has one roster line starting on a given day.",
        ),
        (
            "dates_ordered",
            "CHECK(date_from <= date_to)",
            "A roster line ends after it starts.",
        ),
    ]

    @api.depends("date_from", "date_to")
    def _compute_days(self):
        for line in self:
            line.days = (line.date_to - line.date_from).days + 1

    @api.model
    def _month_end(self, month):
        return last_of_month(month)

    @api.model
    def _prepare_roster_vals(self, partner, user, date_from, date_to):
        """``user`` held ``partner`` from ``date_from`` to ``date_to``."""
        return {
            "month": first_of_month(date_from),
            "partner_id": partner.id,
            "user_id": user.id,
            "company_id": partner._key_account_serving_company().id,
            "date_from": date_from,
            "date_to": date_to,
        }

    @api.model
    def _record_move(self, partners, day, previous):
        """``partners`` have a new manager from ``day``: split their month there.

        ``previous`` maps each partner to the manager it had until then.
        """
        month = first_of_month(day)
        month_end = self._month_end(month)
        lines = self.search([("partner_id", "in", partners.ids), ("month", "=", month)])
        vals_list = []
        for partner in partners.filtered("is_key_account"):
            start = max(month, partner.key_account_start_date or month)
            mine = lines.filtered(lambda line, p=partner: line.partner_id == p)
            if not mine and previous.get(partner) and start < day:
                # No line yet this month: the previous manager held it until now.
                vals_list.append(
                    self._prepare_roster_vals(
                        partner, previous[partner], start, day - timedelta(days=1)
                    )
                )
            for line in mine.filtered(lambda line: line.date_to >= day):
                if line.date_from >= day:
                    line.unlink()  # its manager never held it this month
                else:
                    line.date_to = day - timedelta(days=1)
            if max(day, start) <= month_end:  # not before it starts
                vals_list.append(
                    self._prepare_roster_vals(
                        partner,
                        partner.key_account_manager_id,
                        max(day, start),
                        month_end,
                    )
                )
        self.create(vals_list)

    @api.model
    def _snapshot(self, month, partners):
        """Give ``partners`` a whole-month line in ``month`` unless they have lines."""
        month_end = self._month_end(month)
        held = set(
            self.search(
                [("partner_id", "in", partners.ids), ("month", "=", month)]
            ).partner_id.ids
        )
        self.create(
            [
                self._prepare_roster_vals(
                    partner,
                    partner.key_account_manager_id,
                    max(month, partner.key_account_start_date or month),
                    month_end,
                )
                for partner in partners
                if partner.id not in held
                and (
                    not partner.key_account_start_date
                    or partner.key_account_start_date <= month_end
                )
            ]
        )

    @api.model
    def _cron_snapshot(self, batch_size=1000):
        """At month end: the last month's roster for every key account.

        Contract-shaped: the accounts come from ``_get_snapshot_domain``, each
        serving branch's get their lines from ``_snapshot`` in that company.
        Idempotent: an account with a line in the month leaves the domain, so a
        rerun or a resumed run snapshots only the others.
        """
        month = add_months(first_of_month(fields.Date.context_today(self)), -1)
        self.env["res.partner"]._key_account_cron_batch(
            self._get_snapshot_domain(month),
            lambda batch: (
                self.sudo().with_company(batch.env.company)._snapshot(month, batch)
            ),
            batch_size,
        )

    @api.model
    def _get_snapshot_domain(self, month):
        """Key accounts held in ``month`` that have no roster line in it yet."""
        held = self.sudo()._search([("month", "=", month)])
        return [
            ("is_key_account", "=", True),
            ("id", "not in", held.subselect(SQL.identifier(held.table, "partner_id"))),
            "|",
            ("key_account_start_date", "=", False),
            ("key_account_start_date", "<=", last_of_month(month)),
        ]
