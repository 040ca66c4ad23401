from odoo import fields, models


class KeyAccountCommissionCollection(models.Model):
    _inherit = "key.account.commission.collection"

    legal_case_id = fields.Many2one(
        "legal.case",
        string="Recovering Case",
        compute="_compute_legal_case_id",
        groups="cs_legal.cs_legal_group_user",
        help="The legal case that recovered this invoice.",
    )

    def _compute_legal_case_id(self):
        cases = self.env["legal.case"].search(
            [("recovered_invoice_ids", "in", self.invoice_id.ids)]
        )
        case_of = {}
        for case in cases:
            for invoice in case.recovered_invoice_ids:
                case_of.setdefault(invoice, case)
        for row in self:
            row.legal_case_id = case_of.get(row.invoice_id, False)

    def action_open_legal_case(self):
        return self._open_document(self.legal_case_id)
