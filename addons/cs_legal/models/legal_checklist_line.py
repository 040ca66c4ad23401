from odoo import fields, models


class LegalChecklistLine(models.AbstractModel):
    """A ticked (or not) item of a checklist on a contract or a case."""

    _name = "legal.checklist.line"
    _description = "Legal Checklist Line"

    # cascade only ever runs at uninstall: a used item cannot be deleted
    item_id = fields.Many2one("legal.checklist.item", required=True, ondelete="cascade")
    sequence = fields.Integer(related="item_id.sequence", store=True)
    done = fields.Boolean()
    done_by = fields.Many2one("res.users", readonly=True)

    def write(self, vals):
        if "done" in vals:
            vals = dict(vals, done_by=self.env.uid if vals["done"] else False)
        return super().write(vals)
