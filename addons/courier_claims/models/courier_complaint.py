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
# what the time limit is counted from
DEADLINE_INPUTS = {"kind", "level", "received", "company_id"}
# what the level a complaint starts at is read from
START_LEVEL_INPUTS = {"kind", "amount", "company_id"}
# who hears of a repeated problem in a department
MANAGER_GROUPS = (
    "courier_claims.courier_claims_group_manager",
    "courier_claims.courier_claims_group_branch_manager",
)


class CourierComplaint(models.Model):
    """A customer's query or complaint, routed and timed (CL-8).

    A complaint is due within the hours of its level; past them it climbs to
    the next level. One involving more than the receptionist's amount starts
    at the platform CS manager's level. Its time limits are steps of the one
    deadline clock (``courier.complaint.deadline``), and so is the written
    report of the person complained about. A second complaint on the same
    waybill is an incident (二次投诉就是事故): it opens one, or joins the open
    one, and the earlier complaints are linked to it too. The same category
    repeated in one department's team within a period flags the complaints to
    the managers (投诉异常情况).
    """

    _name = "courier.complaint"
    _description = "Query or Complaint"
    _inherit = [
        "guarded.workflow.mixin",
        "sequence.reference.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "grouped.rate.mixin",
    ]
    # grouped: answered on time among all received, as the monthly report counts
    _grouped_rates = {"on_time_rate": ("on_time_count", "received_count", 100.0, 0.0)}

    # Answered on time is a service figure: only the answer action records it.
    _workflow_transitions = {("open", "answered"): None}
    _workflow_fields = frozenset(
        {
            "answered_date",
            "team_id",
            "repeat_of_id",
            "incident_id",
            "written_report_due",
            "written_report_date",
            "written_report_user_id",
            "repeated_problem",
        }
    )
    _workflow_locked_states = ("answered",)
    # the written report may come after the customer was answered
    _workflow_free_fields = frozenset({"written_report"})
    _order = "received desc, id desc"
    _track_state_subtypes = {"answered": "courier_claims.mt_courier_complaint_answered"}
    _check_company_auto = True

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
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        check_company=True,
    )
    waybill = fields.Char(index="trigram", tracking=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(
        string="Amount Involved",
        tracking=True,
        help="What the complaint is about in money. Above the receptionist's "
        "amount (Settings) a complaint starts at the platform CS manager's "
        "level and time limit.",
    )
    category_id = fields.Many2one("courier.complaint.category", tracking=True)
    department = fields.Selection(
        related="category_id.department", store=True, string="Routed to"
    )
    team_id = fields.Many2one(
        "courier.complaint.team",
        readonly=True,
        index=True,
        check_company=True,
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
    # counts a group sums: its on-time rate is theirs, not an average
    received_count = fields.Integer(
        string="Received Complaints",
        compute="_compute_on_time",
        store=True,
        aggregator="sum",
    )
    on_time_count = fields.Integer(
        string="Answered on Time",
        compute="_compute_on_time",
        store=True,
        aggregator="sum",
    )
    on_time_rate = fields.Float(
        string="On-time Rate (%)",
        compute="_compute_on_time",
        store=True,
        aggregator="avg",  # recomputed from the counts for a group
        help="Answered within the time limit among all received.",
    )
    # A waybill crosses branches: its first complaint and its open incident
    # may be another branch's, so these two links are not company-checked.
    repeat_of_id = fields.Many2one(
        "courier.complaint", string="Repeats", readonly=True, index="btree_not_null"
    )
    incident_id = fields.Many2one("courier.incident", readonly=True, index=True)
    deadline_step_ids = fields.One2many(
        "courier.complaint.deadline", "complaint_id", string="Time Limits"
    )
    call_ids = fields.One2many(
        "courier.call", "complaint_id", string="Calls", help="The calls it came from."
    )
    complained_user_id = fields.Many2one(
        "res.users",
        string="Person Complained About",
        domain=[("share", "=", False)],
        tracking=True,
        index="btree_not_null",
        help="Gives a written report on the complaint within the hours set in "
        "Settings (24 by the manual).",
    )
    written_report = fields.Text(
        help="The account of the person complained about, of the whole event "
        "and its causes. Saved once: it does not change afterwards."
    )
    written_report_due = fields.Datetime(readonly=True)
    written_report_date = fields.Datetime(string="Report Recorded on", readonly=True)
    written_report_user_id = fields.Many2one(
        "res.users", string="Report Recorded by", readonly=True
    )
    written_report_late = fields.Boolean(
        string="Report Late",
        compute="_compute_written_report_late",
        store=True,
        help="Recorded after its due time.",
    )
    repeated_problem = fields.Boolean(
        readonly=True,
        tracking=True,
        help="One of as many complaints of this category in this department "
        "within the period set in Settings: the managers were told.",
    )

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
            complaint.received_count = 1
            complaint.on_time_count = int(complaint.on_time)
            complaint.on_time_rate = 100.0 * complaint.on_time

    @api.depends("written_report_date", "written_report_due")
    def _compute_written_report_late(self):
        for complaint in self:
            complaint.written_report_late = bool(
                complaint.written_report_date
                and complaint.written_report_due
                and complaint.written_report_date > complaint.written_report_due
            )

    @api.constrains("kind", "category_id")
    def _check_category(self):
        if self.filtered(lambda c: c.kind == "complaint" and not c.category_id):
            raise ValidationError(self.env._("A complaint needs its category."))

    @api.constrains("received")
    def _check_received(self):
        self._key_account_check_dates(["received"])

    @api.constrains("amount")
    def _check_amount(self):
        if self.filtered(lambda c: c.amount < 0):
            raise ValidationError(self.env._("The amount involved cannot be negative."))

    @api.constrains("written_report", "complained_user_id")
    def _check_written_report(self):
        if self.filtered(lambda c: c.written_report and not c.complained_user_id):
            raise ValidationError(
                self.env._(
                    "Name the person complained about before recording their "
                    "written report."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        Company = self.env["res.company"]
        for vals in vals_list:
            if "level" not in vals:
                company = Company.browse(vals.get("company_id") or self.env.company.id)
                vals["level"] = self._start_level(
                    vals.get("kind", "complaint"), vals.get("amount") or 0.0, company
                )
        complaints = super().create(vals_list)
        complaints._route()
        complaints._open_deadline_steps()
        complaints._open_written_report_steps()
        complaints._record_written_report()
        complaints.filtered(lambda c: c.kind == "complaint")._follow_up()
        return complaints

    def write(self, vals):
        if {"written_report", "complained_user_id"} & set(vals) and self.filtered(
            "written_report_date"
        ):
            raise UserError(
                self.env._(
                    "The written report is recorded: neither it nor the person "
                    "complained about changes any more."
                )
            )
        res = super().write(vals)
        if START_LEVEL_INPUTS & set(vals):
            self._relevel()
        if DEADLINE_INPUTS & set(vals):
            self._reschedule_deadline_steps()
        if "complained_user_id" in vals:
            self._cancel_written_report_steps()
            self._open_written_report_steps()
        if "written_report" in vals:
            self._record_written_report()
        return res

    @api.model
    def _start_level(self, kind, amount, company):
        """A complaint above the receptionist's amount starts one level up
        (000 section 3.5: 500 within 4 hours); a query always at the first."""
        policy = company._policy()
        above = (
            company.currency_id.compare_amounts(
                amount, policy.courier_complaint_small_amount
            )
            > 0
        )
        return "2" if kind == "complaint" and above else "1"

    def _relevel(self):
        """An amount corrected by hand moves a complaint that has not climbed
        to the level it starts at: its open time limit is counted anew, for
        the people of that level."""
        for complaint in self.filtered(lambda c: c.state == "open"):
            if complaint.deadline_step_ids.filtered("climbed"):
                continue
            level = self._start_level(
                complaint.kind, complaint.amount, complaint.company_id
            )
            if level == complaint.level:
                continue
            complaint.level = level
            limits = complaint.sudo().deadline_step_ids.filtered(
                lambda step: step.purpose == "limit" and not step.done_date
            )
            limits.activity_ids.exists().unlink()
            limits.unlink()
            complaint._open_deadline_steps()

    def _route(self):
        """Hand each complaint to its department's team in the branch."""
        Team = self.env["courier.complaint.team"].sudo()
        for complaint in self.filtered("department"):
            team = Team._for(complaint.department, complaint.company_id)
            if team:
                complaint._workflow_write({"team_id": team.id})

    def _open_deadline_steps(self, climbed=False):
        """The time limit of each complaint's level as a step, with the
        activity of who handles it (the routed team's leader, or the level's
        group once ``climbed``). Steps are the clock's own: as superuser."""
        steps = (
            self.env["courier.complaint.deadline"]
            .sudo()
            .create(
                [
                    {
                        "complaint_id": complaint.id,
                        "level": complaint.level,
                        "climbed": climbed,
                        "due": complaint.deadline,
                    }
                    for complaint in self
                ]
            )
        )
        steps._schedule()

    def _reschedule_deadline_steps(self):
        """A time limit counted anew (the level or the receipt corrected by
        hand) moves the open step and its activities with it."""
        for complaint in self.filtered(lambda c: c.state == "open"):
            complaint.sudo().deadline_step_ids.filtered(
                lambda step: (
                    step.purpose == "limit"
                    and not step.done_date
                    and not step.escalated
                )
            )._reschedule(complaint.deadline)

    # ---- the written report of the person complained about (001) -------------

    def _open_written_report_steps(self):
        """The person complained about owes a written report within the
        policy's hours of being named: a step with their activity."""
        now = fields.Datetime.now()
        for complaint in self.filtered(
            lambda c: c.complained_user_id and not c.written_report_date
        ):
            policy = complaint.company_id._policy()
            calendar = complaint.company_id.resource_calendar_id
            due = calendar._key_account_deadline(
                now, policy.courier_written_report_hours, "hours"
            )
            complaint._workflow_write({"written_report_due": due})
            step = (
                self.env["courier.complaint.deadline"]
                .sudo()
                .create(
                    {
                        "complaint_id": complaint.id,
                        "purpose": "written_report",
                        "level": complaint.level,
                        "due": due,
                    }
                )
            )
            step._schedule()

    def _cancel_written_report_steps(self):
        """Another person named: the former one owes no report any more."""
        steps = self.sudo().deadline_step_ids.filtered(
            lambda step: step.purpose == "written_report" and not step.done_date
        )
        steps.activity_ids.exists().unlink()
        steps.unlink()

    def _record_written_report(self):
        """Who recorded the report and when; its step is done."""
        recorded = self.filtered(
            lambda c: (c.written_report or "").strip() and not c.written_report_date
        )
        if not recorded:
            return
        recorded._workflow_write(
            {
                "written_report_date": fields.Datetime.now(),
                "written_report_user_id": self.env.user.id,
            }
        )
        recorded.sudo().deadline_step_ids.filtered(
            lambda step: step.purpose == "written_report"
        )._mark_done(feedback=self.env._("Written report recorded."))

    def _follow_up(self):
        """Second complaints become incidents; repeated problems are flagged;
        key accounts count complaints."""
        for complaint in self:
            complaint._link_repeat()
            complaint._flag_repeated_problem()
            partner = complaint.partner_id.commercial_partner_id
            if partner.is_key_account:
                complaint._count_for_key_account(partner)

    def _link_repeat(self):
        """One incident for the matter, linked to every complaint on it.

        The earlier complaints and the open incident are searched as
        superuser: a waybill crosses branches, and a handler who cannot see
        the other branch's still must not open a second incident.
        """
        self.ensure_one()
        if not self.waybill:
            return
        earlier = self.sudo().search(
            [
                ("waybill", "=", self.waybill),
                ("kind", "=", "complaint"),
                ("id", "!=", self.id),
            ],
            order="received, id",
        )
        if not earlier:
            return
        first = earlier[0]
        ended = ("closed", "rejected")
        Incident = self.env["courier.incident"]
        incident = earlier.incident_id.filtered(lambda i: i.state not in ended).sorted(
            "id"
        )[:1] or Incident.sudo().search(
            [("waybill", "=", self.waybill), ("state", "not in", ended)],
            order="id",
            limit=1,
        )
        incident = incident or Incident.create(
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
        earlier.filtered(lambda c: not c.incident_id)._workflow_write(
            {"incident_id": incident.id}
        )
        incident.sudo().message_post(
            body=self.env._(
                "Second complaint %(complaint)s on waybill %(waybill)s.",
                complaint=self.name,
                waybill=self.waybill,
            )
        )

    def _flag_repeated_problem(self):
        """The same category in the same department's team (the branch's
        department when it has no team) as many times as the policy says
        within its period is a repeated problem (001, 投诉异常情况): the
        complaints are flagged and the branch's CS managers and branch
        managers told, once per occurrence: a complaint joining a series
        already flagged is flagged without telling them again.
        """
        self.ensure_one()
        if not self.category_id:
            return
        policy = self.company_id._policy()
        since = self.received - timedelta(days=policy.courier_repeat_problem_days)
        place = (
            [("team_id", "=", self.team_id.id)]
            if self.team_id
            else [("team_id", "=", False), ("company_id", "=", self.company_id.id)]
        )
        series = self.sudo().search(
            [
                *place,
                ("kind", "=", "complaint"),
                ("category_id", "=", self.category_id.id),
                ("received", ">", since),
                ("received", "<=", self.received),
            ]
        )
        if len(series) < policy.courier_repeat_problem_count:
            return
        ongoing = (series - self).filtered("repeated_problem")
        series.filtered(lambda c: not c.repeated_problem)._workflow_write(
            {"repeated_problem": True}
        )
        if ongoing:
            return
        departments = dict(self._fields["department"]._description_selection(self.env))
        department = self.team_id.display_name or (
            f"{self.company_id.name} / {departments.get(self.department, '')}"
        )
        managers = self.env["res.users"]
        for xmlid in MANAGER_GROUPS:
            managers |= self.env.ref(xmlid).users
        managers = managers.filtered(
            lambda user: user.active and self.company_id in user.company_ids
        )
        self.sudo().message_post(
            body=self.env._(
                "Repeated problem: %(count)s complaints of %(category)s in "
                "%(department)s within %(days)s days (%(complaints)s).",
                count=len(series),
                category=self.category_id.name,
                department=department,
                days=policy.courier_repeat_problem_days,
                complaints=", ".join(series.sorted("received").mapped("name")),
            ),
            partner_ids=managers.partner_id.ids,
            subtype_xmlid="mail.mt_comment",
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

    def _on_time_figures(self, complaint_target, query_target):
        """These complaints' and queries' counts and on-time rates against
        the targets, as the monthly report and the summaries print them: a
        rate is answered on time among all received, and with nothing
        received nothing is below target."""
        complaints = self.filtered(lambda c: c.kind == "complaint")
        queries = self - complaints
        complaint_rate = _on_time_rate(complaints)
        query_rate = _on_time_rate(queries)
        answered = self.filtered("answered_date")
        hours = sum((c.answered_date - c.received).total_seconds() for c in answered)
        return {
            "complaint_count": len(complaints),
            "query_count": len(queries),
            "complaints_on_time": complaint_rate,
            "queries_on_time": query_rate,
            "complaints_below_target": bool(complaints)
            and complaint_rate < complaint_target,
            "queries_below_target": bool(queries) and query_rate < query_target,
            "average_answer_hours": hours / 3600 / len(answered) if answered else 0.0,
        }

    def action_answer(self):
        answered = self.filtered(lambda c: c.state == "open")
        answered._workflow_move("answered", {"answered_date": fields.Datetime.now()})
        # a key account's answered complaint: a return visit and one contact
        # surveyed (issue 21), as superuser
        Campaign = self.env["key.account.survey.campaign"].sudo()
        for complaint in answered.filtered(lambda c: c.kind == "complaint"):
            partner = complaint.partner_id.commercial_partner_id
            if partner.is_key_account:
                Campaign._follow_up_case(partner, complaint.name)
        # an answered complaint leaves nobody its handling or escalation
        # activity: its time limits close theirs, and nothing else; the
        # written report is still owed
        answered.sudo().deadline_step_ids.filtered(
            lambda step: step.purpose == "limit"
        )._mark_done(feedback=self.env._("Complaint answered."))

    def _workflow_check(self, old, new):
        if new == "answered" and not (self.response or "").strip():
            raise UserError(self.env._("Write the answer given first."))
        return super()._workflow_check(old, new)


def _on_time_rate(records):
    """Answered on time among all received, in percent, to the hundredth."""
    if not records:
        return 0.0
    return round(100.0 * len(records.filtered("on_time")) / len(records), 2)
