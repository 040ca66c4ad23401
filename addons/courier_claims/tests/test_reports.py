import shutil
import subprocess
import unicodedata
from datetime import date, datetime

from odoo.tests import tagged
from odoo.tools import mute_logger

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

    def _in_rmb(self):
        """The group keeps its books in RMB, as a Chinese courier does."""
        cny = self.env.ref("base.CNY")
        cny.active = True
        self.hq.currency_id = cny
        self.assertEqual(self.incident.currency_id, cny)

    def test_voucher_writes_the_amount_in_chinese_uppercase(self):
        self._in_rmb()
        self.env.user.tz = "Asia/Shanghai"
        voucher = self._render("courier_claims.report_incident_voucher", self.incident)
        self.assertIn("人民币壹仟捌佰元整", voucher)
        self.assertNotIn("Thousand", voucher)
        # 10:00 UTC is 18:00 in Beijing; no seconds on a document
        self.assertIn("09/08/2026 18:00", voucher)
        self.assertNotIn("18:00:00", voucher)
        self.customer.lang = "zh_CN"
        voucher = self._render("courier_claims.report_incident_voucher", self.incident)
        self.assertIn("2026年09月08日 18时00分", voucher)
        self.assertNotIn("秒", voucher)
        self.assertIn("人民币壹仟捌佰元整", voucher)

    def test_letters_write_the_amount_in_chinese_uppercase(self):
        self._in_rmb()
        for report in ("negotiation", "confirmation"):
            with self.subTest(report=report):
                letter = self._render(
                    f"courier_claims.report_incident_{report}", self.incident
                )
                self.assertIn("(人民币壹仟捌佰元整)", letter)

    def test_other_currencies_keep_odoo_words(self):
        self.hq.currency_id = self.env.ref("base.USD")
        voucher = self._render("courier_claims.report_incident_voucher", self.incident)
        self.assertIn("One Thousand, Eight Hundred", voucher)
        self.assertNotIn("人民币", voucher)

    def test_voucher_pdf_prints_its_chinese(self):
        """Without a CJK font, wkhtmltopdf drops every Chinese character
        silently; the PDF is read back with pdftotext (poppler-utils)."""
        self.assertTrue(shutil.which("pdftotext"), "install poppler-utils")
        self._in_rmb()
        self.customer.lang = "zh_CN"
        # Debian's wkhtmltopdf (unpatched Qt) warns that it ignores the
        # header and footer switches; the text is checked below.
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, kind = (
                self.env["ir.actions.report"]
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(
                    "courier_claims.action_report_incident_voucher",
                    self.incident.ids,
                )
            )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-", "-"],
            input=pdf,
            capture_output=True,
            check=True,
        ).stdout.decode()
        # The CJK font maps a few characters (人, 月) to the glyphs of their
        # Kangxi radicals, which pdftotext reads back as such; NFKC folds most
        # of them into the characters printed.
        text = unicodedata.normalize("NFKC", text)
        self.assertIn("SF7788990011", text)
        self.assertIn("理赔款领取凭证", text)
        self.assertIn("币壹仟捌佰元整", text)
        self.assertIn("2026年09月08日", text)

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
