from odoo import fields, models


class CourierIncidentTransition(models.TransientModel):
    """Moves an incident on, with the reason the chatter keeps."""

    _name = "courier.incident.transition"
    _description = "Incident Next Step"

    incident_id = fields.Many2one("courier.incident", required=True)
    new_state = fields.Selection(
        [
            ("investigating", "Investigating"),
            ("negotiating", "Negotiating"),
            ("awaiting_approval", "Awaiting Approval"),
            ("paid", "Paid"),
            ("closed", "Closed"),
            ("rejected", "Rejected"),
        ],
        string="Move to",
        required=True,
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.incident_id._move_to(self.new_state, self.reason)
