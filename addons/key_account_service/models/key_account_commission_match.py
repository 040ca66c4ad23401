from odoo import fields, models
from odoo.exceptions import UserError


class KeyAccountCommissionMatch(models.Model):
    """One collection settled on a statement line: paid on, or excluded.

    A collection (a payment reconciled with a key-account invoice) is settled
    once: the unique partial reconciliation makes paying it twice impossible.
    When the payment is unreconciled after its statement was confirmed, a later
    statement reverses it with a negative match.
    """

    _name = "key.account.commission.match"
    _description = "Key Account Commission Collection Match"
    _order = "collected_on, id"
    _log_access = False  # written by the generation only, with its statement
    _check_company_auto = True

    line_id = fields.Many2one(
        "key.account.commission.line",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    statement_id = fields.Many2one(related="line_id.statement_id")
    company_id = fields.Many2one(related="line_id.statement_id.company_id")
    partial_id = fields.Many2one(
        "account.partial.reconcile",
        string="Reconciliation",
        ondelete="set null",
        readonly=True,
        check_company=True,
    )
    invoice_id = fields.Many2one(
        "account.move",
        index=True,
        ondelete="set null",
        readonly=True,
        check_company=True,
    )
    partner_id = fields.Many2one(related="line_id.partner_id")
    invoice_date = fields.Date(readonly=True)
    collected_on = fields.Date(readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(string="Collected", readonly=True)
    net = fields.Monetary(string="Net Collected", readonly=True)
    # a tariff, not a ratio: a group has no rate to show (no sum, no average)
    rate = fields.Float(
        string="Rate (%)", digits=(16, 2), readonly=True, aggregator=None
    )
    excluded_reason = fields.Selection(
        [("late", "Forfeited (late)"), ("legal", "Legal Recovery")],
        readonly=True,
    )
    reversed_match_id = fields.Many2one(
        "key.account.commission.match",
        string="Reverses",
        ondelete="restrict",
        readonly=True,
    )

    # the unique constraints index partial_id and reversed_match_id
    _sql_constraints = [
        (
            "partial_uniq",
            "UNIQUE(partial_id)",
            "A collection is settled on one statement only.",
        ),
        (
            "reversal_uniq",
            "UNIQUE(reversed_match_id)",
            "A collection is reversed once only.",
        ),
    ]

    def write(self, vals):
        if vals:
            raise UserError(self.env._("Settled collections are not edited."))
        return super().write(vals)
