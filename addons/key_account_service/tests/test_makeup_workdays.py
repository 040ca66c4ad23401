from datetime import date, datetime

import pytz

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import KeyAccountServiceCommon


@tagged("post_install", "-at_install", "key_account_service")
class TestMakeupWorkdays(KeyAccountServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Hangzhou Branch Hours",
                "tz": "Asia/Shanghai",
                "company_id": cls.branch.id,
            }
        )
        cls.calendar.global_leave_ids = [
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
        cls.Workday = cls.env["resource.calendar.workday"]
        cls.Workday.create(
            [
                {"calendar_id": cls.calendar.id, "date": day, "name": "调休"}
                for day in ("2026-02-14", "2026-02-28")
            ]
        )

    def test_make_up_saturdays_are_working_days_and_the_holiday_is_not(self):
        days = self.calendar._get_working_dates(date(2026, 2, 9), date(2026, 3, 1))
        self.assertEqual(
            [day.isoformat() for day in days],
            [
                "2026-02-09",
                "2026-02-10",
                "2026-02-11",
                "2026-02-12",
                "2026-02-13",
                "2026-02-14",  # Saturday, worked
                "2026-02-24",
                "2026-02-25",
                "2026-02-26",
                "2026-02-27",
                "2026-02-28",  # Saturday, worked
            ],
        )

    def test_odoo_own_hour_counts_see_the_make_up_day(self):
        zone = pytz.timezone("Asia/Shanghai")
        saturday = self.calendar.get_work_hours_count(
            zone.localize(datetime(2026, 2, 28, 0, 0)),
            zone.localize(datetime(2026, 2, 28, 23, 59)),
        )
        self.assertEqual(saturday, 8.0)
        # five working days from Friday 13 February land on 26 February
        deadline = self.calendar.plan_days(
            5, zone.localize(datetime(2026, 2, 13, 9, 0)), compute_leaves=True
        )
        self.assertEqual(deadline.astimezone(zone).date(), date(2026, 2, 26))

    def test_the_deadline_clock_counts_on_the_calendar(self):
        """Every addon's deadline steps are due by this one clock."""
        # Friday 13 February, 10:00 China time
        start = datetime(2026, 2, 13, 2, 0)
        deadline = self.calendar._key_account_deadline
        # two working days: the make-up Saturday, then the day after the festival;
        # the step runs to the end of that day in China time
        self.assertEqual(
            deadline(start, 2, "working_days"), datetime(2026, 2, 24, 15, 59, 59)
        )
        # 16 working hours: the rest of Friday (6 h), Saturday's 8 h, then 2 h
        # after the festival
        due = deadline(start, 16, "working_hours")
        self.assertEqual(
            pytz.utc.localize(due).astimezone(pytz.timezone("Asia/Shanghai")).date(),
            date(2026, 2, 24),
        )
        self.assertEqual(deadline(start, 30, "minutes"), datetime(2026, 2, 13, 2, 30))
        self.assertEqual(deadline(start, 24, "hours"), datetime(2026, 2, 14, 2, 0))
        self.assertEqual(deadline(start, 1, "months"), datetime(2026, 3, 13, 2, 0))

    def test_the_standard_calendar_has_2026_holidays_and_make_up_days(self):
        standard = self.env.ref("resource.resource_calendar_std")
        # loaded at install for the install year and the next; 2026 again here
        # so the test holds in any year (loading twice adds nothing)
        standard._load_public_holidays([2026])
        self.assertIn(
            date(2026, 2, 14), standard.workday_ids.mapped("date"), "春节调休"
        )
        self.assertEqual(
            len(standard.workday_ids.filtered(lambda d: d.date.year == 2026)), 6
        )
        self.assertFalse(
            standard._get_working_dates(date(2026, 10, 1), date(2026, 10, 7)),
            "National Day week (国庆节) has no working day",
        )

    def test_a_make_up_day_works_hours_the_calendar_has(self):
        with self.assertRaises(ValidationError):
            self.Workday.create(
                {
                    "calendar_id": self.calendar.id,
                    "date": "2026-05-09",
                    "name": "劳动节调休",
                    "works_as": "6",  # Sunday has no hours
                }
            )

    def test_only_managers_edit_make_up_days(self):
        vals = {"calendar_id": self.calendar.id, "date": "2026-05-09", "name": "调休"}
        with self.assertRaises(AccessError):
            self.Workday.with_user(self.account_manager).create(vals)
        day = self.Workday.with_user(self.cs_manager).create(vals)
        self.assertEqual(day.works_as, "0")
        # reading the calendar needs no right on the make-up days
        hours = self.calendar.with_user(self.account_manager)._get_working_dates(
            date(2026, 5, 9), date(2026, 5, 9)
        )
        self.assertEqual(hours, [date(2026, 5, 9)])
