from datetime import date

from odoo.tests import tagged

from odoo.addons.key_account_service.tests.common import ReportRenderMixin

from .common import LegalCommon


@tagged("post_install", "-at_install", "cs_legal")
class TestLegalReports(ReportRenderMixin, LegalCommon):
    """The monthly legal report and the lawyer's letter, in English and Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._load_chinese(["key_account_service", "courier_claims", "cs_legal"])
        Partner = cls.env["res.partner"]
        signed, _unsigned = (
            Partner.create(
                {
                    "name": name,
                    "is_company": True,
                    "is_key_account": True,
                    "key_account_company_id": cls.branch.id,
                    "key_account_start_date": "2026-01-01",
                }
            )
            for name in ("Signed Freight Co.", "Unsigned Freight Co.")
        )
        contract = cls.env["legal.contract"].create(
            {
                "subject": "Carriage",
                "partner_id": signed.id,
                "company_id": cls.branch.id,
                "date_signed": "2026-01-05",
                "date_start": "2026-01-05",
            }
        )
        contract.action_request_review()
        contract.action_approve_review()
        contract.action_sign()
        cls.case = cls.env["legal.case"].create(
            {
                "title": "Unpaid freight",
                "counterparty_id": cls.customer.id,
                "company_id": cls.branch.id,
                "claim_amount": 36000.0,
                "date_opened": "2026-10-12",
            }
        )
        cls.report = cls.env["legal.signing.report"]._generate(
            date(2026, 10, 1), cls.branch
        )

    def test_monthly_legal_report(self):
        self.assertEqual(self.report.signing_rate, 50.0)
        html = self._render("cs_legal.report_signing_report", self.report)
        self.assertIn("Monthly Legal Report", html)
        self.assertIn("50.0", html)
        self.assertIn("Unsigned Freight Co.", html)
        self.assertNotIn("Signed Freight Co.</span>", html.replace("Unsigned", ""))
        self.assertIn("Unpaid freight", html)
        self.assertIn("36,000.00", html)
        chinese = self._render("cs_legal.report_signing_report", self.report, "zh_CN")
        self.assertIn("法务月报", chinese)
        self.assertIn("签署率", chinese)

    def test_lawyer_letter(self):
        html = self._render("cs_legal.action_report_lawyer_letter", self.case)
        self.assertIn("Suzhou Electronics", html)
        self.assertIn("36,000.00", html)
        self.customer.lang = "zh_CN"
        chinese = self._render("cs_legal.action_report_lawyer_letter", self.case)
        self.assertIn("律师函", chinese)

    def test_lawyer_letter_writes_rmb_in_chinese_uppercase(self):
        cny = self.env.ref("base.CNY")
        cny.active = True
        self.case.company_id.root_id.currency_id = cny
        html = self._render("cs_legal.action_report_lawyer_letter", self.case)
        self.assertIn("(人民币叁万陆仟元整)", html)
