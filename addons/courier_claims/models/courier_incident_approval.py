from odoo import fields, models


class CourierIncidentApproval(models.Model):
    """One person's approval of an incident's compensation, at their level."""

    _name = "courier.incident.approval"
    _description = "Incident Approval"
    _order = "incident_id, level"

    incident_id = fields.Many2one(
        "courier.incident", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="incident_id.company_id", store=True)
    user_id = fields.Many2one("res.users", string="Approver", required=True)
    level = fields.Integer(required=True)
    date = fields.Datetime(default=fields.Datetime.now, required=True)
    currency_id = fields.Many2one(related="incident_id.currency_id")
    amount = fields.Monetary(
        string="Amount Approved",
        required=True,
        help="The compensation this approval was given for; it no longer counts "
        "once the compensation changes.",
    )

    _sql_constraints = [
        (
            "incident_user_uniq",
            "UNIQUE(incident_id, user_id, amount)",
            "A person approves an incident's compensation once.",
        ),
    ]
