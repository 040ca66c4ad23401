from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from .common import ClaimsCommon


@tagged("post_install", "-at_install", "courier_claims")
class TestMonthlyReport(ClaimsCommon):
    def _deadlines(self, report):
        """{summary: due date} of the CS manager's report activities."""
        return {
            activity.summary: activity.date_deadline
            for activity in report.activity_ids.filtered(
                lambda a: a.user_id == self.cs_manager
            )
        }

    def test_drafted_on_the_first_with_its_figures_and_deadlines(self):
        self._incident("damage", 800, incident_date="2026-03-02 01:00:00")
        self._incident("loss", 30000, incident_date="2026-03-10 01:00:00")
        self._incident("delay", 100, incident_date="2026-04-01 01:00:00")  # April
        Complaint = self.env["courier.complaint"].with_user(self.handler)
        category = self.env.ref("courier_claims.courier_complaint_category_delay")
        on_time, late = Complaint.create(
            [
                {
                    "partner_id": self.customer.id,
                    "company_id": self.branch.id,
                    "category_id": category.id,
                    "description": description,
                    "received": "2026-03-05 01:00:00",
                    "response": "Done",
                }
                for description in ("first", "second")
            ]
        )
        with freeze_time("2026-03-05 03:00:00"):
            on_time.action_answer()  # 2 hours: within 4
        with freeze_time("2026-03-05 09:00:00"):
            late.action_answer()  # 8 hours
        Report = self.env["courier.monthly.report"].sudo()
        with freeze_time("2026-04-01 02:00:00"):
            Report._cron_draft()
            Report._cron_draft()
        report = Report.search(
            [("company_id", "=", self.branch.id), ("month", "=", "2026-03-01")]
        )
        self.assertRecordValues(
            report,
            [
                {
                    "incident_count": 2,
                    "major_count": 1,
                    "complaint_count": 2,
                    "complaints_on_time": 50.0,
                    "average_answer_hours": 5.0,
                }
            ],
        )
        deadlines = self._deadlines(report)
        self.assertEqual(
            deadlines,
            {
                "Monthly incident report": date(2026, 4, 3),
                "Major-cause analysis": date(2026, 4, 5),
                "Insurance claims analysis": date(2026, 4, 8),
            },
        )

    def test_the_draft_cron_works_in_batches_and_reports_its_progress(self):
        Report = self.env["courier.monthly.report"].sudo()
        progress = []
        Cron = type(self.env["ir.cron"])
        with (
            freeze_time("2026-04-01 02:00:00"),
            patch.object(
                Cron,
                "_notify_progress",
                lambda cron, done, remaining, deactivate=False: progress.append(
                    (done, remaining)
                ),
            ),
        ):
            march = [("month", "=", "2026-03-01")]
            drafted = Report.search_count(march)  # by the demo, if any
            todo = self.env["res.company"].search_count([]) - drafted
            Report._cron_draft(batch_size=1)
            self.assertEqual(progress, [(1, todo - 1)])
            self.assertEqual(Report.search_count(march), drafted + 1)
            for _run in range(todo):
                Report._cron_draft(batch_size=1)
        self.assertEqual(progress[-1], (0, 0), "nothing left, nothing drafted twice")
        self.assertEqual(Report.search_count(march), drafted + todo)

    def test_the_report_days_follow_the_headquarters_policy(self):
        """X2: the 3rd, 5th and 8th are headquarters' days; moved to the 2nd,
        the 10th and the 28th, the activities follow, on the branch too."""
        days = (
            "courier_report_day",
            "courier_analysis_day",
            "courier_insurance_analysis_day",
        )
        self.assertEqual([self.hq[day] for day in days], [3, 5, 8])
        self.hq.write(dict(zip(days, (2, 10, 28), strict=True)))
        self.branch.write(dict(zip(days, (20, 25, 1), strict=True)))
        Report = self.env["courier.monthly.report"].sudo()
        report = Report.create(
            Report._prepare_monthly_report_vals(self.branch, date(2026, 12, 1))
        )
        report._schedule_report_activities()
        deadlines = self._deadlines(report)
        self.assertEqual(
            deadlines,
            {
                "Monthly incident report": date(2027, 1, 2),
                "Major-cause analysis": date(2027, 1, 10),
                "Insurance claims analysis": date(2027, 1, 28),
            },
        )
