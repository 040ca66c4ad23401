from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import first_of_month

MANAGER = "key_account_service.key_account_service_group_manager"


class KeyAccountSurveyCampaign(models.Model):
    """A satisfaction survey sent to key-account contacts for a period
    (002 part 1 §5 art.21-22): every key account of a company each quarter,
    or one contact after a closed incident or complaint."""

    _name = "key.account.survey.campaign"
    _description = "Satisfaction Survey Campaign"
    _inherit = ["mail.thread", "guarded.workflow.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    _workflow_transitions = {
        ("draft", "sent"): MANAGER,
        ("sent", "closed"): MANAGER,
    }
    _workflow_fields = frozenset({"date_sent"})
    _workflow_fixed_fields = frozenset({"kind"})
    _workflow_locked_states = ("closed",)

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        help="Its key accounts are those served by this company and its branches.",
    )
    kind = fields.Selection(
        [("periodic", "Periodic"), ("case", "After Incidents and Complaints")],
        required=True,
        default="periodic",
    )
    survey_id = fields.Many2one(
        "survey.survey",
        required=True,
        ondelete="restrict",  # answers and figures hang on it
        default=lambda self: self.env.ref(
            "key_account_service.survey_key_account_satisfaction",
            raise_if_not_found=False,
        ),
    )
    date_start = fields.Date(
        string="Period Start", required=True, default=fields.Date.context_today
    )
    date_end = fields.Date(string="Period End")
    date_sent = fields.Date(string="Sent On", readonly=True)
    state = fields.Selection(
        [("draft", "Draft"), ("sent", "Sent"), ("closed", "Closed")],
        required=True,
        default="draft",
        readonly=True,
        tracking=True,
        index=True,
    )
    line_ids = fields.One2many(
        "key.account.survey.line", "campaign_id", string="Accounts", readonly=True
    )
    account_count = fields.Integer(
        string="Accounts Due", compute="_compute_figures", compute_sudo=True
    )
    coverage = fields.Float(
        string="Survey Coverage (%)", compute="_compute_figures", compute_sudo=True
    )
    response_rate = fields.Float(
        string="Response Rate (%)", compute="_compute_figures", compute_sudo=True
    )
    satisfaction_rate = fields.Float(
        string="Satisfaction (%)", compute="_compute_figures", compute_sudo=True
    )

    @api.depends(
        "line_ids.covered_count",
        "line_ids.invited_count",
        "line_ids.answered_count",
        "line_ids.satisfied_count",
    )
    def _compute_figures(self):
        Line = self.env["key.account.survey.line"]
        for campaign in self:
            lines = campaign.line_ids
            answered = sum(lines.mapped("answered_count"))
            campaign.account_count = len(lines)
            campaign.coverage = Line._grouped_rate(
                "coverage", sum(lines.mapped("covered_count")), len(lines)
            )
            campaign.response_rate = Line._grouped_rate(
                "response_rate", answered, sum(lines.mapped("invited_count"))
            )
            campaign.satisfaction_rate = Line._grouped_rate(
                "satisfaction_rate", sum(lines.mapped("satisfied_count")), answered
            )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for campaign in self:
            if campaign.date_end and campaign.date_end < campaign.date_start:
                raise UserError(
                    self.env._("A campaign's period cannot end before it starts.")
                )

    # ---- workflow ----------------------------------------------------------------

    def _workflow_check(self, old, new):
        if new == "sent" and not self.survey_id:
            raise UserError(self.env._("Choose the survey to send first."))

    def action_send(self):
        """Invite the due contacts of every key account and mark it sent."""
        for campaign in self:
            campaign._workflow_move(
                "sent", {"date_sent": fields.Date.context_today(self)}
            )
        self._invite()
        return True

    def action_invite_new(self):
        """Invite the contacts that are due and not invited yet (new key
        accounts, new contacts): the invited ones are not asked twice."""
        self.check_access("write")
        if self.filtered(lambda c: c.state != "sent"):
            raise UserError(self.env._("Only a sent campaign invites more contacts."))
        self._invite()
        return True

    def action_close(self):
        for campaign in self:
            campaign._workflow_move("closed")
        return True

    def action_view_answers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "key_account_service.key_account_survey_answer_action"
        )
        action["domain"] = [("key_account_line_id.campaign_id", "=", self.id)]
        return action

    # ---- inviting ----------------------------------------------------------------

    def _due_accounts(self):
        """The key accounts served by the campaign's company and its branches."""
        self.ensure_one()
        return (
            self.env["res.partner"]
            .sudo()
            .search(
                [
                    ("is_key_account", "=", True),
                    ("key_account_company_id", "child_of", self.company_id.id),
                ]
            )
        )

    def _invite(self):
        """Idempotent: an account has one line, a contact one invitation."""
        Line = self.env["key.account.survey.line"].sudo()
        for campaign in self.sudo():
            accounts = campaign._due_accounts()
            existing = {line.partner_id: line for line in campaign.line_ids}
            new = accounts.filtered(lambda p, existing=existing: p not in existing)
            lines = Line.create(
                [Line._prepare_line_vals(campaign, partner) for partner in new]
            )
            due = campaign.line_ids.filtered(
                lambda line, accounts=accounts: line.partner_id in accounts
            )
            (due | lines)._invite_contacts()

    @api.model
    def _follow_up_case(self, partner, source_ref):
        """After a key account's incident or complaint ``source_ref`` is
        closed: a return visit for its manager and one contact surveyed
        (courier_claims calls this). Idempotent per case."""
        partner = partner.sudo().commercial_partner_id
        if not partner.is_key_account:
            return
        self.env["key.account.visit"].sudo()._plan_callback(partner, source_ref)
        self._invite_after_case(partner, source_ref)

    @api.model
    def _invite_after_case(self, partner, source_ref):
        """One contact of key account ``partner`` is asked after the closed
        incident or complaint ``source_ref`` (courier_claims calls this).
        Called again for the same case, it invites nobody more."""
        partner = partner.sudo().commercial_partner_id
        if not partner.is_key_account:
            return self.env["key.account.survey.line"]
        Line = self.env["key.account.survey.line"].sudo()
        line = Line.search(
            [("partner_id", "=", partner.id), ("source_ref", "=", source_ref)], limit=1
        )
        if line:
            return line
        campaign = self._case_campaign(partner._key_account_serving_company())
        if not campaign:
            return Line
        line = Line.create(
            dict(Line._prepare_line_vals(campaign, partner), source_ref=source_ref)
        )
        line._invite_contacts(limit=1)
        return line

    @api.model
    def _case_campaign(self, company):
        """This month's after-case campaign of ``company``, sent; made if none."""
        month = first_of_month(fields.Date.context_today(self))
        Campaign = self.sudo().with_company(company)
        campaign = Campaign.search(
            [
                ("company_id", "=", company.id),
                ("kind", "=", "case"),
                ("date_start", "=", month),
                ("state", "=", "sent"),
            ],
            limit=1,
        )
        survey = Campaign._fields["survey_id"].default(Campaign)
        if campaign or not survey:
            return campaign
        campaign = Campaign.create(
            {
                "name": self.env._(
                    "%(company)s: after incidents and complaints, %(month)s",
                    company=company.name,
                    month=month.strftime("%Y-%m"),
                ),
                "company_id": company.id,
                "kind": "case",
                "date_start": month,
                "date_end": month + relativedelta(months=1, days=-1),
            }
        )
        campaign._workflow_move("sent", {"date_sent": fields.Date.context_today(self)})
        return campaign

    # ---- scheduled -----------------------------------------------------------------

    @api.model
    def _cron_periodic(self):
        """Send each headquarters' periodic campaign when its period starts
        (every ``key_account_survey_period_months`` months from January):
        once per period, whatever the number of runs."""
        today = fields.Date.context_today(self)
        for policy in (
            self.env["res.company"].sudo().search([("parent_id", "=", False)])
        ):
            months = max(policy.key_account_survey_period_months, 1)
            start = today.replace(
                day=1, month=((today.month - 1) // months) * months + 1
            )
            if self.sudo().search_count(
                [
                    ("company_id", "=", policy.id),
                    ("kind", "=", "periodic"),
                    ("date_start", "=", start),
                ]
            ):
                continue
            if (
                not self.env["res.partner"]
                .sudo()
                .search_count(
                    [
                        ("is_key_account", "=", True),
                        ("key_account_company_id", "child_of", policy.id),
                    ],
                    limit=1,
                )
            ):
                continue
            campaign = (
                self.sudo()
                .with_company(policy)
                .create(
                    {
                        "name": self.env._(
                            "%(company)s: satisfaction survey from %(start)s",
                            company=policy.name,
                            start=start.strftime("%Y-%m"),
                        ),
                        "company_id": policy.id,
                        "date_start": start,
                        "date_end": start + relativedelta(months=months, days=-1),
                    }
                )
            )
            campaign.action_send()
