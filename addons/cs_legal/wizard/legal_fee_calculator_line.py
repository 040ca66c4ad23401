from odoo import fields, models


class LegalFeeCalculatorLine(models.TransientModel):
    _name = "legal.fee.calculator.line"
    _description = "Court Fee on One Schedule"

    calculator_id = fields.Many2one("legal.fee.calculator", ondelete="cascade")
    currency_id = fields.Many2one(related="calculator_id.currency_id")
    schedule_id = fields.Many2one("legal.fee.schedule", readonly=True)
    fee = fields.Monetary(readonly=True)
