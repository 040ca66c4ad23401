from odoo import fields, models
from odoo.exceptions import UserError


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
    done_by_id = fields.Many2one("res.users", string="Done by", readonly=True)
    done_template_id = fields.Many2one(related="rule_id.done_template_id")

    _sql_constraints = [
        (
            "incident_rule_uniq",
            "UNIQUE(incident_id, rule_id)",
            "An incident has each step once.",
        ),
    ]

    def _mark_done(self, feedback=None, done_date=None):
        """Close the steps, recording who closed them; ``done_date`` when
        what closes them happened earlier than now (the first report)."""
        steps = super()._mark_done(feedback=feedback)
        vals = {"done_by_id": self.env.uid}
        if done_date:
            vals["done_date"] = done_date
        steps.write(vals)
        return steps

    def action_send_letter(self):
        """Open the composer with the letter that closes the step."""
        self.ensure_one()
        self.incident_id.check_access("write")
        if not self.done_template_id:
            raise UserError(self.env._("This step is not closed by a letter."))
        return self.incident_id._composer_action(self.done_template_id)

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
