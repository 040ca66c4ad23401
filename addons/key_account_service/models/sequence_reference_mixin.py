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
        unnamed = [vals for vals in vals_list if vals.get("name", "/") == "/"]
        if unnamed:
            # next_by_code's look-up, once per batch rather than once per record:
            # a month's commission run numbers hundreds of statements.
            sequence = self.env["ir.sequence"].search(
                [
                    ("code", "=", self._name),
                    ("company_id", "in", [self.env.company.id, False]),
                ],
                order="company_id",
                limit=1,
            )
            for vals in unnamed:
                vals["name"] = sequence._next() if sequence else False
        return super().create(vals_list)
