from odoo import api, fields, models

from .courier_complaint import LEVEL_GROUPS, LEVELS


class CourierComplaintDeadline(models.Model):
    """A complaint's time limit at one level, as a step of the one deadline
    clock (CL-8).

    The first step goes to the team leader the complaint is routed to. Past
    its time limit a complaint climbs one level, once: the escalation cron
    raises it and opens the next level's step, whose activity tells that
    level. Answering the complaint closes its steps and their activities.
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
    level = fields.Selection(LEVELS, required=True, readonly=True)
    climbed = fields.Boolean(
        readonly=True,
        help="Opened when the complaint climbed to this level, past the time "
        "limit of the level below.",
    )

    @api.depends("level", "complaint_id")
    def _compute_display_name(self):
        for step in self:
            levels = dict(step._fields["level"]._description_selection(step.env))
            step.display_name = f"{step.complaint_id.name}: {levels.get(step.level)}"

    def _deadline_label(self):
        if self.climbed:
            return self.env._("Escalated complaint %s", self.complaint_id.name)
        return self.env._("Complaint to handle: %s", self.complaint_id.name)

    def _deadline_assignees(self):
        """The level's group in the branch once climbed, else the leader of
        the team the complaint is routed to."""
        if self.climbed:
            return self._deadline_group_users(self.env.ref(LEVEL_GROUPS[self.level]))
        return self.complaint_id.team_id.leader_id

    # ---- escalation ----------------------------------------------------------

    @api.model
    def _get_escalate_domain(self):
        """Overdue steps of open complaints below the top level (a query is
        answered in time or late, it does not climb)."""
        return [
            *super()._get_escalate_domain(),
            ("complaint_id.state", "=", "open"),
            ("complaint_id.kind", "=", "complaint"),
            ("complaint_id.level", "!=", LEVELS[-1][0]),
        ]

    def _escalate(self):
        """Each complaint climbs one level, per company."""
        for company, steps in self.grouped("company_id").items():
            steps.with_company(company)._climb()

    def _climb(self):
        self.write({"escalated": True})  # once: before the level changes
        for step in self:
            complaint = step.complaint_id
            complaint.level = str(int(complaint.level) + 1)
            complaint._open_deadline_steps(climbed=True)
