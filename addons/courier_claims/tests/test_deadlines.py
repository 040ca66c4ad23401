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
