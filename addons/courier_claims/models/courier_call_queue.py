from odoo import fields, models

# What a call is about, as the piece rates of 000 §4.2 count it: an order
# accepted (受理), a consultation (咨询), a query (查询) or a complaint (投诉).
TICKET_TYPES = [
    ("order", "Order Accepted"),
    ("consultation", "Consultation"),
    ("query", "Query"),
    ("complaint", "Complaint"),
    ("other", "Other"),
]


class CourierCallQueue(models.Model):
    """A queue of the branch's telephone switch (CL-9).

    The switch names the queue of each call; the code here is that name, so
    imported calls find their queue, and the queue says what its calls are
    about until an agent records otherwise.
    """

    _name = "courier.call.queue"
    _description = "Call Queue"
    _order = "company_id, code"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="The queue's name in the telephone switch (the Asterisk queue or "
        "dial context), as it appears in the call records.",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Branch",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    ticket_type = fields.Selection(
        TICKET_TYPES,
        string="Calls Are",
        required=True,
        default="consultation",
        help="What the queue's calls count as for the piece rates, until the "
        "agent records otherwise on the call.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "company_code_uniq",
            "UNIQUE(company_id, code)",
            "A branch's switch has one queue of each name.",
        ),
    ]
