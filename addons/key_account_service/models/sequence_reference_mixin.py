from odoo import api, fields, models


class SequenceReferenceMixin(models.AbstractModel):
    """A reference numbered by the sequence whose code is the model's name.

    Statements, incidents, complaints and insurance claims all number
    themselves this way.
    """

    _name = "key.account.sequence.reference.mixin"
    _description = "Sequence-numbered Reference"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(self._name)
        return super().create(vals_list)
