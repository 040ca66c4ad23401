from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _message_compute_author(
        self, author_id=None, email_from=None, raise_on_email=True
    ):
        """Users without an e-mail address post with their company's address.

        (Or the default sender of the company's alias domain or of the server.)

        Every workflow step posts to the chatter: without this, a user whose
        partner has no address cannot move a record at all (probe L9).
        """
        author_id, email_from = super()._message_compute_author(
            author_id, email_from, raise_on_email=False
        )
        if not email_from:
            company = self.env.company
            email_from = (
                company.email_formatted
                or company.partner_id.email_formatted
                # the company's alias domain sender, or the server's email_from
                or self.env["ir.mail_server"].sudo()._get_default_from_address()
            )
        if not email_from and raise_on_email:
            # No address anywhere: let Odoo say so.
            return super()._message_compute_author(author_id, email_from)
        return author_id, email_from

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
