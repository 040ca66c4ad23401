from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import add_months, first_of_month
from ..tools.warnings import (
    drop_case_action,
    drop_level,
    drop_percent,
    is_lost,
    more_severe,
)

SEVERITY = {"warning": 1, "serious": 2, "lost": 3}


class KeyAccountWarning(models.Model):
    """An at-risk key account and what is done about it (KA-6)."""

    _name = "key.account.warning"
    _description = "Warning Customer"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "state_open desc, severity desc, date_open, id"
    # recovered or lost, by hand or by the nightly check
    _track_state_subtypes = {
        "recovered": "key_account_service.mt_key_account_warning_closed",
        "lost": "key_account_service.mt_key_account_warning_closed",
    }
    _check_company_auto = True

    # Not stored: read in the reader's language, whoever (or the nightly check) made it.
    name = fields.Char(compute="_compute_name", search="_search_name")
    partner_id = fields.Many2one(
        "res.partner",
        string="Key Account",
        required=True,
        index=True,
        readonly=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", string="Branch", required=True, index=True, readonly=True
    )
    account_manager_id = fields.Many2one(
        "res.users", related="partner_id.key_account_manager_id", store=True
    )
    regional_manager_id = fields.Many2one(
        "res.users",
        readonly=True,
        tracking=True,
        help="Who the case was escalated to: the manager of the branch's region.",
    )
    reason = fields.Selection(
        [
            ("revenue_drop", "Revenue Drop"),
            ("no_revenue", "No Revenue"),
            ("major_incident", "Major Service Incident"),
            ("repeated_complaints", "Repeated Complaints"),
            ("dissatisfied", "Dissatisfied Customer"),
        ],
        required=True,
        readonly=True,
    )
    level = fields.Selection(
        [("warning", "Warning"), ("serious", "Serious"), ("lost", "Lost")],
        required=True,
        tracking=True,
        readonly=True,
    )
    severity = fields.Integer(compute="_compute_sort_keys", store=True)
    state = fields.Selection(
        [("open", "Open"), ("recovered", "Recovered"), ("lost", "Lost")],
        required=True,
        default="open",
        tracking=True,
        readonly=True,
    )
    state_open = fields.Boolean(compute="_compute_sort_keys", store=True)
    month = fields.Date(readonly=True, help="The month that raised the case.")
    currency_id = fields.Many2one(related="company_id.currency_id")
    reference_amount = fields.Monetary(string="Reference Revenue", readonly=True)
    month_amount = fields.Monetary(string="Month's Revenue", readonly=True)
    # a group's figure is its largest drop: drops of different months and
    # references neither add up nor average
    drop_percent = fields.Float(
        string="Drop (%)", readonly=True, digits=(16, 1), aggregator="max"
    )
    source_ref = fields.Char(string="Source", readonly=True)
    date_open = fields.Date(
        string="Opened", required=True, readonly=True, default=fields.Date.context_today
    )
    deadline = fields.Date(readonly=True, tracking=True)
    date_closed = fields.Date(readonly=True)
    close_note = fields.Text(
        string="Outcome",
        help="Why the case is closed: what won the account back or lost it.",
    )
    age_days = fields.Integer(string="Age (days)", compute="_compute_age_days")

    @api.depends_context("lang")
    @api.depends("partner_id.name", "reason")
    def _compute_name(self):
        reasons = dict(self._fields["reason"]._description_selection(self.env))
        for case in self:
            case.name = f"{case.partner_id.name or ''} - {reasons.get(case.reason, '')}"

    @api.depends_context("lang")
    @api.depends("name")
    def _compute_display_name(self):
        # the name is in the reader's language, so is the display name
        return super()._compute_display_name()

    def _search_name(self, operator, value):
        """Search "<customer> - <reason>" as the reader reads it."""
        return self._key_account_search_pair(
            operator, value, "partner_id.name", "reason"
        )

    @api.depends("level", "state")
    def _compute_sort_keys(self):
        for case in self:
            case.severity = SEVERITY.get(case.level, 0)
            case.state_open = case.state == "open"

    def _compute_age_days(self):
        today = fields.Date.context_today(self)
        for case in self:
            end = case.date_closed or today
            case.age_days = (end - case.date_open).days if case.date_open else 0

    def init(self):
        # A running case is updated, never duplicated: one open case per reason.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS key_account_warning_open_uniq "
                "ON key_account_warning (partner_id, reason) WHERE state = 'open'"
            )
        )

    # ---- closing -------------------------------------------------------------------

    def _close(self, state):
        for case in self:
            if case.state != "open":
                raise UserError(
                    self.env._("The case %(case)s is closed already.", case=case.name)
                )
            if not case.close_note:
                raise UserError(
                    self.env._(
                        "Write the outcome of %(case)s before closing it.",
                        case=case.name,
                    )
                )
        self.write({"state": state, "date_closed": fields.Date.context_today(self)})
        self.activity_feedback(["key_account_service.mail_act_key_account_warning"])

    def action_close_recovered(self):
        self._close("recovered")

    def action_close_lost(self):
        self._close("lost")

    # ---- opening -------------------------------------------------------------------

    @api.model
    def open_case(self, partner, reason, level, note=None, source_ref=None, **figures):
        """Open a case for ``partner``, or update its running case for ``reason``.

        courier_claims calls this for major incidents and repeated complaints.
        A running case only ever becomes more severe; it posts what changed.
        Callers run it as superuser: ``partner`` is read in this environment,
        not in the caller's (M7: a claims handler cannot read the region).
        """
        partner = partner.with_env(self.env)
        case = self.search(
            [
                ("partner_id", "=", partner.id),
                ("reason", "=", reason),
                ("state", "=", "open"),
            ]
        )
        if case:
            vals = {k: v for k, v in figures.items() if case[k] != v}
            if more_severe(case.level, level) != case.level:
                vals["level"] = level
            if vals:
                case.write(vals)
            if note and vals:
                case.message_post(body=note)
            return case
        company = partner._key_account_serving_company()
        case = self.create(
            self._prepare_warning_vals(
                partner, company, reason, level, source_ref=source_ref, **figures
            )
        )
        if note:
            case.message_post(body=note)
        regional = case.regional_manager_id
        handler = regional or partner.key_account_manager_id or self.env.user
        case._key_account_for_reader(handler, company).activity_schedule(
            "key_account_service.mail_act_key_account_warning",
            date_deadline=case.deadline,
            user_id=handler.id,
        ).mapped("res_name")  # stored now, in the handler's language
        return case

    @api.model
    def _prepare_warning_vals(
        self, partner, company, reason, level, source_ref=None, **figures
    ):
        """A new case of ``partner`` served by ``company``, escalated to the
        manager of the branch's region."""
        return {
            "partner_id": partner.id,
            "company_id": company.id,
            "reason": reason,
            "level": level,
            "source_ref": source_ref,
            "regional_manager_id": company.key_account_region_id.manager_id.id,
            "deadline": self._deadline(company),
            **figures,
        }

    @api.model
    def _deadline(self, company):
        """The working day ``key_account_warning_deadline_days`` after today."""
        days = company._policy().key_account_warning_deadline_days
        today = fields.Date.context_today(self)
        due = company.resource_calendar_id._add_working_days(today, days)
        return due or today + timedelta(days=days)

    # ---- detection -----------------------------------------------------------------

    @api.model
    def _detect(self, partners):
        """Open, update or recover the revenue cases of ``partners``."""
        today = fields.Date.context_today(self)
        month = add_months(first_of_month(today), -1)  # the last complete month
        nets = {}
        for partner, month_row, net in (
            self.env["key.account.revenue"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", partners.ids),
                    ("month", ">=", add_months(month, -24)),
                    ("month", "<=", month),
                ],
                ["partner_id", "month:month"],
                ["net:sum"],
            )
        ):
            nets[partner, first_of_month(month_row)] = net
        running = self.search(
            [
                ("partner_id", "in", partners.ids),
                ("reason", "in", ("revenue_drop", "no_revenue")),
                ("state", "=", "open"),
            ]
        )
        for partner in partners:
            policy = partner._key_account_serving_company()._policy()
            window = policy.key_account_reference_months
            lost_months = policy.key_account_lost_months

            def net(offset, partner=partner):
                return nets.get((partner, add_months(month, -offset)), 0.0)

            reference = sum(net(i) for i in range(1, window + 1)) / window
            amount = net(0)
            figures = {
                "month": month,
                "reference_amount": reference,
                "month_amount": amount,
                "drop_percent": drop_percent(reference, amount),
            }
            mine = running.filtered(lambda c, p=partner: c.partner_id == p)
            recent = [net(i) for i in range(lost_months)]
            earlier = [net(i) for i in range(lost_months, lost_months + window)]
            if is_lost(recent, earlier):
                self.open_case(partner, "no_revenue", "lost", **figures)
            else:
                mine.filtered(lambda c: c.reason == "no_revenue")._recover(figures)
            level = drop_level(
                reference,
                amount,
                policy.key_account_warning_drop,
                policy.key_account_serious_drop,
            )
            action = drop_case_action(level, amount)
            if action == "open":
                self.open_case(partner, "revenue_drop", level, **figures)
            elif action == "recover":
                mine.filtered(lambda c: c.reason == "revenue_drop")._recover(figures)

    def _recover(self, figures):
        """Revenue is back: close as recovered, saying so."""
        for case in self:
            case.write(
                {
                    **figures,
                    "state": "recovered",
                    "date_closed": fields.Date.context_today(self),
                    "close_note": self.env._(
                        "Recovered automatically: %(amount)s in %(month)s against a "
                        "reference of %(reference)s.",
                        amount=round(figures["month_amount"], 2),
                        month=figures["month"].strftime("%Y-%m"),
                        reference=round(figures["reference_amount"], 2),
                    ),
                }
            )
            case.message_post(body=case.close_note)
        self.activity_feedback(["key_account_service.mail_act_key_account_warning"])

    @api.model
    def _cron_detect(self, batch_size=500):
        """Check each key account's revenue once a day.

        Contract-shaped: the accounts come from ``_get_detect_domain``, each
        serving branch's are checked by ``_detect`` in that company. A checked
        account is stamped with the day and leaves the domain, so a rerun or a
        resumed run checks only the others.
        """
        today = fields.Date.context_today(self)

        def detect(batch):
            self.sudo().with_company(batch.env.company)._detect(batch)
            batch.write({"key_account_warning_date": today})

        self.env["res.partner"]._key_account_cron_batch(
            self._get_detect_domain(today),
            detect,
            batch_size,
        )

    @api.model
    def _get_detect_domain(self, today):
        """Key accounts not checked yet ``today``."""
        return self.env["res.partner"]._key_account_not_done_domain(
            "key_account_warning_date", today
        )
