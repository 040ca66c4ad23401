from odoo import api, fields, models

from .courier_complaint import LEVEL_GROUPS, LEVELS


class CourierComplaintDeadline(models.Model):
    """A complaint's time limit at one level, as a step of the one deadline
    clock (CL-8).

    The first step goes to the team leader the complaint is routed to. Past
    its time limit a complaint climbs one level, once: the escalation cron
    raises it and opens the next level's step, whose activity tells that
    level. Answering the complaint closes its steps and their activities.

    The written report owed by the person complained about (001) is a step
    of its own purpose: it goes to that person, is done when the report is
    recorded, and past its time tells the team leader and the branch's CS
    managers, once; it does not climb.
    """

    _name = "courier.complaint.deadline"
    _inherit = ["deadline.step.mixin"]
    _description = "Complaint Time Limit"
    _order = "due, id"
    _deadline_record_field = "complaint_id"
    _deadline_activity_type = "courier_claims.mail_act_courier_complaint"
    # the next level's own step is the alert: no separate overdue activity
    _deadline_overdue_activity_type = "courier_claims.mail_act_courier_complaint"

    complaint_id = fields.Many2one(
        "courier.complaint", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="complaint_id.company_id", store=True)
    purpose = fields.Selection(
        [("limit", "Time Limit"), ("written_report", "Written Report")],
        required=True,
        default="limit",
        readonly=True,
    )
    level = fields.Selection(LEVELS, required=True, readonly=True)
    climbed = fields.Boolean(
        readonly=True,
        help="Opened when the complaint climbed to this level, past the time "
        "limit of the level below.",
    )

    @api.depends("purpose", "level", "complaint_id")
    def _compute_display_name(self):
        for step in self:
            field = "level" if step.purpose == "limit" else "purpose"
            labels = dict(step._fields[field]._description_selection(step.env))
            step.display_name = f"{step.complaint_id.name}: {labels.get(step[field])}"

    def _deadline_label(self):
        if self.purpose == "written_report":
            return self.env._("Written report on complaint %s", self.complaint_id.name)
        if self.climbed:
            return self.env._("Escalated complaint %s", self.complaint_id.name)
        return self.env._("Complaint to handle: %s", self.complaint_id.name)

    def _deadline_assignees(self):
        """The person complained about for the written report; the level's
        group in the branch once climbed; else the leader of the team the
        complaint is routed to, with the level's group when the complaint
        starts above the first level."""
        complaint = self.complaint_id
        if self.purpose == "written_report":
            return complaint.complained_user_id
        level_users = self.env["res.users"]
        if self.level in LEVEL_GROUPS:
            level_users = self._deadline_group_users(
                self.env.ref(LEVEL_GROUPS[self.level])
            )
        if self.climbed:
            return level_users
        return complaint.team_id.leader_id | level_users

    def _deadline_escalation_users(self):
        """A written report overdue: the team leader and the CS managers."""
        return self.complaint_id.team_id.leader_id | self._deadline_group_users(
            self.env.ref(LEVEL_GROUPS["2"])
        )

    # ---- escalation ----------------------------------------------------------

    @api.model
    def _get_escalate_domain(self):
        """Overdue written reports, and the time limits of open complaints
        below the top level (a query is answered in time or late, it does not
        climb)."""
        return [
            *super()._get_escalate_domain(),
            "|",
            ("purpose", "=", "written_report"),
            "&",
            "&",
            "&",
            ("purpose", "=", "limit"),
            ("complaint_id.state", "=", "open"),
            ("complaint_id.kind", "=", "complaint"),
            ("complaint_id.level", "!=", LEVELS[-1][0]),
        ]

    def _escalate(self):
        """Each complaint climbs one level, per company; an overdue written
        report is told to who handles the complaint."""
        limits = self.filtered(lambda step: step.purpose == "limit")
        for company, steps in limits.grouped("company_id").items():
            steps.with_company(company)._climb()
        return super(CourierComplaintDeadline, self - limits)._escalate()

    def _climb(self):
        self.write({"escalated": True})  # once: before the level changes
        for step in self:
            complaint = step.complaint_id
            complaint.level = str(int(complaint.level) + 1)
            complaint._open_deadline_steps(climbed=True)
