from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.court_fee import Bracket, BracketError, check_brackets, court_fee


class LegalFeeSchedule(models.Model):
    _name = "legal.fee.schedule"
    _description = "Court Fee Schedule"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    note = fields.Text(translate=True, help="Where the schedule comes from.")
    currency_id = fields.Many2one(
        "res.currency", required=True, default=lambda self: self.env.ref("base.CNY")
    )
    bracket_ids = fields.One2many("legal.fee.bracket", "schedule_id", copy=True)
    sample_amount = fields.Monetary(
        string="Sample Claim",
        default=100000.0,
        help="Type a claim amount to see the fee this schedule gives.",
    )
    sample_fee = fields.Monetary(compute="_compute_sample_fee")

    @api.depends(
        "sample_amount",
        "bracket_ids.amount_from",
        "bracket_ids.fixed_fee",
        "bracket_ids.rate",
    )
    def _compute_sample_fee(self):
        for schedule in self:
            try:
                schedule.sample_fee = schedule.compute_fee(schedule.sample_amount)
            except (BracketError, ValueError):
                schedule.sample_fee = 0.0

    @api.constrains("bracket_ids")
    def _check_bracket_ids(self):
        for schedule in self:
            schedule._check_brackets_of(schedule.bracket_ids)

    def _check_brackets_of(self, brackets):
        """Raise unless ``brackets`` make a valid schedule of this one."""
        self.ensure_one()
        try:
            check_brackets(self._get_brackets(brackets))
        except BracketError as error:
            raise ValidationError(
                self.env._(
                    "The fee schedule %(schedule)s is not valid: its first "
                    "bracket must start at 0 and no two brackets may start at "
                    "the same amount (%(detail)s).",
                    schedule=self.name,
                    detail=str(error),
                )
            ) from error

    def _get_brackets(self, brackets=None):
        """The brackets for the pure rule; each ends where the next starts."""
        self.ensure_one()
        brackets = self.bracket_ids if brackets is None else brackets
        ordered = brackets.sorted(lambda b: (b.amount_from, b.id))
        starts = [Decimal(str(b.amount_from)) for b in ordered]
        return [
            Bracket(
                lower=start,
                upper=starts[index + 1] if index + 1 < len(starts) else None,
                fixed=Decimal(str(bracket.fixed_fee)),
                rate=Decimal(str(bracket.rate)),
            )
            for index, (start, bracket) in enumerate(zip(starts, ordered, strict=True))
        ]

    def compute_fee(self, amount):
        """Court acceptance fee for a claim of ``amount`` on this schedule."""
        self.ensure_one()
        return float(court_fee(amount, self._get_brackets()))
