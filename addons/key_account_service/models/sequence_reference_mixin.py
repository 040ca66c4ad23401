from odoo import api, fields, models
from odoo.exceptions import UserError


class SequenceReferenceMixin(models.AbstractModel):
    """A reference numbered by the sequence whose code is the model's name.

    Statements, incidents, complaints, insurance claims and the legal records
    all number themselves this way. The sequence alone assigns the reference:
    a value sent at creation is replaced and a rename refused (probe L4), and it
    is unique per company.
    """

    _name = "sequence.reference.mixin"
    _description = "Sequence-numbered Reference"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )

    _sql_constraints = [
        (
            "sequence_reference_company_uniq",
            "UNIQUE(company_id, name)",
            "A reference is used once per company.",
        ),
    ]

    @api.depends("name")
    def _compute_display_name(self):
        # Unsaved, the reference is the placeholder "/": no title, so the form
        # shows "New" rather than "/".
        for record in self:
            record.display_name = record.name if record.name != "/" else False

    @api.model_create_multi
    def create(self, vals_list):
        # Only code running as superuser (data migrations) may bring its own.
        unnamed = [
            vals
            for vals in vals_list
            if not self.env.su or vals.get("name", "/") in ("/", False)
        ]
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

    def write(self, vals):
        if "name" in vals and not self.env.su:
            raise UserError(
                self.env._("A reference is given by its sequence and never changes.")
            )
        return super().write(vals)
