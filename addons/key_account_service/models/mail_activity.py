from odoo import api, models

from .approval_activity_mixin import APPROVAL_TYPE


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

    @api.model
    @api.readonly
    def key_account_approval_count(self):
        """How many records wait for the user's approval (the systray's
        counter; approval.activity.mixin)."""
        return self.search_count(
            [
                ("activity_type_id", "=", self.env.ref(APPROVAL_TYPE).id),
                ("user_id", "=", self.env.uid),
            ]
        )

    @api.model
    @api.readonly
    def action_key_account_approvals(self):
        """The one list of what waits for the user's approval (the systray
        opens it)."""
        return self.env["ir.actions.act_window"]._for_xml_id(
            "key_account_service.key_account_approval_activity_action"
        )
