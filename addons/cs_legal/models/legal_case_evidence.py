from odoo import api, fields, models
from odoo.exceptions import UserError


class LegalCaseEvidence(models.Model):
    _name = "legal.case.evidence"
    _inherit = ["legal.checklist.line"]
    _description = "Case Evidence Item"
    _order = "case_id, scope, sequence, id"

    case_id = fields.Many2one(
        "legal.case", required=True, index=True, ondelete="cascade"
    )
    scope = fields.Selection(related="item_id.scope", store=True)
    note = fields.Char()

    @api.model_create_multi
    def create(self, vals_list):
        cases = self.env["legal.case"].browse([v.get("case_id") for v in vals_list])
        cases._check_evidence_editable()
        return super().create(vals_list)

    def write(self, vals):
        # An item ticked on one case does not count for another, and a closed
        # case keeps its evidence as it was closed.
        if "case_id" in vals and not self.env.su:
            raise UserError(self.env._("An evidence item stays with its case."))
        self.case_id._check_evidence_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_while_open(self):
        self.case_id._check_evidence_editable()
