from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.access_logged_mixin import is_access_logged


class KeyAccountAccessRequest(models.TransientModel):
    """*Consult*: the user says why before a confidential archive opens."""

    _name = "key.account.access.request"
    _description = "Consult a Confidential Archive"

    res_model = fields.Char(required=True)
    res_id = fields.Integer(required=True)
    reason = fields.Char(
        string="Why",
        required=True,
        help="Registered in the archive's access log with your name and the time.",
    )

    def action_open(self):
        self.ensure_one()
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(self.env._("Say why you consult this archive."))
        if not is_access_logged(self.env, self.res_model):
            raise UserError(self.env._("This record is not a confidential archive."))
        archive = self.env[self.res_model].browse(self.res_id)
        archive.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": archive.display_name,
            "res_model": archive._name,
            "res_id": archive.id,
            "views": [(self.env.ref(archive._access_content_view()).id, "form")],
            "target": "current",
            # the form names this dialog; the log reads the reason from it
            "context": {"access_request_id": self.id},
        }

    @api.model
    def _stated_reason(self, archive):
        """The reason the current user gave in the dialog of ``archive``.

        The context only names the dialog: a dialog of another user or of
        another archive gives no reason.
        """
        request_id = self.env.context.get("access_request_id")
        if not isinstance(request_id, int) or isinstance(request_id, bool):
            return ""
        request = self.sudo().browse(request_id).exists()
        if (
            request.create_uid != self.env.user
            or request.res_model != archive._name
            or request.res_id != archive.id
        ):
            return ""
        return (request.reason or "").strip()
