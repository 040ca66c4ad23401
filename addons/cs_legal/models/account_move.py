from odoo import api, fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    legal_case_ids = fields.Many2many(
        "legal.case",
        relation="account_move_legal_case_rel",
        column1="account_move_id",
        column2="legal_case_id",
        string="Recovering Cases",
        readonly=True,
        copy=False,
        groups="cs_legal.cs_legal_group_user",
    )
    # Follows the cases that recovered the invoice; finance may still tick it
    # by hand (key_account_service works without cases).
    key_account_legal_recovery = fields.Boolean(
        compute="_compute_key_account_legal_recovery", store=True, readonly=False
    )

    # a field of the case too: deleting a case marks the case's fields
    # modified, not the invoices' side of the relation
    @api.depends("legal_case_ids", "legal_case_ids.company_id")
    def _compute_key_account_legal_recovery(self):
        for move in self:
            move.key_account_legal_recovery = bool(move.legal_case_ids)
