from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ClaimsCommon


@tagged("post_install", "-at_install", "courier_claims")
class TestComplaintRules(ClaimsCommon):
    """CL-8 as 001 and 000 section 3.5 write it: 4 hours up to 500, the
    written report of the person complained about, one incident for a second
    complaint, repeated problems in a department."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.courier = cls._user("claims_t_courier", "user")
        cls.other_handler = cls._user(
            "claims_t_other", "user", company=cls.other_branch
        )
        cls.other_manager = cls._user(
            "claims_t_other_cs", "manager", company=cls.other_branch
        )
        cls.delay = cls.env.ref("courier_claims.courier_complaint_category_delay")
        cls.damage = cls.env.ref(
            "courier_claims.courier_complaint_category_damage_loss"
        )
        cls.Steps = cls.env["courier.complaint.deadline"].sudo()

    def _complaint(self, user=None, received="2026-03-02 01:00:00", **vals):
        user = user or self.handler
        return (
            self.env["courier.complaint"]
            .with_user(user)
            .create(
                {
                    "partner_id": self.customer.id,
                    "company_id": self.branch.id,
                    "waybill": "SF100",
                    "category_id": self.delay.id,
                    "description": "Parcel three days late",
                    "received": received,
                    **vals,
                }
            )
        )

    def _report_step(self, complaint):
        return complaint.deadline_step_ids.filtered(
            lambda step: step.purpose == "written_report"
        )

    # ---- 4 hours up to 500 (000 section 3.5) ---------------------------------

    def test_four_hours_up_to_500_the_next_level_above(self):
        at_500 = self._complaint(amount=500.0)
        self.assertRecordValues(
            at_500, [{"level": "1", "deadline": datetime(2026, 3, 2, 5, 0)}]
        )
        above = self._complaint(waybill="SF101", amount=500.01)
        self.assertRecordValues(
            above, [{"level": "2", "deadline": datetime(2026, 3, 3, 1, 0)}]
        )
        self.assertRecordValues(
            above.deadline_step_ids, [{"level": "2", "climbed": False}]
        )
        self.assertIn(
            self.cs_manager,
            above.activity_ids.user_id,
            "the platform CS manager's level: they are told at once",
        )
        self.assertNotIn(self.cs_manager, at_500.activity_ids.user_id)
        query = self._complaint(
            waybill="SF102", kind="query", category_id=False, amount=9000.0
        )
        self.assertRecordValues(
            query, [{"level": "1", "deadline": datetime(2026, 3, 2, 2, 0)}]
        )
        # past its 24 hours, a complaint above 500 climbs to headquarters
        with freeze_time("2026-03-03 02:00:00"):
            self.Steps._cron_escalate()
        self.assertEqual(above.level, "3")

    def test_the_amount_is_headquarters_policy(self):
        self.hq.courier_complaint_small_amount = 800.0
        self.assertEqual(self._complaint(amount=800.0).level, "1")
        self.assertEqual(self._complaint(waybill="SF101", amount=800.01).level, "2")
        with self.assertRaises(ValidationError):
            self.hq.courier_complaint_small_amount = -1.0

    def test_a_corrected_amount_moves_the_time_limit(self):
        complaint = self._complaint(amount=300.0)
        complaint.amount = 600.0
        self.assertRecordValues(
            complaint, [{"level": "2", "deadline": datetime(2026, 3, 3, 1, 0)}]
        )
        self.assertRecordValues(
            complaint.deadline_step_ids,
            [{"level": "2", "due": complaint.deadline, "climbed": False}],
        )
        self.assertIn(self.cs_manager, complaint.activity_ids.user_id)
        complaint.amount = 500.0
        self.assertRecordValues(
            complaint, [{"level": "1", "deadline": datetime(2026, 3, 2, 5, 0)}]
        )
        self.assertRecordValues(
            complaint.deadline_step_ids, [{"level": "1", "due": complaint.deadline}]
        )
        self.assertNotIn(self.cs_manager, complaint.activity_ids.user_id)
        with self.assertRaises(ValidationError):
            complaint.amount = -5.0

    def test_a_climbed_complaint_keeps_its_level_when_the_amount_changes(self):
        complaint = self._complaint(amount=100.0)
        with freeze_time("2026-03-02 06:00:00"):
            self.Steps._cron_escalate()
        self.assertEqual(complaint.level, "2")
        complaint.amount = 50.0
        self.assertEqual(complaint.level, "2")

    # ---- the written report of the person complained about (001) -------------

    def test_the_written_report_is_due_within_24_hours(self):
        with freeze_time("2026-03-02 01:00:00"):
            complaint = self._complaint(complained_user_id=self.courier.id)
        step = self._report_step(complaint)
        self.assertRecordValues(
            step, [{"due": datetime(2026, 3, 3, 1, 0), "climbed": False}]
        )
        self.assertEqual(complaint.written_report_due, datetime(2026, 3, 3, 1, 0))
        todo = step.activity_ids
        self.assertEqual(todo.user_id, self.courier)
        self.assertEqual(todo.summary, f"Written report on complaint {complaint.name}")
        with freeze_time("2026-03-03 01:00:00"):
            complaint.with_user(
                self.courier
            ).written_report = "The parcel was left on the wrong truck at the hub."
        self.assertRecordValues(
            complaint,
            [
                {
                    "written_report_date": datetime(2026, 3, 3, 1, 0),
                    "written_report_user_id": self.courier.id,
                    "written_report_late": False,
                }
            ],
        )
        self.assertEqual(step.status, "done")
        self.assertFalse(todo.exists())
        with self.assertRaises(UserError):
            complaint.written_report = "Another story"
        with self.assertRaises(UserError):
            complaint.complained_user_id = self.handler

    def test_a_report_after_24_hours_is_late(self):
        with freeze_time("2026-03-02 01:00:00"):
            complaint = self._complaint(complained_user_id=self.courier.id)
        with freeze_time("2026-03-03 01:01:00"):
            complaint.with_user(self.handler).written_report = "Sorted on day two."
        self.assertRecordValues(
            complaint,
            [{"written_report_user_id": self.handler.id, "written_report_late": True}],
        )

    def test_the_hours_are_headquarters_policy(self):
        self.hq.courier_written_report_hours = 48.0
        with freeze_time("2026-03-02 01:00:00"):
            complaint = self._complaint(complained_user_id=self.courier.id)
        self.assertEqual(self._report_step(complaint).due, datetime(2026, 3, 4, 1, 0))
        with self.assertRaises(ValidationError):
            self.hq.courier_written_report_hours = 0.0

    def test_an_overdue_report_is_escalated_once_and_outlives_the_answer(self):
        self.env["courier.complaint.team"].create(
            {
                "company_id": self.branch.id,
                "department": "supervision",
                "leader_id": self.branch_manager.id,
            }
        )
        with freeze_time("2026-03-02 01:00:00"):
            complaint = self._complaint(complained_user_id=self.courier.id)
        complaint.response = "Re-delivered this morning"
        with freeze_time("2026-03-02 02:00:00"):
            complaint.action_answer()
        step = self._report_step(complaint)
        self.assertFalse(step.done_date, "answering leaves the report owed")
        with freeze_time("2026-03-03 01:00:00"):
            self.Steps._cron_escalate()
        self.assertFalse(step.escalated, "not before its time")
        with freeze_time("2026-03-03 01:01:00"):
            self.Steps._cron_escalate()
            self.Steps._cron_escalate()
        self.assertTrue(step.escalated)
        overdue = complaint.activity_ids.filtered(
            lambda a: a.summary.startswith("Overdue")
        )
        self.assertIn(self.cs_manager, overdue.user_id)
        self.assertIn(self.branch_manager, overdue.user_id, "the team leader")
        self.assertNotIn(self.other_manager, overdue.user_id)
        self.assertNotIn(self.courier, overdue.user_id)
        self.assertEqual(complaint.level, "1", "a report does not climb")
        # recorded on the answered complaint all the same
        complaint.with_user(self.courier).written_report = "Late, but here."
        self.assertTrue(complaint.written_report_late)

    def test_naming_another_person_moves_the_report(self):
        complaint = self._complaint(complained_user_id=self.courier.id)
        complaint.complained_user_id = self.handler
        step = self._report_step(complaint)
        self.assertEqual(len(step), 1, "the former person's step is gone")
        self.assertEqual(step.activity_ids.user_id, self.handler)
        self.assertFalse(
            complaint.activity_ids.filtered(lambda a: a.user_id == self.courier)
        )

    def test_a_report_needs_the_person_complained_about(self):
        with self.assertRaises(ValidationError):
            self._complaint(written_report="Nobody named")

    # ---- a second complaint is an incident (二次投诉就是事故) ----------------

    def test_a_second_complaint_links_one_incident_to_both(self):
        first = self._complaint()
        second = self._complaint(received="2026-03-03 01:00:00")
        incident = second.incident_id
        self.assertTrue(incident)
        self.assertEqual(first.incident_id, incident, "the first one is linked too")
        self.assertEqual(incident.complaint_ids, first | second)
        self.assertEqual(incident.complaint_count, 2)
        third = self._complaint(received="2026-03-04 01:00:00")
        self.assertEqual(third.incident_id, incident)
        self.assertEqual(incident.complaint_count, 3)
        action = incident.with_user(self.handler).action_view_complaints()
        listed = (
            self.env["courier.complaint"]
            .with_user(self.handler)
            .search(action["domain"])
        )
        self.assertEqual(listed, first | second | third)

    def test_never_two_incidents_across_branches(self):
        """The branches' handlers cannot see each other's complaints or
        incidents; the matter still gets one incident."""
        other = {"company_id": self.other_branch.id}
        first = self._complaint(user=self.other_handler, **other)
        second = self._complaint(received="2026-03-03 01:00:00")
        third = self._complaint(
            user=self.other_handler, received="2026-03-04 01:00:00", **other
        )
        incidents = (
            self.env["courier.incident"].sudo().search([("waybill", "=", "SF100")])
        )
        self.assertEqual(len(incidents), 1)
        self.assertEqual((first | second | third).sudo().incident_id, incidents)

    # ---- the same problem repeated in one department (001) --------------------

    def _series(self, days, category=None, company=None, user=None):
        """Complaints on separate waybills: repeats of a problem, not of a
        matter."""
        category = category or self.delay
        company = company or self.branch
        return [
            self._complaint(
                user=user,
                waybill=f"R{company.id}-{category.id}-{received}",
                received=received,
                category_id=category.id,
                company_id=company.id,
            )
            for received in days
        ]

    def _repeat_messages(self, complaints):
        return (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", "courier.complaint"),
                    ("res_id", "in", [c.id for c in complaints]),
                    ("body", "ilike", "Repeated problem"),
                ]
            )
        )

    def test_three_complaints_of_a_category_in_a_team_within_30_days(self):
        self.env["courier.complaint.team"].create(
            {
                "company_id": self.branch.id,
                "department": "supervision",
                "leader_id": self.branch_manager.id,
            }
        )
        two = self._series(["2026-03-01 01:00:00", "2026-03-10 01:00:00"])
        self.assertFalse(any(c.repeated_problem for c in two), "2 of 3")
        # exactly 30 days after the first: out of the window
        late = self._series(["2026-03-31 01:00:00"])
        self.assertFalse(late[0].repeated_problem)
        self.assertFalse(self._repeat_messages(two + late))
        # another category in the same team does not count
        self._series(["2026-03-11 01:00:00"], category=self.damage)
        # within 30 days of the first: the third
        third = self._series(["2026-03-31 00:59:00"])
        series = two + third
        self.assertTrue(all(c.repeated_problem for c in series))
        message = self._repeat_messages(series)
        self.assertEqual(len(message), 1)
        self.assertIn(self.cs_manager.partner_id, message.partner_ids)
        self.assertIn(self.branch_manager.partner_id, message.partner_ids)
        self.assertNotIn(self.other_manager.partner_id, message.partner_ids)
        # the same occurrence goes on: flagged, not told again
        fourth = self._series(["2026-04-01 01:00:00"])
        self.assertTrue(fourth[0].repeated_problem)
        self.assertEqual(len(self._repeat_messages(series + fourth + late)), 1)

    def test_the_count_and_period_are_policy_and_branches_apart(self):
        self.hq.write(
            {"courier_repeat_problem_count": 2, "courier_repeat_problem_days": 7}
        )
        # no team anywhere: each branch's department counts on its own
        self._series(["2026-03-01 01:00:00"])
        other = self._series(
            ["2026-03-02 01:00:00"],
            company=self.other_branch,
            user=self.other_handler,
        )
        self.assertFalse(other[0].repeated_problem)
        second = self._series(["2026-03-08 00:59:00"])
        self.assertTrue(second[0].repeated_problem)
        with self.assertRaises(ValidationError):
            self.hq.courier_repeat_problem_count = 1
        with self.assertRaises(ValidationError):
            self.hq.courier_repeat_problem_days = 0

    # ---- access ----------------------------------------------------------------

    def test_each_role_registers_and_the_person_reports(self):
        for role in (
            self.handler,
            self.cs_manager,
            self.branch_manager,
            self.general_manager,
            self.hq_user,
        ):
            complaint = self._complaint(
                user=role,
                waybill=f"ROLE-{role.login}",
                amount=600.0,
                complained_user_id=self.courier.id,
            )
            self.assertEqual(complaint.level, "2", role.login)
            complaint.with_user(self.courier).written_report = f"Report {role.login}"
            self.assertEqual(complaint.written_report_user_id, self.courier)

    def test_the_stamps_and_flags_change_only_through_the_rules(self):
        complaint = self._complaint(complained_user_id=self.courier.id)
        for field, value in (
            ("written_report_date", "2026-03-02 02:00:00"),
            ("written_report_user_id", self.handler.id),
            ("written_report_due", "2026-03-09 02:00:00"),
            ("repeated_problem", True),
        ):
            with self.assertRaises(AccessError, msg=field):
                complaint.with_user(self.cs_manager).write({field: value})
        with self.assertRaises(AccessError):
            self.hq.with_user(self.cs_manager).courier_complaint_small_amount = 0.0

    def test_another_branch_neither_sees_nor_reports(self):
        complaint = self._complaint(complained_user_id=self.courier.id)
        with self.assertRaises(AccessError):
            complaint.with_user(self.other_handler).read(["written_report"])
        with self.assertRaises(AccessError):
            complaint.with_user(self.other_handler).written_report = "Not mine"
        self.assertFalse(complaint.written_report_date)
