"""Probe M6: a signing report's month is the first of the month."""

from datetime import date

from odoo.tests import tagged

from .common import LegalCommon


@tagged("post_install", "-at_install", "cs_legal", "probe")
class TestProbeSigningReportMonth(LegalCommon):
    def test_m6_signing_report_month_is_the_first_of_the_month(self):
        """M6: a signing report of a mid-month date is that month's report."""
        report = (
            self.env["legal.signing.report"]
            .with_user(self.legal_manager)
            .create({"company_id": self.branch.id, "month": "2026-06-15"})
        )
        self.assertEqual(report.month, date(2026, 6, 1))
