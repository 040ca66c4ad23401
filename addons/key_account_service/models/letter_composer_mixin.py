from odoo import models


class LetterComposerMixin(models.AbstractModel):
    """Records that send customers letters from a mail template.

    Incidents and cases inherit it; their letter buttons open the mail
    composer on the record with the template filled in. Once the composer
    has posted a letter from a template, ``_letter_sent`` is told which.
    """

    _name = "letter.composer.mixin"
    _description = "Letters Sent from a Template"

    def _composer_action(self, template):
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

    def _letter_sent(self, template):
        """Hook: a message was posted on these records from ``template``."""
