from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    legal_contract_count = fields.Integer(
        string="Contracts",
        compute="_compute_legal_counts",
        groups="cs_legal.cs_legal_group_user",
    )
    legal_case_count = fields.Integer(
        string="Cases",
        compute="_compute_legal_counts",
        groups="cs_legal.cs_legal_group_user",
    )

    def _compute_legal_counts(self):
        contracts = self._key_account_related_counts("legal.contract")
        cases = self._key_account_related_counts("legal.case", "counterparty_id")
        for partner in self:
            partner.legal_contract_count = contracts.get(partner._origin, 0)
            partner.legal_case_count = cases.get(partner._origin, 0)

    @api.readonly
    def action_view_legal_contracts(self):
        return self._key_account_open_related("cs_legal.legal_contract_action")

    @api.readonly
    def action_view_legal_cases(self):
        return self._key_account_open_related(
            "cs_legal.legal_case_action", "counterparty_id"
        )
