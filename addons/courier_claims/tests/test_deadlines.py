from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import ClaimsCommon


@tagged("post_install", "-at_install", "courier_claims")
class TestDeadlineLadder(ClaimsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._copy_shipped("courier.deadline.rule")
        # Spring Festival 2026 on the branch's calendar, China time.
        calendar = cls.branch.resource_calendar_id
        calendar.tz = "Asia/Shanghai"
        calendar.global_leave_ids = [
            (
                0,
                0,
                {
                    "name": "Spring Festival",
                    "date_from": "2026-02-14 16:00:00",
                    "date_to": "2026-02-23 15:59:59",
                },
            )
        ]
        cls.env["resource.calendar.workday"].create(
            {"calendar_id": calendar.id, "date": "2026-02-14", "name": "春节调休"}
        )

    def _due(self, incident, name):
        return incident.deadline_ids.filtered(lambda s: s.name == name).due

    def test_ladder_across_a_weekend_a_holiday_and_a_make_up_day(self):
        # Friday 13 February 2026, 10:00 in Suzhou
        incident = self._incident(incident_date="2026-02-13 02:00:00")
        self.assertEqual(
            self._due(incident, "Handle in the unit"), datetime(2026, 2, 13, 2, 30)
        )
        # one working day: the make-up Saturday, to its end in China time
        self.assertEqual(
            self._due(incident, "Carry out the initial investigation"),
            datetime(2026, 2, 14, 15, 59, 59),
        )
        # two: the holiday and Sunday skipped, Tuesday 24 February
        self.assertEqual(
            self._due(incident, "Send the negotiation letter"),
            datetime(2026, 2, 24, 15, 59, 59),
        )
        self.assertFalse(
            incident.deadline_ids.filtered(
                lambda s: s.name == "Report to headquarters"
            ),
            "a general incident is not reported to HQ",
        )
        handler_todo = incident.activity_ids.filtered(
            lambda a: a.summary == "Carry out the initial investigation"
        )
        self.assertEqual(handler_todo.user_id, self.handler)

    def test_apology_letter_by_the_end_of_the_first_working_day(self):
        """000 section 3.3: the apology letter within 1 working day, counted
        on the branch's calendar across the Spring Festival."""
        # the make-up Saturday 14 February 2026, 10:00 in Suzhou: the next
        # working day is Tuesday 24 February, after the holiday and Sunday
        incident = self._incident(incident_date="2026-02-14 02:00:00")
        self.assertEqual(
            self._due(incident, "Send the apology letter"),
            datetime(2026, 2, 24, 15, 59, 59),
        )
        # Friday 13 February: the make-up Saturday is the first working day
        incident = self._incident(incident_date="2026-02-13 09:00:00")
        self.assertEqual(
            self._due(incident, "Send the apology letter"),
            datetime(2026, 2, 14, 15, 59, 59),
        )

    def test_serious_incidents_are_reported_to_hq_within_24_hours(self):
        incident = self._incident("loss", 30000, incident_date="2026-03-02 01:00:00")
        step = incident.deadline_ids.filtered(
            lambda s: s.name == "Report to headquarters"
        )
        self.assertEqual(step.due, datetime(2026, 3, 3, 1, 0))
        self.assertIn(
            self.hq_user,
            incident.activity_ids.filtered(
                lambda a: a.summary == "Report to headquarters"
            ).user_id,
        )
        general = self._incident("damage", 100)
        general.claimed_amount = 25000  # it becomes extraordinary
        self.assertTrue(
            general.deadline_ids.filtered(lambda s: s.name == "Report to headquarters")
        )

    def test_hq_report_follows_the_loss_not_the_negotiated_compensation(self):
        """CL-2 and the 24-hour report: a damage lost above 5,000 is major,
        whatever compensation is negotiated below it."""
        for loss, reported in ((5000, False), (5000.01, True)):
            with self.subTest(loss=loss):
                incident = self._incident(
                    "damage",
                    4000,
                    loss_amount=loss,
                    incident_date="2026-03-02 01:00:00",
                )
                self.assertEqual(
                    bool(self._due(incident, "Report to headquarters")), reported
                )

    def test_a_loss_assessed_above_the_threshold_adds_the_hq_report(self):
        incident = self._incident("damage", 4000, incident_date="2026-03-02 01:00:00")
        self.assertFalse(self._due(incident, "Report to headquarters"))
        incident.loss_amount = 5000.01
        self.assertEqual(
            self._due(incident, "Report to headquarters"), datetime(2026, 3, 3, 1, 0)
        )

    def test_insured_ladder_branch_proposal_in_5_wd_customer_paid_in_2_months(self):
        """CL-5, 000 section 3.4: the branch CS staff's handling proposal and
        penalty opinion within 5 working days; the customer paid within two
        months of the incident."""
        # Monday 2 March 2026, 09:00 in Suzhou
        incident = self._incident(
            "loss", 800, incident_date="2026-03-02 01:00:00", insured=True
        )
        # five working days: Tuesday 3 to Monday 9 March, to its end in China time
        self.assertEqual(
            self._due(
                incident,
                "Propose handling and penalty to branch manager and HQ",
            ),
            datetime(2026, 3, 9, 15, 59, 59),
        )
        self.assertEqual(
            self._due(incident, "Pay the customer (insured)"),
            datetime(2026, 5, 2, 1, 0),
        )

    def test_a_step_is_done_when_the_incident_moves_on(self):
        incident = self._incident(incident_date="2026-03-02 01:00:00")
        incident.with_user(self.handler)._move_to("investigating", "on site")
        step = incident.deadline_ids.filtered(lambda s: s.name == "Handle in the unit")
        self.assertEqual(step.status, "done")
        self.assertFalse(
            incident.activity_ids.filtered(lambda a: a.summary == "Handle in the unit")
        )

    def test_an_overdue_step_escalates_once_to_the_next_level(self):
        incident = self._incident(incident_date="2026-03-02 01:00:00")
        Deadline = self.env["courier.incident.deadline"].sudo()
        with freeze_time("2026-03-02 02:00:00"):
            Deadline._cron_escalate()
            Deadline._cron_escalate()
        step = incident.deadline_ids.filtered(lambda s: s.name == "Handle in the unit")
        self.assertTrue(step.escalated)
        alerts = incident.activity_ids.filtered(
            lambda a: a.summary == "Overdue: Handle in the unit"
        )
        self.assertEqual(
            alerts.user_id,
            self.cs_manager | self.branch_manager | self.general_manager | self.hq_user,
        )
        investigation = incident.deadline_ids.filtered(
            lambda s: s.name == "Carry out the initial investigation"
        )
        self.assertFalse(investigation.escalated, "not due yet")
