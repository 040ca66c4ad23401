from odoo import api, fields, models

from ..tools import first_of_month


class KeyAccountSurveyLine(models.Model):
    """A key account in a satisfaction campaign, as it was when the survey
    was sent (its manager, serving branch and band), with its contacts'
    answers: the figures of coverage, response and satisfaction."""

    _name = "key.account.survey.line"
    _description = "Satisfaction Survey Account"
    _inherit = ["grouped.rate.mixin"]
    _order = "month desc, id desc"
    _rec_name = "partner_id"
    _check_company_auto = True
    # grouped: the rates of the summed counts, not an average of the accounts'
    _grouped_rates = {
        "coverage": ("covered_count", "due_count", 100.0, 0.0),
        "response_rate": ("answered_count", "invited_count", 100.0, 0.0),
        "satisfaction_rate": ("satisfied_count", "answered_count", 100.0, 0.0),
        "score": ("score_sum", "answered_count", 1.0, 0.0),
    }

    campaign_id = fields.Many2one(
        "key.account.survey.campaign",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Key Account", required=True, index=True, readonly=True
    )
    user_id = fields.Many2one(
        "res.users", string="Account Manager", index=True, readonly=True
    )
    company_id = fields.Many2one(
        "res.company", string="Branch", required=True, index=True, readonly=True
    )
    band_id = fields.Many2one("key.account.band", readonly=True)
    month = fields.Date(required=True, index=True, readonly=True)
    source_ref = fields.Char(
        string="After", readonly=True, help="The closed incident or complaint."
    )
    user_input_ids = fields.One2many(
        "survey.user_input", "key_account_line_id", string="Survey Answers"
    )
    due_count = fields.Integer(
        string="Accounts Due", default=1, readonly=True, aggregator="sum"
    )
    covered_count = fields.Integer(
        string="Accounts Surveyed",
        compute="_compute_counts",
        store=True,
        aggregator="sum",
        help="1 when at least one contact of the account was invited.",
    )
    invited_count = fields.Integer(
        string="Invitations", compute="_compute_counts", store=True, aggregator="sum"
    )
    answered_count = fields.Integer(
        string="Answers", compute="_compute_counts", store=True, aggregator="sum"
    )
    satisfied_count = fields.Integer(
        string="Satisfied Answers",
        compute="_compute_counts",
        store=True,
        aggregator="sum",
    )
    score_sum = fields.Float(
        string="Sum of Scores", compute="_compute_counts", store=True, aggregator="sum"
    )
    coverage = fields.Float(
        string="Survey Coverage (%)",
        compute="_compute_counts",
        store=True,
        aggregator="avg",
    )
    response_rate = fields.Float(
        string="Response Rate (%)",
        compute="_compute_counts",
        store=True,
        aggregator="avg",
    )
    satisfaction_rate = fields.Float(
        string="Satisfaction (%)",
        compute="_compute_counts",
        store=True,
        aggregator="avg",
        help="Answers scoring at least the company's satisfied score among all "
        "answers.",
    )
    score = fields.Float(
        string="Average Score (%)",
        compute="_compute_counts",
        store=True,
        aggregator="avg",
    )

    _sql_constraints = [
        (
            "campaign_partner_case_uniq",
            "UNIQUE NULLS NOT DISTINCT(campaign_id, partner_id, source_ref)",
            "A key account is surveyed once per campaign and case.",
        ),
    ]

    @api.depends(
        "user_input_ids.state",
        "user_input_ids.scoring_percentage",
        "company_id",
    )
    def _compute_counts(self):
        for line in self:
            inputs = line.user_input_ids.filtered(lambda i: not i.test_entry)
            done = inputs.filtered(lambda i: i.state == "done")
            line.invited_count = len(inputs)
            line.covered_count = int(bool(inputs))
            line.answered_count = len(done)
            line.satisfied_count = len(done.filtered("key_account_satisfied"))
            line.score_sum = sum(done.mapped("scoring_percentage"))
            for rate, (num, den, *_rest) in self._grouped_rates.items():
                line[rate] = self._grouped_rate(rate, line[num], line[den])

    @api.model
    def _prepare_line_vals(self, campaign, partner):
        """The account as it is when surveyed."""
        return {
            "campaign_id": campaign.id,
            "partner_id": partner.id,
            "user_id": partner.key_account_manager_id.id,
            "company_id": partner._key_account_serving_company().id,
            "band_id": partner.key_account_band_id.id,
            "month": first_of_month(
                max(campaign.date_start, fields.Date.context_today(self))
                if campaign.kind == "case"
                else campaign.date_start
            ),
        }

    def _record_service_kpi(self):
        """The month's answers of each account and branch on its service
        record (KA-9): the satisfaction KPI reads the survey."""
        Kpi = self.env["key.account.service.kpi"]
        for partner, company, month in {
            (line.partner_id, line.company_id, line.month) for line in self
        }:
            lines = self.search(
                [
                    ("partner_id", "=", partner.id),
                    ("company_id", "=", company.id),
                    ("month", "=", month),
                ]
            )
            Kpi._record(
                partner,
                month,
                company=company,
                survey_answers=sum(lines.mapped("answered_count")),
                survey_satisfied=sum(lines.mapped("satisfied_count")),
            )

    def _due_contacts(self):
        """Who answers for the account: its contacts with an e-mail address,
        else the account itself if it has one."""
        self.ensure_one()
        partner = self.partner_id
        contacts = partner.child_ids.filtered(
            lambda c: c.email and c.type == "contact" and c.active
        )
        return contacts or partner.filtered("email")

    def _invite_contacts(self, limit=None):
        """Invite the due contacts not invited yet, with the survey's own
        invitation e-mail."""
        template = self.env.ref(
            "survey.mail_template_user_input_invite", raise_if_not_found=False
        )
        for line in self.sudo():
            invited = line.user_input_ids.partner_id
            contacts = line._due_contacts() - invited
            if limit is not None:
                contacts = contacts[: max(limit - len(invited), 0)]
            survey = line.campaign_id.survey_id
            for contact in contacts:
                answer = survey._create_answer(
                    partner=contact,
                    check_attempts=False,
                    key_account_line_id=line.id,
                )
                if template:
                    template.with_context(lang=contact.lang).send_mail(
                        answer.id,
                        email_layout_xmlid="mail.mail_notification_light",
                        email_values={"email_from": line.company_id.email_formatted}
                        if line.company_id.email
                        else None,
                    )
