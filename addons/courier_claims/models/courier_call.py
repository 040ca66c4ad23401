from odoo import api, fields, models

from .courier_call_queue import TICKET_TYPES

# The outcome of a call as the switch records it (Asterisk's disposition).
DISPOSITIONS = [
    ("answered", "Answered"),
    ("no_answer", "No Answer"),
    ("busy", "Busy"),
    ("failed", "Failed"),
    ("congestion", "Congestion"),
]


class CourierCall(models.Model):
    """One call of the branch's telephone switch (CL-9, CM-5).

    The switch owns the calls; its call records are imported here, once per
    call (the switch's unique id), with the agent who took it, the queue it
    waited in, the caller and the times. The caller's number finds the
    customer; the agent records what the call was about and the query or
    complaint it opened.
    """

    _name = "courier.call"
    _description = "Call Record"
    _order = "start desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Call ID",
        required=True,
        help="The switch's unique id of the call (Asterisk's uniqueid).",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Branch",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    queue_id = fields.Many2one("courier.call.queue", index=True, check_company=True)
    agent_id = fields.Many2one("res.users", index=True)
    caller = fields.Char(string="Caller Number", index=True)
    called = fields.Char(string="Number Called")
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        index="btree_not_null",
        check_company=True,
        help="Found by the caller's number.",
    )
    start = fields.Datetime(required=True, index=True)
    answer = fields.Datetime(string="Answered At")
    end = fields.Datetime()
    disposition = fields.Selection(DISPOSITIONS, required=True, default="answered")
    wait_seconds = fields.Integer(
        string="Wait (s)",
        compute="_compute_seconds",
        store=True,
        aggregator="sum",
        help="From the call's start to its answer, or to its end when nobody answered.",
    )
    talk_seconds = fields.Integer(
        string="Talk (s)",
        compute="_compute_seconds",
        store=True,
        aggregator="sum",
        help="From the answer to the end of the call.",
    )
    ticket_type = fields.Selection(
        TICKET_TYPES,
        string="Call About",
        compute="_compute_ticket_type",
        store=True,
        readonly=False,
        precompute=True,
    )
    insured = fields.Boolean(
        help="An accepted order whose waybill was insured (the agent's daily "
        "insurance register).",
    )
    complaint_id = fields.Many2one(
        "courier.complaint",
        string="Query or Complaint",
        index="btree_not_null",
        check_company=True,
    )

    _sql_constraints = [
        (
            "company_name_uniq",
            "UNIQUE(company_id, name)",
            "A branch's switch records each call once.",
        ),
        (
            "times",
            (
                "CHECK((answer IS NULL OR answer >= start) AND "
                '("end" IS NULL OR "end" >= COALESCE(answer, start)))'
            ),
            "A call is answered after it starts and ends after its answer.",
        ),
    ]

    @api.depends("start", "answer", "end")
    def _compute_seconds(self):
        for call in self:
            until = call.answer or call.end or call.start
            call.wait_seconds = (
                int((until - call.start).total_seconds()) if call.start else 0
            )
            call.talk_seconds = (
                int((call.end - call.answer).total_seconds())
                if call.answer and call.end
                else 0
            )

    @api.depends("queue_id", "complaint_id.kind")
    def _compute_ticket_type(self):
        for call in self:
            if call.complaint_id:
                call.ticket_type = call.complaint_id.kind
            elif not call.ticket_type:
                call.ticket_type = call.queue_id.ticket_type or "other"
