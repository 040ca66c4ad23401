from odoo import fields, models
from odoo.exceptions import UserError


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
        Mixin = self.env.registry["key.account.access.logged.mixin"]
        archive = self.env[self.res_model].browse(self.res_id)
        if not isinstance(archive, Mixin):
            raise UserError(self.env._("This record is not a confidential archive."))
        archive.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": archive.display_name,
            "res_model": archive._name,
            "res_id": archive.id,
            "views": [(self.env.ref(archive._access_content_view()).id, "form")],
            "target": "current",
            "context": {"access_log_reason": reason, "access_log_how": "view"},
        }
