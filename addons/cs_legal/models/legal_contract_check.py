from odoo import api, fields, models
from odoo.exceptions import UserError


class LegalContractCheck(models.Model):
    _name = "legal.contract.check"
    _inherit = ["legal.checklist.line"]
    _description = "Contract Qualification Check"
    _order = "contract_id, sequence, id"

    contract_id = fields.Many2one(
        "legal.contract", required=True, index=True, ondelete="cascade"
    )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["legal.contract"].browse(
            [vals["contract_id"] for vals in vals_list if vals.get("contract_id")]
        )._check_checklist_open()
        return super().create(vals_list)

    def write(self, vals):
        if self.contract_id.filtered(lambda c: c.state == "closed"):
            raise UserError(
                self.env._("An ended contract's checklist is kept as it is.")
            )
        # A signed contract's lines are only ticked: none is re-pointed or
        # moved onto (or off) it.
        if set(vals) - {"done", "done_by"}:
            (
                self.contract_id | self.contract_id.browse(vals.get("contract_id"))
            )._check_checklist_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        self.contract_id._check_checklist_open()
