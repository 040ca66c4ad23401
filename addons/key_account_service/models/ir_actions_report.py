from odoo import models

from .access_logged_mixin import is_access_logged


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _get_rendering_context(self, report, docids, data):
        # Every printed report of a confidential archive is registered.
        if docids and is_access_logged(self.env, report.model):
            records = self.env[report.model].browse(docids)
            records._check_may_leave("print")
            records._register_access("print", report.name)
        return super()._get_rendering_context(report, docids, data)
