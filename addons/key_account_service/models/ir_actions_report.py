from odoo import models


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _get_rendering_context(self, report, docids, data):
        # Every printed report of a confidential archive is registered.
        Mixin = self.env.registry["key.account.access.logged.mixin"]
        records = self.env[report.model].browse(docids or [])
        if isinstance(records, Mixin) and records:
            records._check_may_leave("print")
            records._register_access("print", report.name)
        return super()._get_rendering_context(report, docids, data)
