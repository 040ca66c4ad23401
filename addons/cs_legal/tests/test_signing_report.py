from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.key_account_service.tests.common import (
    board_panel_domain,
    graph_figures,
)

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

    def test_grouped_rates_are_rates_of_the_summed_counts(self):
        """X3 / LG-2: months of 1 of 1 and 0 of 9 signed are 10% signed, not 50%,
        in list groups, pivot, graph and the dashboard's panel."""
        Report = self.env["legal.signing.report"]
        Report.create(
            [
                {
                    "company_id": self.branch.id,
                    "month": month,
                    "needed_count": needed,
                    "signed_count": signed,
                    "qualified_count": signed,
                    "signing_rate": 100.0 * signed / needed,
                    "qualified_rate": 100.0 * signed / needed,
                }
                for month, needed, signed in (
                    ("2026-10-01", 1, 1),
                    ("2026-11-01", 9, 0),
                )
            ]
        )
        domain = [("company_id", "=", self.branch.id)]
        for specs in (
            ["signing_rate", "qualified_rate"],  # list group rows
            ["signing_rate:avg", "qualified_rate:avg"],  # pivot and graph
        ):
            (branch,) = Report.read_group(domain, specs, ["company_id"])
            self.assertEqual(
                (branch["signing_rate"], branch["qualified_rate"]), (10.0, 10.0)
            )
        months = Report.read_group(domain, ["signing_rate"], ["month:month"])
        self.assertEqual([m["signing_rate"] for m in months], [100.0, 0.0])
        panel = self.env.ref("cs_legal.cs_legal_dashboard_signing_action")
        board = self.env.ref("cs_legal.cs_legal_dashboard_view")
        today = date(2026, 11, 20)
        figures = graph_figures(
            self.env, panel, board_panel_domain(self.env, board, panel, today) + domain
        )
        self.assertEqual(
            figures, {((self.branch.id, self.branch.name),): {"signing_rate": 10.0}}
        )
        # headquarters' 4 of 10 ranks above the branch's 10% (averaged, 50%)
        Report.create(
            {
                "company_id": self.hq.id,
                "month": "2026-10-01",
                "needed_count": 10,
                "signed_count": 4,
                "signing_rate": 40.0,
            }
        )
        both = [("company_id", "in", (self.branch | self.hq).ids)]
        ranked = Report.read_group(
            both, ["signing_rate"], ["company_id"], orderby="signing_rate desc"
        )
        self.assertEqual(
            [(g["company_id"][0], g["signing_rate"]) for g in ranked],
            [(self.hq.id, 40.0), (self.branch.id, 10.0)],
            "sorted by the true rate, not by the average of 50%",
        )
        nothing = Report.read_group([("id", "=", 0)], ["signing_rate"], [], lazy=False)
        self.assertEqual(nothing[0]["signing_rate"], 100.0, "nothing to sign")

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

    def test_sent_on_the_report_day_is_on_time_the_day_after_late(self):
        """000 §7.2(2): the month's report reaches HQ by the 5th of the next."""
        Report = self.env["legal.signing.report"]
        september = Report._generate(date(2026, 9, 1), self.branch)
        october = Report._generate(date(2026, 10, 1), self.branch)
        with freeze_time("2026-10-05 09:00:00"):
            september.with_user(self.legal_user).action_submit()
        with freeze_time("2026-11-06 09:00:00"):
            october.with_user(self.legal_user).action_submit()
        self.assertEqual(
            [(r.sent_on, r.sent_by_id, r.late) for r in (september, october)],
            [
                (date(2026, 10, 5), self.legal_user, False),
                (date(2026, 11, 6), self.legal_user, True),
            ],
        )
        late = Report.search([("late", "=", True), ("company_id", "=", self.branch.id)])
        self.assertEqual(late, october)
        # sent stays as sent: nobody rewrites the day or the flag
        with self.assertRaises(UserError):
            october.with_user(self.legal_user).action_submit()

    def test_the_report_day_is_the_hq_policy(self):
        self.assertEqual(self.hq.legal_report_day, 5, "the manual's 5th")
        self.hq.legal_report_day = 6
        Report = self.env["legal.signing.report"]
        report = Report._generate(date(2026, 10, 1), self.branch)
        with freeze_time("2026-11-06 09:00:00"):
            report.with_user(self.legal_user).action_submit()
        self.assertFalse(report.late)
