from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    # Followers may subscribe to a record's moves: {value of the record's
    # ``_track_state_field``: xml id of the subtype its change posts with}.
    # Each workflow declares its own (data/mail_message_subtype_data.xml).
    _track_state_field = "state"
    _track_state_subtypes = {}

    def _track_subtype(self, init_values):
        field = self._track_state_field
        if self._track_state_subtypes and field in init_values:
            self.ensure_one()
            xmlid = self._track_state_subtypes.get(self[field])
            if xmlid:
                return self.env.ref(xmlid)
        return super()._track_subtype(init_values)

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
            email_from = self._mail_fallback_sender()
        if not email_from and raise_on_email:
            # No address anywhere: let Odoo say so.
            return super()._message_compute_author(author_id, email_from)
        return author_id, email_from

    def _mail_fallback_sender(self):
        company = self.env.company
        return (
            company.email_formatted
            or company.partner_id.email_formatted
            # the company's alias domain sender, or the server's email_from
            or self.env["ir.mail_server"].sudo()._get_default_from_address()
        )

    def message_notify(self, *, author_id=None, email_from=None, **kwargs):
        """Hand-offs reach their person whether or not anyone has an address.

        Assigning an activity to someone else (``mail.activity.action_notify``)
        and every other hand-off end in ``message_notify``, which asks
        ``_message_compute_author`` for a sender and raises "configure the
        sender's email address" when neither the user, the company nor the
        server has one. A notification is an internal message (it lands in
        the Odoo inbox of users without an address, see
        ``_notify_get_recipients``): the author stays the user, and with no
        address anywhere it goes out under OdooBot's, the sender Odoo itself
        uses for what the system sends. Posts to customers (letters) keep
        Odoo's error: they must not leave without a real sender.
        """
        author_id, email_from = self._message_compute_author(
            author_id, email_from, raise_on_email=False
        )
        if not email_from:
            email_from = self.env.ref("base.partner_root").sudo().email_formatted
        return super().message_notify(
            author_id=author_id, email_from=email_from, **kwargs
        )

    def _notify_get_recipients(self, message, msg_vals=False, **kwargs):
        """Internal users without an e-mail address are told in Odoo's inbox.

        Odoo sends "by e-mail" users their notifications as mails only: with
        no address the mail fails and they are told nothing. Many teams live
        on WeCom or DingTalk, not e-mail; their users read the Odoo inbox.
        """
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        by_mail = [
            data
            for data in recipients
            if data.get("notif") == "email" and data.get("type") == "user"
        ]
        if by_mail:
            partners = (
                self.env["res.partner"].sudo().browse([data["id"] for data in by_mail])
            )
            without = set(partners.filtered(lambda p: not p.email_normalized).ids)
            for data in by_mail:
                if data["id"] in without:
                    data["notif"] = "inbox"
        return recipients
