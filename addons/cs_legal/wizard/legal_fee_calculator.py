from odoo import api, fields, models


class LegalFeeCalculator(models.TransientModel):
    """Court fee of a claim on both shipped schedules, or on any other (LG-5)."""

    _name = "legal.fee.calculator"
    _description = "Court Fee Calculator"

    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id
    )
    amount = fields.Monetary(string="Claim", required=True)
    schedule_id = fields.Many2one(
        "legal.fee.schedule",
        required=True,
        default=lambda self: self.env.company._policy().legal_fee_schedule_id,
    )
    fee = fields.Monetary(compute="_compute_fee")
    line_ids = fields.One2many(
        "legal.fee.calculator.line", "calculator_id", compute="_compute_fee"
    )

    @api.depends("amount", "schedule_id")
    def _compute_fee(self):
        schedules = self.env["legal.fee.schedule"].search([("active", "=", True)])
        for calculator in self:
            amount = max(calculator.amount, 0.0)
            calculator.fee = (
                calculator.schedule_id.compute_fee(amount)
                if calculator.schedule_id
                else 0.0
            )
            calculator.line_ids = [fields.Command.clear()] + [
                fields.Command.create(
                    {"schedule_id": schedule.id, "fee": schedule.compute_fee(amount)}
                )
                for schedule in schedules
            ]


class LegalFeeCalculatorLine(models.TransientModel):
    _name = "legal.fee.calculator.line"
    _description = "Court Fee on One Schedule"

    calculator_id = fields.Many2one("legal.fee.calculator", ondelete="cascade")
    currency_id = fields.Many2one(related="calculator_id.currency_id")
    schedule_id = fields.Many2one("legal.fee.schedule", readonly=True)
    fee = fields.Monetary(readonly=True)
