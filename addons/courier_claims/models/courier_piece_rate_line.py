from odoo import api, fields, models

from .courier_call_queue import TICKET_TYPES


class CourierPieceRateLine(models.Model):
    """One ticket type of an agent's piece-rate statement: how many the agent
    handled in the month and the rate paid for each, as counted when the
    statement was last drafted. Written by the statement's counting only."""

    _name = "courier.piece.rate.line"
    _description = "Piece-Rate Line"
    _order = "statement_id, sequence, id"

    statement_id = fields.Many2one(
        "courier.piece.rate.statement",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="statement_id.company_id", store=True, index=True
    )
    user_id = fields.Many2one(related="statement_id.user_id", store=True)
    currency_id = fields.Many2one(related="statement_id.currency_id")
    sequence = fields.Integer(compute="_compute_sequence", store=True)
    ticket_type = fields.Selection(
        [item for item in TICKET_TYPES if item[0] != "other"],
        required=True,
        readonly=True,
    )
    quantity = fields.Integer(string="Tickets", readonly=True)
    # the orders' insurance, on the order line (000 §4.3)
    insured_count = fields.Integer(string="Insured Orders", readonly=True)
    exempt_count = fields.Integer(string="Exempted Orders", readonly=True)
    rate = fields.Monetary(string="Rate per Ticket", readonly=True)
    amount = fields.Monetary(compute="_compute_amount", store=True)

    _sql_constraints = [
        (
            "statement_type_uniq",
            "UNIQUE(statement_id, ticket_type)",
            "A statement counts each ticket type once.",
        ),
    ]

    @api.depends("ticket_type")
    def _compute_sequence(self):
        order = [key for key, _label in TICKET_TYPES]
        for line in self:
            line.sequence = order.index(line.ticket_type) if line.ticket_type else 0

    @api.depends("quantity", "rate")
    def _compute_amount(self):
        for line in self:
            line.amount = line.currency_id.round(line.quantity * line.rate)
