"""Probe M6: a monthly report's month is the first of the month."""

from datetime import date

from odoo.tests import tagged

from .common import ClaimsCommon


@tagged("post_install", "-at_install", "courier_claims", "probe")
class TestProbeReportMonth(ClaimsCommon):
    def test_m6_monthly_report_month_is_the_first_of_the_month(self):
        """M6: a monthly report for a mid-month date is that month's report."""
        report = (
            self.env["courier.monthly.report"]
            .with_user(self.cs_manager)
            .create({"company_id": self.branch.id, "month": "2026-11-15"})
        )
        self.assertEqual(report.month, date(2026, 11, 1))
        report.write({"month": "2026-10-31"})
        self.assertEqual(report.month, date(2026, 10, 1))
