from odoo import fields, models


class CourierIncidentRecoveryStep(models.TransientModel):
    """Answers, refers, decides or withdraws a network recovery, with the
    reason the chatter keeps."""

    _name = "courier.incident.recovery.step"
    _description = "Network Recovery Step"

    recovery_id = fields.Many2one("courier.incident.recovery", required=True)
    step = fields.Selection(
        [
            ("accept", "Accept"),
            ("dispute", "Dispute"),
            ("refer", "Refer to HQ Arbitration"),
            ("decide", "Decide"),
            ("cancel", "Withdraw"),
        ],
        required=True,
    )
    reason = fields.Text(required=True)
    percent = fields.Float(
        string="Share Decided (%)",
        digits=(5, 2),
        help="The share of the compensation the responsible branch bears.",
    )

    def action_confirm(self):
        self.ensure_one()
        recovery = self.recovery_id
        if self.step == "accept":
            recovery.action_accept(self.reason)
        elif self.step == "dispute":
            recovery.action_dispute(self.reason)
        elif self.step == "refer":
            recovery.action_refer(self.reason)
        elif self.step == "decide":
            recovery.action_decide(self.percent, self.reason)
        else:
            recovery.action_cancel(self.reason)
