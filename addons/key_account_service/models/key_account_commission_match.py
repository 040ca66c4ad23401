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

    line_id = fields.Many2one(
        "key.account.commission.line",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    statement_id = fields.Many2one(
        "key.account.commission.statement", required=True, index=True, readonly=True
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    partial_id = fields.Many2one(
        "account.partial.reconcile",
        string="Reconciliation",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )
    invoice_id = fields.Many2one(
        "account.move", index=True, ondelete="set null", readonly=True
    )
    partner_id = fields.Many2one("res.partner", string="Key Account", readonly=True)
    invoice_date = fields.Date(readonly=True)
    collected_on = fields.Date(readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(string="Collected", readonly=True)
    net = fields.Monetary(string="Net Collected", readonly=True)
    rate = fields.Float(string="Rate (%)", digits=(16, 2), readonly=True)
    excluded_reason = fields.Selection(
        [("late", "Forfeited (late)"), ("legal", "Legal Recovery")],
        readonly=True,
    )
    reversed_match_id = fields.Many2one(
        "key.account.commission.match",
        string="Reverses",
        index="btree_not_null",
        ondelete="restrict",
        readonly=True,
    )

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
