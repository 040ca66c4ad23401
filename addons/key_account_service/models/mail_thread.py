from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _composer_action(self, template):
        """The mail composer on these records, prefilled with ``template``:
        the letters of incidents and cases open it."""
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
            },
        }
