from odoo import fields, models


class SurveyUserInputLine(models.Model):
    """One answer to one question, read by question for a key account's
    branch: the scores by question of the satisfaction report."""

    _inherit = "survey.user_input.line"

    key_account_company_id = fields.Many2one(
        related="user_input_id.key_account_company_id", store=True, string="Branch"
    )
