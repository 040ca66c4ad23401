from odoo import api, models

from odoo.addons.key_account_service.tools.visit_schedule import add_months


class CourierCallCentreReport(models.AbstractModel):
    """The monthly call-centre report of a branch (CL-9): its month's
    indicators, per agent and per queue, against headquarters' targets
    (000 §3.5: 100 calls a day per agent, acceptance under 3 minutes)."""

    _name = "report.courier_claims.report_call_centre"
    _description = "Monthly Call-Centre Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        reports = self.env["courier.monthly.report"].browse(docids)
        Indicator = self.env["courier.call.indicator"]
        figures = {}
        for report in reports:
            end = add_months(report.month, 1)
            total = Indicator._month_figures(report.company_id, report.month, end)
            policy = report.company_id._policy()
            figures[report.id] = {
                "total": total[0] if total and total[0]["offered_count"] else None,
                "agents": sorted(
                    Indicator._month_figures(
                        report.company_id, report.month, end, ["agent_id"]
                    ),
                    key=lambda row: (row["agent_id"] and row["agent_id"][1]) or "",
                ),
                "queues": Indicator._month_figures(
                    report.company_id, report.month, end, ["queue_id"]
                ),
                "service_seconds": policy.courier_call_service_seconds,
                "daily_target": policy.courier_call_daily_target,
                "handling_target": policy.courier_call_handling_target,
            }
        return {
            "doc_ids": docids,
            "doc_model": "courier.monthly.report",
            "docs": reports,
            "figures": figures,
        }
