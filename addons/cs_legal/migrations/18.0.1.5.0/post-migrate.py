"""Existing databases: reports already sent to headquarters take the day and
the user of their last change as when and by whom they were sent (the best
record older versions kept), and are flagged late against the report day of
their headquarters."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    reports = (
        env["legal.signing.report"]
        .with_context(active_test=False)
        .search([("state", "=", "submitted"), ("sent_on", "=", False)])
    )
    for report in reports:
        sent_on = report.write_date.date()
        report._workflow_write(
            {
                "sent_on": sent_on,
                "sent_by_id": report.write_uid.id,
                "late": sent_on > report._report_due(),
            }
        )
