from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.key_account_service.tests.common import ReportRenderMixin

from .common import ClaimsCommon

ON_TIME = timedelta(minutes=30)  # within a query's hour and a complaint's 4
LATE = timedelta(hours=5)  # past both


class AnsweredComplaintsCase(ClaimsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.delay = cls.env.ref("courier_claims.courier_complaint_category_delay")

    def _answered(self, count, on_time, received, kind="complaint", company=None):
        """``count`` complaints (or queries) received at ``received``, the
        first ``on_time`` answered within their limit, the others late."""
        complaints = self.env["courier.complaint"].create(
            [
                {
                    "kind": kind,
                    "partner_id": self.customer.id,
                    "company_id": (company or self.branch).id,
                    "category_id": self.delay.id if kind == "complaint" else False,
                    "description": f"{kind} {index}",
                    "received": received,
                    "response": "Answered",
                    "user_id": self.handler.id,
                }
                for index in range(count)
            ]
        )
        for index, complaint in enumerate(complaints):
            with freeze_time(received + (ON_TIME if index < on_time else LATE)):
                complaint.sudo().action_answer()
        return complaints


@tagged("post_install", "-at_install", "courier_claims")
class TestComplaintTargets(AnsweredComplaintsCase):
    """The on-time targets (000 §3.5: complaints 70%, queries 80%) are policy,
    and the monthly report compares its rates against them."""

    def test_targets_are_policy_with_the_manuals_defaults(self):
        self.assertRecordValues(
            self.hq,
            [
                {
                    "courier_complaint_on_time_target": 70.0,
                    "courier_query_on_time_target": 80.0,
                }
            ],
        )
        self.hq.courier_query_on_time_target = 100.0
        for field, value in (
            ("courier_complaint_on_time_target", 0.0),
            ("courier_query_on_time_target", 100.01),
        ):
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                self.hq.write({field: value})

    def test_monthly_report_compares_its_rates_at_the_targets(self):
        received = datetime(2026, 3, 2, 1, 0)
        self._answered(10, 7, received)  # 70%: on target
        self._answered(5, 4, received, kind="query")  # 80%: on target
        self._answered(3, 2, received, company=self.other_branch)  # 66.67%
        self._answered(4, 3, received, kind="query", company=self.other_branch)  # 75%
        Report = self.env["courier.monthly.report"].sudo()
        with freeze_time("2026-04-01 02:00:00"):
            Report._cron_draft()
        reports = Report.search(
            [
                ("company_id", "in", (self.branch | self.other_branch).ids),
                ("month", "=", "2026-03-01"),
            ],
            order="company_id",
        )
        self.assertRecordValues(
            reports.sorted(lambda r: r.company_id != self.branch),
            [
                {
                    "complaint_count": 10,
                    "query_count": 5,
                    "complaints_on_time": 70.0,
                    "queries_on_time": 80.0,
                    "complaint_target": 70.0,
                    "query_target": 80.0,
                    "complaints_below_target": False,
                    "queries_below_target": False,
                },
                {
                    "complaint_count": 3,
                    "query_count": 4,
                    "complaints_on_time": 66.67,
                    "queries_on_time": 75.0,
                    "complaint_target": 70.0,
                    "query_target": 80.0,
                    "complaints_below_target": True,
                    "queries_below_target": True,
                },
            ],
        )

    def test_a_month_is_the_branchs_local_month(self):
        self.branch.resource_calendar_id.tz = "Asia/Shanghai"
        self._answered(1, 1, datetime(2026, 3, 31, 15, 59, 59))  # 23:59:59 local
        self._answered(2, 2, datetime(2026, 3, 31, 16, 0))  # April 1st, 00:00
        Report = self.env["courier.monthly.report"].sudo()
        with freeze_time("2026-05-01 02:00:00"):
            Report._draft_reports(self.branch, date(2026, 3, 1))
            Report._draft_reports(self.branch, date(2026, 4, 1))
        march, april = Report.search(
            [("company_id", "=", self.branch.id)], order="month"
        )
        self.assertEqual((march.complaint_count, april.complaint_count), (1, 2))

    def test_a_month_keeps_the_targets_it_was_drafted_with(self):
        Report = self.env["courier.monthly.report"].sudo()
        self._answered(4, 3, datetime(2026, 3, 2, 1, 0))  # 75%
        with freeze_time("2026-04-01 02:00:00"):
            Report._cron_draft()
        self.hq.courier_complaint_on_time_target = 80.0
        with freeze_time("2026-05-01 02:00:00"):
            Report._cron_draft()
        march, april = Report.search(
            [("company_id", "=", self.branch.id)], order="month"
        )
        self.assertEqual(march.complaint_target, 70.0)
        self.assertFalse(march.complaints_below_target)
        self.assertEqual(april.complaint_target, 80.0)
        self.assertFalse(april.complaints_below_target, "nothing received in April")


@tagged("post_install", "-at_install", "courier_claims")
class TestComplaintSummary(ReportRenderMixin, AnsweredComplaintsCase):
    """The weekly summary (001) and the quarterly report (002 art.13-14) as
    documents: drafted once per branch and period, figures of the period,
    headquarters' covering its branches, sent to HQ and kept."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Summary = cls.env["courier.complaint.summary"].sudo()

    def _draft_on(self, day):
        with freeze_time(day):
            self.Summary._cron_draft()

    def _summary(self, company, period):
        return self.Summary.search(
            [("company_id", "=", company.id), ("period", "=", period)]
        )

    def test_drafted_once_for_the_last_week_and_quarter(self):
        self._draft_on("2026-04-08 02:00:00")  # a Wednesday
        self._draft_on("2026-04-08 06:00:00")
        week = self._summary(self.branch, "week")
        quarter = self._summary(self.branch, "quarter")
        self.assertRecordValues(
            week | quarter,
            [
                {"date_from": date(2026, 3, 30), "date_to": date(2026, 4, 5)},
                {"date_from": date(2026, 1, 1), "date_to": date(2026, 3, 31)},
            ],
        )
        self.assertEqual(len(self._summary(self.hq, "quarter")), 1)
        activity = week.activity_ids.filtered(lambda a: a.user_id == self.cs_manager)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, date(2026, 4, 10), "2 days: data")
        # the week after: the next week only
        self._draft_on("2026-04-13 02:00:00")
        self.assertEqual(
            self._summary(self.branch, "week").mapped("date_from"),
            [date(2026, 4, 6), date(2026, 3, 30)],
        )

    def test_a_period_counts_from_its_first_to_its_last_second(self):
        (
            self.hq | self.branch | self.other_branch
        ).resource_calendar_id.tz = "Asia/Shanghai"
        # the branch's local days: Monday 00:00 in Hangzhou is Sunday 16:00 UTC
        for received in (
            datetime(2026, 3, 29, 15, 59, 59),  # the week before, in the quarter
            datetime(2026, 3, 29, 16, 0),
            datetime(2026, 4, 5, 15, 59, 59),
            datetime(2026, 4, 5, 16, 0),  # the week after
        ):
            self._answered(1, 1, received)
        self._answered(2, 1, datetime(2026, 2, 10, 1, 0), company=self.other_branch)
        self._draft_on("2026-04-08 02:00:00")
        self.assertEqual(self._summary(self.branch, "week").complaint_count, 2)
        self.assertRecordValues(
            self._summary(self.branch, "quarter") | self._summary(self.hq, "quarter"),
            [
                {"complaint_count": 2, "complaints_on_time": 100.0},
                # headquarters': every branch under it
                {"complaint_count": 4, "complaints_on_time": 75.0},
            ],
        )
        self.assertEqual(self._summary(self.other_branch, "quarter").complaint_count, 2)

    def test_the_document_breaks_down_and_lists_what_was_late(self):
        self._answered(3, 2, datetime(2026, 1, 5, 1, 0))
        self._answered(2, 2, datetime(2026, 2, 5, 1, 0), kind="query")
        self._answered(1, 0, datetime(2026, 2, 5, 1, 0), company=self.other_branch)
        self._draft_on("2026-04-08 02:00:00")
        hq = self._summary(self.hq, "quarter")
        self.assertEqual(
            [
                (row["label"], row["complaints"], row["complaint_rate"], row["queries"])
                for row in hq._department_rows()
            ],
            [("Queries (no category)", 0, 0.0, 2), (self.delay.name, 4, 50.0, 0)],
        )
        self.assertEqual(
            [
                (row["label"], row["complaints"], row["queries"])
                for row in hq._month_rows()
            ],
            [("2026-01", 3, 0), ("2026-02", 1, 2)],
        )
        self.assertEqual(
            [(row["label"], row["complaint_rate"]) for row in hq._branch_rows()],
            [("Suzhou Branch", 66.67), ("Wuxi Branch", 0.0)],
        )
        self.assertEqual(len(hq._late_complaints()), 2)
        html = self._render("courier_claims.report_complaint_summary", hq)
        self.assertIn("Quarterly Complaint Report", html)
        self.assertIn("By Branch", html)
        self.assertIn("Wuxi Branch", html)
        self.assertIn("below target", html)
        week = self._summary(self.branch, "week")
        html = self._render("courier_claims.report_complaint_summary", week)
        self.assertIn("Weekly Complaint Summary", html)
        self.assertNotIn("By Branch", html)

    def test_sent_to_hq_by_a_cs_manager_then_kept(self):
        self._draft_on("2026-04-08 02:00:00")
        week = self._summary(self.branch, "week")
        with self.assertRaises(AccessError):
            week.with_user(self.handler).action_send()
        with freeze_time("2026-04-09 03:00:00"):
            week.with_user(self.cs_manager).action_send()
        self.assertRecordValues(
            week,
            [
                {
                    "state": "sent",
                    "sent_on": date(2026, 4, 9),
                    "sent_by_id": self.cs_manager.id,
                }
            ],
        )
        self.assertFalse(week.activity_ids, "the managers' activity is done")
        with self.assertRaises(UserError):
            week.with_user(self.cs_manager).analysis = "<p>Rewritten</p>"
        with self.assertRaises(UserError):
            week.unlink()

    def test_a_summary_starts_on_its_period_start(self):
        with self.assertRaises(UserError):
            self.Summary.create(
                {
                    "company_id": self.branch.id,
                    "period": "week",
                    "date_from": "2026-04-07",
                }
            )
        with self.assertRaises(UserError):
            self.Summary.create(
                {
                    "company_id": self.branch.id,
                    "period": "quarter",
                    "date_from": "2026-02-01",
                }
            )

    def test_each_branch_reads_its_own(self):
        wuxi_manager = self._user("claims_t_wuxi_cs", "manager", self.other_branch)
        self._draft_on("2026-04-08 02:00:00")
        readable = (
            self.env["courier.complaint.summary"]
            .with_user(wuxi_manager)
            .search([])
            .company_id
        )
        self.assertEqual(readable, self.other_branch)
        with self.assertRaises(AccessError):
            self._summary(self.branch, "week").with_user(wuxi_manager).read(["state"])
