from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


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
            names = self._sequence_reference_names(sequence, len(unnamed))
            for vals, name in zip(unnamed, names, strict=True):
                vals["name"] = name
        return super().create(vals_list)

    def _sequence_reference_names(self, sequence, count):
        """``count`` references from ``sequence``, in order.

        A standard sequence without date ranges draws all its numbers from its
        PostgreSQL sequence in one query, where ``_next`` takes one query a
        record (a month's commission run numbers hundreds of statements); the
        others are asked one by one, as Odoo does.
        """
        if not sequence:
            return [False] * count
        if sequence.implementation != "standard" or sequence.use_date_range:
            return [sequence._next() for _index in range(count)]
        self.env.cr.execute(
            SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                f"ir_sequence_{sequence.id:03d}",
                count,
            )
        )
        numbers = sorted(number for (number,) in self.env.cr.fetchall())
        return [sequence.get_next_char(number) for number in numbers]

    def write(self, vals):
        if "name" in vals and not self.env.su:
            raise UserError(
                self.env._("A reference is given by its sequence and never changes.")
            )
        return super().write(vals)
