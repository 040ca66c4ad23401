from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CourierPenaltyType(models.Model):
    """A fine of the handbook (001 货物交接的相关责任划分 §4): how much a
    breach costs the person, a fixed amount or a range, per headquarters."""

    _name = "courier.penalty.type"
    _description = "Penalty Type"
    _order = "company_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company._policy(),
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_min = fields.Monetary(
        string="Fine from", required=True, help="The least fine of a breach."
    )
    amount_max = fields.Monetary(
        string="Fine up to",
        required=True,
        help="The highest fine of a breach; equal to the least for a fixed fine.",
    )
    amount_default = fields.Monetary(
        string="Default Fine",
        required=True,
        help="Proposed when a fine of this type is recorded.",
    )
    note = fields.Text(help="The rule of the handbook and who bears the loss.")

    @api.constrains("amount_min", "amount_max", "amount_default")
    def _check_amounts(self):
        for penalty in self:
            if not (
                0 < penalty.amount_min
                and penalty.amount_min <= penalty.amount_default <= penalty.amount_max
            ):
                raise ValidationError(
                    self.env._(
                        "%(type)s: a fine is more than 0, and its default lies "
                        "between its least and its highest amount.",
                        type=penalty.name,
                    )
                )

    def _out_of_bounds(self, amount):
        """Whether ``amount`` lies outside this type's range (to the cent)."""
        self.ensure_one()
        compare = self.currency_id.compare_amounts
        return (
            compare(amount, self.amount_min) < 0 or compare(amount, self.amount_max) > 0
        )
