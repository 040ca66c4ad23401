from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        """Marking a key-account contact's activity done marks the contact done."""
        visits = self.env["key.account.visit"]
        if not self.env.context.get("key_account_visit_sync"):
            visits = visits.sudo().search([("planning_activity_id", "in", self.ids)])
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        visits._on_activity_done(feedback)
        return result
