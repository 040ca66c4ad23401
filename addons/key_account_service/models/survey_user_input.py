from odoo import api, fields, models


class SurveyUserInput(models.Model):
    """A key-account contact's answer to a satisfaction survey, linked to the
    account, its manager, branch and band as they were when it was sent."""

    _inherit = "survey.user_input"

    key_account_line_id = fields.Many2one(
        "key.account.survey.line",
        string="Satisfaction Campaign Account",
        index="btree_not_null",
        readonly=True,
        ondelete="set null",
    )
    key_account_partner_id = fields.Many2one(
        related="key_account_line_id.partner_id", store=True, string="Key Account"
    )
    key_account_manager_id = fields.Many2one(
        related="key_account_line_id.user_id", store=True, string="Account Manager"
    )
    key_account_company_id = fields.Many2one(
        related="key_account_line_id.company_id", store=True, string="Branch"
    )
    key_account_band_id = fields.Many2one(
        related="key_account_line_id.band_id", store=True, string="Band"
    )
    key_account_satisfied = fields.Boolean(
        string="Satisfied",
        compute="_compute_key_account_satisfied",
        store=True,
        help="The answer scores at least the company's satisfied score.",
    )
    key_account_callback_ids = fields.One2many(
        "key.account.visit", "survey_input_id", string="Callbacks"
    )

    @api.depends("scoring_percentage", "state", "key_account_company_id")
    def _compute_key_account_satisfied(self):
        for answer in self:
            company = answer.key_account_company_id
            answer.key_account_satisfied = bool(
                company
                and answer.state == "done"
                and answer.scoring_percentage
                >= company._policy().key_account_survey_satisfied_score
            )

    def _mark_done(self):
        res = super()._mark_done()
        dissatisfied = self.filtered(
            lambda a: (
                a.key_account_line_id
                and not a.test_entry
                and not a.key_account_satisfied
            )
        )
        Visit = self.env["key.account.visit"].sudo()
        for answer in dissatisfied.sudo():
            Visit._plan_callback(
                answer.key_account_partner_id,
                self.env._(
                    "Survey answer of %(contact)s: %(score)s%%",
                    contact=answer.partner_id.name or answer.email or "",
                    score=answer.scoring_percentage,
                ),
                survey_input=answer,
            )
        answered = self.filtered(lambda a: a.key_account_line_id and not a.test_entry)
        answered.sudo().key_account_line_id._record_service_kpi()
        return res
