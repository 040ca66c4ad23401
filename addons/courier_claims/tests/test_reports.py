from datetime import date, datetime

from odoo.tests import tagged

from odoo.addons.key_account_service.tests.common import ReportRenderMixin

from .common import ClaimsCommon


@tagged("post_install", "-at_install")
class TestClaimsReports(ReportRenderMixin, ClaimsCommon):
    """The letters and the monthly statistics print, in English and Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._load_chinese(["key_account_service", "courier_claims"])
        cls.carrier = cls.env["res.partner"].create(
            {"name": "Jiangnan Linehaul Ltd.", "is_company": True, "lang": "zh_CN"}
        )
        cls.incident = cls.env["courier.incident"].create(
            {
                "partner_id": cls.customer.id,
                "company_id": cls.branch.id,
                "waybill": "SF7788990011",
                "kind": "damage",
                "claimed_amount": 1800.0,
                "carrier_id": cls.carrier.id,
                "incident_date": datetime(2026, 9, 8, 10, 0),
            }
        )

    def test_letters_follow_the_addressee_language(self):
        apology = self._render("courier_claims.report_incident_apology", self.incident)
        self.assertIn("Apology Letter", apology)
        self.assertIn("Suzhou Textile Co.", apology)
        self.assertIn("SF7788990011", apology)
        negotiation = self._render(
            "courier_claims.report_incident_negotiation", self.incident
        )
        self.assertIn("1,800.00", negotiation)
        # the carrier reads Chinese, whatever the user's language
        confirmation = self._render(
            "courier_claims.report_incident_confirmation", self.incident
        )
        self.assertIn("Jiangnan Linehaul Ltd.", confirmation)
        self.assertIn("责任确认函", confirmation)
        self.customer.lang = "zh_CN"
        self.assertIn(
            "致歉函",
            self._render("courier_claims.report_incident_apology", self.incident),
        )
        voucher = self._render("courier_claims.report_incident_voucher", self.incident)
        self.assertIn("理赔款领取凭证", voucher)
        self.assertIn("SF7788990011", voucher)

    def test_monthly_statistics(self):
        report = self.env["courier.monthly.report"].create(
            {"company_id": self.branch.id, "month": date(2026, 9, 1)}
        )
        self.assertEqual(report.incident_count, 1)
        html = self._render("courier_claims.report_monthly_statistics", report)
        self.assertIn("Monthly Incident Statistics", html)
        self.assertIn("Suzhou Branch", html)
        self.assertIn("2026-09", html)
        self.assertIn("Damage", html)
        chinese = self._render(
            "courier_claims.report_monthly_statistics", report, "zh_CN"
        )
        self.assertIn("月度服务事故统计", chinese)
