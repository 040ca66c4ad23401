from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import LegalCommon


@tagged("post_install", "-at_install", "cs_legal")
class TestCaseDeadlineSteps(LegalCommon):
    """A case's deadlines run on the deadline clock: a step with its own
    activity, due on the branch calendar's working day, escalated once late."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a public holiday on Monday 15 June 2026 (China time)
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": cls.calendar.id,
                "date_from": datetime(2026, 6, 14, 16, 0),
                "date_to": datetime(2026, 6, 15, 15, 59, 59),
            }
        )
        cls.hq.legal_filing_days = 2

    def _filed_case(self):
        """A plaintiff's case whose evidence was done on Thursday 11 June."""
        case = (
            self.env["legal.case"]
            .with_user(self.legal_user)
            .create(
                {
                    "title": "Unpaid freight",
                    "counterparty_id": self.customer.id,
                    "company_id": self.branch.id,
                    "claim_amount": 5000.0,
                    "date_opened": "2026-06-01",
                }
            )
        )
        case.evidence_done_on = "2026-06-11"
        return case

    def _step(self, case, kind):
        return case.deadline_step_ids.filtered(lambda s: s.kind == kind)

    def test_filing_deadline_is_a_step_with_its_activity_on_a_working_day(self):
        case = self._filed_case()
        step = self._step(case, "filing")
        # Friday 12, then the weekend and the Monday holiday: Tuesday 16 June
        self.assertEqual(case.filing_deadline, date(2026, 6, 16))
        self.assertEqual(step.due, datetime(2026, 6, 16, 15, 59, 59))
        self.assertEqual(len(step.activity_ids), 1)
        activity = step.activity_ids
        self.assertEqual(activity.res_id, case.id)
        self.assertEqual(activity.user_id, self.legal_user)
        self.assertEqual(activity.date_deadline, date(2026, 6, 16))
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("cs_legal.mail_act_legal_case_deadline"),
        )
        self.assertIn("File the suit", activity.summary)
        # the evidence step was met when the evidence was done
        self.assertEqual(self._step(case, "evidence").status, "done")

    def test_overdue_step_notifies_the_legal_manager_once(self):
        case = self._filed_case()
        Step = self.env["legal.case.deadline"]
        with freeze_time("2026-06-17 02:00:00"):
            Step._cron_escalate()
            Step._cron_escalate()
        step = self._step(case, "filing")
        self.assertTrue(step.escalated)
        alerts = case.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("cs_legal.mail_act_legal_case_overdue")
            )
        )
        # the branch's legal managers (HQ legal manages it too), not the officer
        self.assertIn(self.legal_manager, alerts.user_id)
        self.assertNotIn(self.legal_user, alerts.user_id)
        self.assertNotIn(self.outsider, alerts.user_id)
        mine = alerts.filtered(lambda a: a.user_id == self.legal_manager)
        self.assertEqual(len(mine), 1, "escalated once")
        self.assertIn("File the suit", mine.summary)
        told = case.message_ids.filtered(
            lambda m: self.legal_manager.partner_id in m.partner_ids
        )
        self.assertTrue(told)

    def test_closing_a_step_closes_only_its_activity(self):
        case = self._filed_case()
        other = case.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Call the court clerk",
            user_id=self.legal_user.id,
        )
        step = self._step(case, "filing")
        own = step.activity_ids
        case.date_filed = "2026-06-12"
        self.assertEqual(step.status, "done")
        self.assertFalse(own.exists())
        self.assertTrue(other.exists())
        # the other deadlines that filing meets are closed too, and nothing else
        self.assertEqual(case.activity_ids, other)

    def test_a_moved_deadline_moves_its_step_and_activity(self):
        case = self._filed_case()
        step = self._step(case, "filing")
        case.evidence_done_on = "2026-06-16"
        self.assertEqual(step.due, datetime(2026, 6, 18, 15, 59, 59))
        self.assertEqual(step.activity_ids.date_deadline, date(2026, 6, 18))
        self.assertEqual(len(self._step(case, "filing")), 1)

    def test_a_new_legal_officer_takes_over_the_open_steps(self):
        case = self._filed_case()
        step = self._step(case, "filing")
        own = step.activity_ids
        successor = new_test_user(
            self.env,
            login="legal_successor",
            groups="cs_legal.cs_legal_group_user",
            company_id=self.branch.id,
            company_ids=[Command.set(self.branch.ids)],
        )
        case.with_user(self.legal_manager).user_id = successor
        open_steps = case.deadline_step_ids.filtered(lambda s: not s.done_date)
        self.assertTrue(open_steps)
        self.assertEqual(open_steps.activity_ids.user_id, successor)
        self.assertEqual(step.activity_ids, own, "the same activity, reassigned")
        self.assertEqual(own.date_deadline, date(2026, 6, 16))
        # the done evidence step keeps nothing to reassign
        self.assertFalse(self._step(case, "evidence").activity_ids)
        case.date_filed = "2026-06-12"
        self.assertFalse(own.exists(), "closing the step still closes it")

    def test_every_case_deadline_reminds_and_escalates(self):
        """Evidence, filing, answer, preservation and limitation: each one is
        a step whose holder is reminded and whose lateness the legal managers
        hear of."""
        Case = self.env["legal.case"].with_user(self.legal_user)
        base = {
            "title": "Unpaid freight",
            "counterparty_id": self.customer.id,
            "company_id": self.branch.id,
            "claim_amount": 5000.0,
            "date_opened": "2026-06-01",
        }
        opened = Case.create(
            dict(
                base,
                date_known="2024-06-01",
                preservation_requested_at="2026-06-01 02:00:00",
            )
        )
        preserved = Case.create(
            dict(
                base,
                evidence_done_on="2026-06-02",
                preservation_executed_on="2026-06-03",
            )
        )
        sued = Case.create(dict(base, role="defendant", date_served="2026-06-02"))
        steps = (opened | preserved | sued).deadline_step_ids.filtered(
            lambda s: not s.done_date
        )
        kinds = self.env["legal.case.deadline"]._fields["kind"].get_values(self.env)
        self.assertEqual(set(steps.mapped("kind")), set(kinds))
        reminder = self.env.ref("cs_legal.mail_act_legal_case_deadline")
        overdue = self.env.ref("cs_legal.mail_act_legal_case_overdue")
        for step in steps:
            self.assertEqual(step.activity_ids.activity_type_id, reminder, step.kind)
            self.assertEqual(step.activity_ids.user_id, self.legal_user, step.kind)
        with freeze_time("2026-08-01 02:00:00"):
            self.env["legal.case.deadline"]._cron_escalate()
        for step in steps:
            self.assertTrue(step.escalated, step.kind)
            alerts = step.case_id.activity_ids.filtered(
                lambda a, s=step: (
                    a.activity_type_id == overdue and s._deadline_label() in a.summary
                )
            )
            self.assertIn(self.legal_manager, alerts.user_id, step.kind)
