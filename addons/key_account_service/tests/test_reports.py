from datetime import date

from odoo.tests import tagged

from .commission_common import CommissionCommon
from .common import ReportRenderMixin


@tagged("post_install", "-at_install", "key_account_service")
class TestKeyAccountReports(ReportRenderMixin, CommissionCommon):
    """Every key-account report prints its figures, in English and Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._load_chinese(["key_account_service"])
        cls.Visit = cls.env["key.account.visit"]
        meeting = cls.env.ref("key_account_service.key_account_contact_type_meeting")
        cls.visits = cls.Visit.create(
            [
                {
                    "partner_id": cls.customer.id,
                    "contact_type_id": meeting.id,
                    "user_id": cls.account_manager.id,
                    "date_planned": day,
                    "contact_name": "Ms Li, shipping manager",
                    "report": "<p>Wants Saturday pickups from June.</p>",
                }
                for day in (date(2026, 3, 3), date(2026, 3, 10), date(2026, 3, 17))
            ]
        )
        cls.visits[0].write({"state": "done", "date_done": date(2026, 3, 4)})
        cls.visits[1].write({"state": "done", "date_done": date(2026, 3, 30)})
        cls.visits[2].write({"state": "missed"})

    def test_visit_report(self):
        html = self._render("key_account_service.report_visit", self.visits[0])
        self.assertIn("Key Account Visit Report", html)
        self.assertIn("Hangzhou Silk Co.", html)
        self.assertIn("Ms Li, shipping manager", html)
        self.assertIn("Done on Time", html)
        chinese = self._render(
            "key_account_service.report_visit", self.visits[0], "zh_CN"
        )
        self.assertIn("大客户拜访报告", chinese)
        self.assertIn("Saturday pickups", chinese)

    def test_monthly_compliance_summary(self):
        summary = self.env["key.account.compliance.summary"].create(
            {"month": date(2026, 3, 15), "company_ids": [(6, 0, self.company.ids)]}
        )
        _rows, total = summary._rows()
        self.assertEqual(
            (total["due"], total["on_time"], total["late"], total["missed"]),
            (3, 1, 1, 1),
        )
        self.assertEqual(total["rate"], 33.3)
        html = self._render("key_account_service.report_compliance_summary", summary)
        self.assertIn("Monthly Contact Compliance by Branch", html)
        self.assertIn("2026-03", html)
        self.assertIn("33.3", html)
        self.assertIn(self.company.name, html)
        chinese = self._render(
            "key_account_service.report_compliance_summary", summary, "zh_CN"
        )
        self.assertIn("各分公司月度联络达标汇总", chinese)

    def test_commission_statement(self):
        invoice = self._invoice("2026-03-05", 10000)
        self._pay(invoice, 6000, "2026-03-20")
        self._generate("2026-03-01")
        statement = self._statement("2026-03-01")
        html = self._render(
            "key_account_service.report_commission_statement", statement
        )
        self.assertIn("Commission Statement", html)
        self.assertIn("Hangzhou Silk Co.", html)
        self.assertIn("120.00", html)  # 2% of the 6,000 collected
        self.assertIn("Commission in words:", html)
        self.assertIn(statement.currency_id.amount_in_words(120.0), html)
        chinese = self._render(
            "key_account_service.report_commission_statement", statement, "zh_CN"
        )
        self.assertIn("提成结算单", chinese)
        self.assertIn("120.00", chinese)
