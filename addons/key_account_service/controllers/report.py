from odoo import SUPERUSER_ID, api, http
from odoo.http import request

from odoo.addons.web.controllers import report

from ..models.access_logged_mixin import MIXIN


class ReportController(report.ReportController):
    def _report_logged_readonly(self):
        """Read-only unless the report prints an archive: printing is logged.

        Odoo decides before the request has a cursor: the report's model is
        looked up on a short read-only one.
        """
        parts = request.httprequest.path.split("/")
        reportname = parts[3] if len(parts) > 3 else ""
        with request.registry.cursor(readonly=True) as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            model = env["ir.actions.report"]._get_report_from_name(reportname).model
        return not (
            model in request.registry
            and issubclass(request.registry[model], request.registry[MIXIN])
        )

    @http.route(
        [
            "/report/<converter>/<reportname>",
            "/report/<converter>/<reportname>/<docids>",
        ],
        type="http",
        auth="user",
        website=True,
        readonly=_report_logged_readonly,
    )
    def report_routes(self, reportname, docids=None, converter=None, **data):
        return super().report_routes(
            reportname, docids=docids, converter=converter, **data
        )
