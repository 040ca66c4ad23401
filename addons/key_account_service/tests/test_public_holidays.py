from datetime import date, datetime

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import KeyAccountServiceCommon


@tagged("post_install", "-at_install", "key_account_service")
class TestPublicHolidays(KeyAccountServiceCommon):
    """Public holidays and make-up working days come from the holidays package."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.china = cls.env.ref("base.cn")
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Test HQ Hours",
                "tz": "Asia/Shanghai",
                "company_id": cls.hq.id,
                "holiday_country_id": cls.china.id,
            }
        )

    def working(self, day_from, day_to, calendar=None):
        return (calendar or self.calendar)._get_working_dates(day_from, day_to)

    def test_a_year_loads_holidays_and_make_up_days_once(self):
        added = self.calendar._load_public_holidays([2026])
        self.assertGreaterEqual(added[0], 20)
        self.assertEqual(added[1], 6)
        # National Day: 1-7 October off, Saturday 10 October worked
        self.assertEqual(
            self.working(date(2026, 9, 30), date(2026, 10, 10)),
            [
                date(2026, 9, 30),
                date(2026, 10, 8),
                date(2026, 10, 9),
                date(2026, 10, 10),
            ],
        )
        # Sunday 20 September is a make-up working day
        self.assertEqual(
            self.working(date(2026, 9, 20), date(2026, 9, 20)), [date(2026, 9, 20)]
        )
        leaves = self.calendar.global_leave_ids
        self.assertTrue(all(leaves.mapped("holiday_source")))
        self.assertIn("holidays", leaves[0].holiday_source)
        self.assertTrue(all(self.calendar.workday_ids.mapped("source")))
        # loading again (the monthly job, a second click) adds nothing
        self.assertEqual(self.calendar._load_public_holidays([2026]), (0, 0))
        self.assertEqual(self.calendar.global_leave_ids, leaves)

    def test_next_year_is_not_typed_by_hand(self):
        """Before, only 2026 shipped: a 2027 deadline ran over New Year's Day."""
        self.calendar._load_public_holidays([2026, 2027])
        # Thursday 31 December 2026 + 1 working day: Friday 1 January 2027 is
        # New Year's Day, so Monday 4 January
        self.assertEqual(
            self.calendar._add_working_days(date(2026, 12, 31), 1), date(2027, 1, 4)
        )
        # the Spring Festival of 2027 (6 to 12 February) has no working day
        self.assertFalse(self.working(date(2027, 2, 8), date(2027, 2, 10)))

    def test_edited_days_stay_as_edited(self):
        self.calendar._load_public_holidays([2026])
        national_day = self.calendar.global_leave_ids.filtered(
            lambda leave: leave.date_from.date() == date(2026, 9, 30)
        )
        self.assertTrue(national_day, "1 October begins at 16:00 UTC the day before")
        national_day[0].name = "国庆节（公司安排）"
        self.calendar.workday_ids.filtered(
            lambda day: day.date == date(2026, 10, 10)
        ).unlink()
        self.calendar._load_public_holidays([2026])
        self.assertEqual(national_day[0].name, "国庆节（公司安排）")
        self.assertEqual(
            len(
                self.calendar.global_leave_ids.filtered(
                    lambda leave: leave.date_from.date() == date(2026, 9, 30)
                )
            ),
            len(national_day),
        )

    def test_a_branch_user_counts_headquarters_holidays(self):
        """The branch works on HQ's calendar; its user is not allowed in HQ."""
        self.calendar._load_public_holidays([2026])
        self.branch.resource_calendar_id = self.calendar
        user = self._new_user(
            "ka_branch_only", "user", self.branch, companies=self.branch
        )
        calendar = self.branch.with_user(user).resource_calendar_id
        # Wednesday 30 September + 1 working day: Thursday 8 October
        self.assertEqual(
            calendar._add_working_days(date(2026, 9, 30), 1), date(2026, 10, 8)
        )
        due = calendar._key_account_deadline(
            # 30 September 2026, 10:00 China time
            datetime(2026, 9, 30, 2, 0),
            1,
            "working_days",
        )
        self.assertEqual(due.date(), date(2026, 10, 8))

    def test_the_settings_button_loads_the_company_calendar(self):
        self.hq.resource_calendar_id = self.calendar
        settings = self.env["res.config.settings"].with_company(self.hq).create({})
        self.assertEqual(settings.key_account_holiday_country_id, self.china)
        action = settings.action_load_public_holidays()
        self.assertEqual(action["tag"], "display_notification")
        today = date.today()
        self.assertTrue(
            self.calendar.global_leave_ids.filtered(
                lambda leave: leave.date_to.year == today.year
            )
        )

    def test_a_country_the_package_does_not_know(self):
        self.calendar.holiday_country_id = self.env["res.country"].create(
            {"name": "Nowhere", "code": "ZZ"}
        )
        with self.assertRaises(UserError):
            self.calendar._load_public_holidays([2026])

    def test_calendars_get_their_company_country_at_install(self):
        standard = self.env.ref("resource.resource_calendar_std")
        self.assertTrue(standard.holiday_country_id)
        today = date.today()
        self.assertTrue(
            standard.global_leave_ids.filtered(
                lambda leave: leave.date_to.year == today.year
            ),
            "the install loads this year's public holidays",
        )
        self.assertEqual(
            self.env["resource.calendar"]
            .create({"name": "New Hours", "company_id": self.hq.id})
            .holiday_country_id,
            self.china,
        )
