from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.key_account_service.tools.visit_schedule import (
    add_months,
    first_of_month,
)

LEVELS = [
    ("1", "Receptionist"),
    ("2", "Platform CS Manager"),
    ("3", "Headquarters"),
]
# who is alerted when a complaint reaches a level
LEVEL_GROUPS = {
    "2": "courier_claims.courier_claims_group_manager",
    "3": "courier_claims.courier_claims_group_hq",
}


class CourierComplaint(models.Model):
    """A customer's query or complaint, routed and timed (CL-8).

    A complaint is due within the hours of its level; past them it climbs to
    the next level. A second complaint on the same waybill is an incident
    (二次投诉就是事故): it opens one, or joins the open one.
    """

    _name = "courier.complaint"
    _description = "Query or Complaint"
    _inherit = [
        "guarded.workflow.mixin",
        "sequence.reference.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]

    # Answered on time is a service figure: only the answer action records it.
    _workflow_transitions = {("open", "answered"): None}
    _workflow_fields = frozenset(
        {"answered_date", "team_id", "repeat_of_id", "incident_id"}
    )
    _workflow_locked_states = ("answered",)
    _order = "received desc, id desc"

    kind = fields.Selection(
        [("query", "Query"), ("complaint", "Complaint")],
        required=True,
        default="complaint",
        tracking=True,
    )
    channel = fields.Selection(
        [
            ("phone", "Phone"),
            ("online", "Online Platform"),
            ("wechat", "WeChat"),
            ("email", "Email"),
            ("counter", "At the Counter"),
        ],
        required=True,
        default="phone",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Branch",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True
    )
    waybill = fields.Char(index="trigram", tracking=True)
    category_id = fields.Many2one("courier.complaint.category", tracking=True)
    department = fields.Selection(
        related="category_id.department", store=True, string="Routed to"
    )
    team_id = fields.Many2one(
        "courier.complaint.team",
        readonly=True,
        index=True,
        help="The branch's team of the department the category routes to.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Handler",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
    )
    description = fields.Text(required=True)
    response = fields.Text()
    received = fields.Datetime(required=True, default=fields.Datetime.now)
    level = fields.Selection(LEVELS, required=True, default="1", tracking=True)
    deadline = fields.Datetime(compute="_compute_deadline", store=True, index=True)
    state = fields.Selection(
        [("open", "Open"), ("answered", "Answered")],
        default="open",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    answered_date = fields.Datetime(readonly=True)
    on_time = fields.Boolean(compute="_compute_on_time", store=True)
    repeat_of_id = fields.Many2one(
        "courier.complaint", string="Repeats", readonly=True, index="btree_not_null"
    )
    incident_id = fields.Many2one("courier.incident", readonly=True, index=True)

    @api.depends("kind", "level", "received", "company_id")
    def _compute_deadline(self):
        for complaint in self:
            policy = complaint.company_id._policy()
            hours = (
                policy.courier_query_hours
                if complaint.kind == "query"
                else policy[f"courier_complaint_hours_{complaint.level}"]
            )
            # the deadline clock: the handbook counts these limits in clock hours
            calendar = complaint.company_id.resource_calendar_id
            complaint.deadline = complaint.received and calendar._key_account_deadline(
                complaint.received, hours, "hours"
            )

    @api.depends("answered_date", "deadline")
    def _compute_on_time(self):
        for complaint in self:
            complaint.on_time = bool(
                complaint.answered_date
                and complaint.answered_date <= complaint.deadline
            )

    @api.constrains("kind", "category_id")
    def _check_category(self):
        if self.filtered(lambda c: c.kind == "complaint" and not c.category_id):
            raise ValidationError(self.env._("A complaint needs its category."))

    @api.constrains("received")
    def _check_received(self):
        self._key_account_check_dates(["received"])

    @api.model_create_multi
    def create(self, vals_list):
        complaints = super().create(vals_list)
        complaints._route()
        complaints.filtered(lambda c: c.kind == "complaint")._follow_up()
        return complaints

    def _route(self):
        """Hand each complaint to its department's team in the branch."""
        Team = self.env["courier.complaint.team"].sudo()
        for complaint in self.filtered("department"):
            team = Team._for(complaint.department, complaint.company_id)
            if not team:
                continue
            complaint._workflow_write({"team_id": team.id})
            leader = complaint._key_account_for_reader(
                team.leader_id, complaint.company_id
            )
            leader.activity_schedule(
                "courier_claims.mail_act_courier_complaint",
                # the reader's day, not UTC's
                date_deadline=fields.Datetime.context_timestamp(
                    leader, complaint.deadline
                ).date(),
                summary=leader.env._("Complaint to handle: %s", complaint.name),
                user_id=team.leader_id.id,
            )

    def _follow_up(self):
        """Second complaints become incidents; key accounts count complaints."""
        for complaint in self:
            complaint._link_repeat()
            partner = complaint.partner_id.commercial_partner_id
            if partner.is_key_account:
                complaint._count_for_key_account(partner)

    def _link_repeat(self):
        self.ensure_one()
        if not self.waybill:
            return
        first = self.search(
            [
                ("waybill", "=", self.waybill),
                ("kind", "=", "complaint"),
                ("id", "!=", self.id),
            ],
            order="received",
            limit=1,
        )
        if not first:
            return
        Incident = self.env["courier.incident"]
        incident = Incident.search(
            [
                ("waybill", "=", self.waybill),
                ("state", "not in", ("closed", "rejected")),
            ],
            limit=1,
        ) or Incident.create(
            {
                "partner_id": self.partner_id.id,
                "company_id": self.company_id.id,
                "waybill": self.waybill,
                "kind": self.category_id.incident_kind or "service",
                "incident_date": self.received,
                "description": self.description,
            }
        )
        self._workflow_write({"repeat_of_id": first.id, "incident_id": incident.id})
        incident.message_post(
            body=self.env._(
                "Second complaint %(complaint)s on waybill %(waybill)s.",
                complaint=self.name,
                waybill=self.waybill,
            )
        )

    def _count_for_key_account(self, partner):
        """The month's complaint count (KA-9) and the repeated-complaint warning
        (KA-6), written as superuser: handlers do not manage key accounts."""
        self.ensure_one()
        month = first_of_month(self.received.date())
        month_start = datetime.combine(month, time.min)
        month_end = datetime.combine(add_months(month, 1), time.min)
        domain = [
            ("partner_id", "child_of", partner.id),
            ("kind", "=", "complaint"),
        ]
        Complaint = self.sudo()
        in_month = Complaint.search_count(
            domain + [("received", ">=", month_start), ("received", "<", month_end)]
        )
        self.env["key.account.service.kpi"]._record(
            partner, self.received.date(), complaints=in_month
        )
        policy = self.company_id._policy()
        since = self.received - timedelta(days=policy.courier_repeat_complaint_days)
        recent = Complaint.search_count(domain + [("received", ">", since)])
        if recent >= policy.courier_repeat_complaint_count:
            self.env["key.account.warning"].sudo().open_case(
                partner,
                "repeated_complaints",
                "warning",
                note=self.env._(
                    "%(count)s complaints in %(days)s days, the last %(complaint)s.",
                    count=recent,
                    days=policy.courier_repeat_complaint_days,
                    complaint=self.name,
                ),
                source_ref=self.name,
            )

    def action_answer(self):
        answered = self.filtered(lambda c: c.state == "open")
        answered._workflow_move("answered", {"answered_date": fields.Datetime.now()})
        # an answered complaint leaves nobody its handling or escalation activity
        answered.sudo().activity_feedback(
            ["courier_claims.mail_act_courier_complaint"],
            feedback=self.env._("Complaint answered."),
        )

    def _workflow_check(self, old, new):
        if new == "answered" and not (self.response or "").strip():
            raise UserError(self.env._("Write the answer given first."))
        return super()._workflow_check(old, new)

    @api.model
    def _cron_escalate(self, batch_size=500):
        """Open complaints past their level's hours climb one level; batched."""
        domain = [
            ("state", "=", "open"),
            ("kind", "=", "complaint"),
            ("level", "!=", "3"),
            ("deadline", "<", fields.Datetime.now()),
        ]
        complaints = self.search(domain, limit=batch_size)
        for complaint in complaints:
            level = str(int(complaint.level) + 1)
            complaint.level = level
            group = self.env.ref(LEVEL_GROUPS[level])
            for user in group.users.filtered(
                lambda u, c=complaint: c.company_id in u.company_ids
            ):
                reader = complaint._key_account_for_reader(user, complaint.company_id)
                reader.activity_schedule(
                    "courier_claims.mail_act_courier_complaint",
                    date_deadline=fields.Datetime.context_timestamp(
                        reader, complaint.deadline
                    ).date(),
                    summary=reader.env._("Escalated complaint %s", complaint.name),
                    user_id=user.id,
                )
        self.env["ir.cron"]._notify_progress(
            done=len(complaints), remaining=self.search_count(domain)
        )
