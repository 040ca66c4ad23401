from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import LegalCommon


@tagged("post_install", "-at_install", "cs_legal")
class TestSigningReport(LegalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]

        def key_account(name):
            return Partner.create(
                {
                    "name": name,
                    "is_company": True,
                    "is_key_account": True,
                    "key_account_company_id": cls.branch.id,
                    "key_account_start_date": "2026-01-01",
                }
            )

        cls.qualified = key_account("A Qualified")
        cls.signed = key_account("B Signed")
        cls.expired = key_account("E Expired")
        cls.invoiced = Partner.create({"name": "C Invoiced", "is_company": True})
        cls.small = Partner.create({"name": "D Small", "is_company": True})
        cls.env["key.account.revenue"].sudo().create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": cls.branch.id,
                    "month": "2026-10-01",
                    "invoiced": amount,
                    "net": amount,
                }
                for partner, amount in ((cls.invoiced, 12000), (cls.small, 5000))
            ]
        )
        for partner, end, done in (
            (cls.qualified, False, True),
            (cls.signed, False, False),
            (cls.expired, "2026-09-30", True),
        ):
            contract = cls.env["legal.contract"].create(
                {
                    "subject": "Carriage",
                    "partner_id": partner.id,
                    "company_id": cls.branch.id,
                    "date_signed": "2026-01-05",
                    "date_start": "2026-01-05",
                    "date_end": end,
                }
            )
            contract.action_request_review()
            contract.action_approve_review()
            contract.action_sign()
            contract.check_ids.write({"done": done})

    def test_rates_for_a_month_with_mixed_cases(self):
        Report = self.env["legal.signing.report"]
        with freeze_time("2026-11-03"):
            Report._cron_generate()
        report = Report.search(
            [("company_id", "=", self.branch.id), ("month", "=", "2026-10-01")]
        )
        self.assertRecordValues(
            report,
            [
                {
                    "needed_count": 4,
                    "signed_count": 2,
                    "qualified_count": 1,
                    "signing_rate": 50.0,
                    "qualified_rate": 25.0,
                    "target_rate": 100.0,
                    "below_target": True,
                }
            ],
        )
        self.assertEqual(report.unsigned_partner_ids, self.invoiced | self.expired)
        self.assertNotIn(self.small, report.needed_partner_ids)
        action = report.with_user(self.legal_user).action_view_unsigned()
        self.assertEqual(
            self.env["res.partner"].search(action["domain"]),
            self.invoiced | self.expired,
        )

    def test_cron_is_idempotent_and_stops_at_submission(self):
        Report = self.env["legal.signing.report"]
        with freeze_time("2026-11-02"):
            Report._cron_generate()
            Report._cron_generate()
        reports = Report.search([("month", "=", "2026-10-01")])
        self.assertEqual(
            len(reports.filtered(lambda r: r.company_id == self.branch)), 1
        )
        report = reports.filtered(lambda r: r.company_id == self.branch)
        report.with_user(self.legal_user).action_submit()
        self.small.write(
            {"is_key_account": True, "key_account_company_id": self.branch.id}
        )
        with freeze_time("2026-11-04"):
            Report._cron_generate()
        self.assertEqual(report.needed_count, 4, "a report sent to HQ stays as sent")
        with self.assertRaises(UserError):
            report.with_user(self.legal_user).write({"problems": "<p>late</p>"})

    def test_report_is_refreshed_until_the_report_day(self):
        Report = self.env["legal.signing.report"]
        with freeze_time("2026-11-01"):
            Report._cron_generate()
        report = Report.search(
            [("company_id", "=", self.branch.id), ("month", "=", "2026-10-01")]
        )
        self.small.write(
            {"is_key_account": True, "key_account_company_id": self.branch.id}
        )
        with freeze_time("2026-11-05"):
            Report._cron_generate()
        self.assertEqual(report.needed_count, 5)
        self.invoiced.write(
            {"is_key_account": True, "key_account_company_id": self.branch.id}
        )
        with freeze_time("2026-11-06"):
            Report._cron_generate()
        self.assertEqual(report.needed_count, 5, "after the 5th the report is kept")
        self.assertEqual(report.month, date(2026, 10, 1))
