from urllib.parse import urlencode

from odoo import models
from odoo.exceptions import AccessError

from .access_logged_mixin import is_access_logged

# What holds a file's bytes; names, types and sizes stay readable.
CONTENT_FIELDS = {"datas", "raw", "db_datas", "store_fname", "index_content"}


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _confidential(self):
        """The attachments of access-logged archives, unless opened by the route."""
        if self.env.su or self.env.context.get("key_account_access_logged"):
            return self.browse()
        models_ = {
            name
            for name in set(self.sudo().mapped("res_model"))
            if is_access_logged(self.env, name)
        }
        return self.sudo().filtered(lambda a: a.res_model in models_)

    def _check_not_confidential(self):
        if self._confidential():
            raise AccessError(
                self.env._(
                    "This file belongs to a confidential archive. Open the archive "
                    "and download it from its Documents list, which registers "
                    "the access."
                )
            )

    def _read_format(self, fnames, load="_classic_read"):
        if CONTENT_FIELDS & set(fnames or ()):
            self._check_not_confidential()
        return super()._read_format(fnames, load=load)

    def export_data(self, fields_to_export):
        if CONTENT_FIELDS & {path.split("/")[0] for path in fields_to_export}:
            self._check_not_confidential()
        return super().export_data(fields_to_export)

    def action_confidential_download(self):
        """Documents list of an archive: the download goes through the log."""
        self.ensure_one()
        query = urlencode({"reason": self.env.context.get("access_log_reason") or ""})
        return {
            "type": "ir.actions.act_url",
            "target": "new",
            "url": f"/key_account/archive/{self.res_model}/{self.res_id}"
            f"/document/{self.id}?{query}",
        }
