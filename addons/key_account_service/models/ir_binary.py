from odoo import models

from .access_logged_mixin import confidential_fields


class IrBinary(models.AbstractModel):
    _inherit = "ir.binary"

    def _find_record_check_access(self, record, access_token, field):
        # /web/content and /web/image refuse the file before looking for it
        record = super()._find_record_check_access(record, access_token, field)
        if record._name == "ir.attachment":
            record.sudo(False)._check_not_confidential()
        return record

    def _record_to_stream(self, record, field_name):
        # Every route that streams a file comes here: /web/content, /web/image,
        # /mail/attachment/zip, access tokens. A confidential archive's file
        # leaves only through the archive's document route, which logs it and
        # streams the attachment itself. The record may come back as sudo
        # (access token, public route): judge the user anyway.
        user_record = record.sudo(False)
        if record._name == "ir.attachment":
            user_record._check_not_confidential()
        elif field_name in confidential_fields(self.env, record._name):
            user_record._check_field_not_confidential(field_name)
        return super()._record_to_stream(record, field_name)
