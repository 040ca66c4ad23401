from odoo import models


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _action_send_mail_comment(self, res_ids):
        """A letter posted from a template tells its records
        (``letter.composer.mixin._letter_sent``): their steps may close."""
        messages = super()._action_send_mail_comment(res_ids)
        Model = self.env.get(self.model)
        if (
            self.template_id
            and messages
            and Model is not None
            and isinstance(Model, self.pool["letter.composer.mixin"])
        ):
            Model.browse(res_ids)._letter_sent(self.template_id)
        return messages
