from odoo import models


class IrBinary(models.AbstractModel):
    _inherit = "ir.binary"

    def _find_record_check_access(self, record, access_token, field):
        # /web/content and /web/image: confidential files only via the log.
        record = super()._find_record_check_access(record, access_token, field)
        if record._name == "ir.attachment":
            # A valid access token comes back as sudo: judge the user anyway.
            record.sudo(False)._check_not_confidential()
        return record
