from odoo import fields, models


class CourierIncidentDeadline(models.Model):
    """A step of an incident's deadline ladder, with its activity."""

    _name = "courier.incident.deadline"
    _inherit = ["deadline.step.mixin"]
    _description = "Incident Deadline"
    _order = "due, id"
    _check_company_auto = True
    _deadline_record_field = "incident_id"
    _deadline_activity_type = "courier_claims.mail_act_courier_incident_step"
    _deadline_overdue_activity_type = "courier_claims.mail_act_courier_incident_overdue"

    incident_id = fields.Many2one(
        "courier.incident", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="incident_id.company_id", store=True)
    # cascade only ever runs at uninstall: a used rule cannot be deleted
    rule_id = fields.Many2one(
        "courier.deadline.rule",
        required=True,
        readonly=True,
        ondelete="cascade",
        check_company=True,
    )
    name = fields.Char(related="rule_id.name")

    _sql_constraints = [
        (
            "incident_rule_uniq",
            "UNIQUE(incident_id, rule_id)",
            "An incident has each step once.",
        ),
    ]

    def _deadline_label(self):
        return self.name

    def _responsible_users(self, group):
        """Members of ``group`` in the incident's branch; no group: the handler."""
        self.ensure_one()
        return self._deadline_group_users(group) if group else self.incident_id.user_id

    def _deadline_assignees(self):
        return self._responsible_users(self.rule_id.group_id)

    def _deadline_escalation_users(self):
        return self._responsible_users(self.rule_id.escalate_group_id)
