from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The months drafted before the on-time targets existed compare against
    their branch's policy targets of today (70% and 80% as shipped)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    reports = env["courier.monthly.report"].search([("complaint_target", "=", 0)])
    for company, months in reports.grouped("company_id").items():
        policy = company._policy()
        months.write(
            {
                "complaint_target": policy.courier_complaint_on_time_target,
                "query_target": policy.courier_query_on_time_target,
            }
        )
