from collections import Counter
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import KeyAccountServiceCommon, board_panel_domain, graph_figures

YEAR = [date(2026, month, 1) for month in range(1, 13)]
# KA-2 periodic cells per band (1-5, 5-10, 10-20, 20+ x 10,000): contacts a year.
MATRIX_PER_YEAR = {
    "phone": [24, 36, 36, 48],
    "written": [24, 36, 36, 48],
    "meeting": [6, 12, 24, 24],
    "institutional": [4, 6, 12, 12],
    "executive": [0, 2, 4, 12],
    # KA-2 qualitative: the annual meeting invitation (appropriate, appropriate,
    # invite, priority invite), once a year in the policy's month
    "annual_meeting": [0, 0, 1, 1],
}
MONTHLY_REVENUE = [30000, 70000, 150000, 250000]


@tagged("post_install", "-at_install", "key_account_service")
class TestVisitPlanning(KeyAccountServiceCommon):
    freeze_time = "2025-12-20"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._copy_manual_bands(cls.hq)
        cls.Visit = cls.env["key.account.visit"]

    def _account(self, name, band_index, **kwargs):
        partner = self._key_account(
            name,
            MONTHLY_REVENUE[band_index],
            months=("2025-09-01", "2025-10-01", "2025-11-01"),
            **kwargs,
        )
        partner._key_account_update_metrics()
        return partner

    def _type(self, key):
        return self.env.ref(f"key_account_service.key_account_contact_type_{key}")

    def _visits(self, partner):
        return self.Visit.search(
            [("partner_id", "=", partner.id)], order="date_planned, id"
        )

    def test_a_year_of_each_band_matches_the_matrix(self):
        for index in range(4):
            partner = self._account(f"Band {index + 1} Co.", index)
            self.Visit._plan_partners(partner, YEAR)
            counts = Counter(v.contact_type_id for v in self._visits(partner))
            for key, per_year in MATRIX_PER_YEAR.items():
                self.assertEqual(counts[self._type(key)], per_year[index], (index, key))
            self.assertEqual(
                sum(counts.values()), sum(v[index] for v in MATRIX_PER_YEAR.values())
            )

    def test_periods_start_from_the_account_start_month(self):
        partner = self._account("Quarterly Co.", 0, start="2026-02-10")
        self.Visit._plan_partners(partner, YEAR)
        institutional = self._visits(partner).filtered(
            lambda v: v.contact_type_id == self._type("institutional")
        )
        self.assertEqual([v.date_planned.month for v in institutional], [2, 5, 8, 11])
        first_phone = self._visits(partner).filtered(
            lambda v: v.contact_type_id == self._type("phone")
        )[:1]
        self.assertEqual(first_phone.date_planned.month, 2, "nothing before the start")

    def test_mid_month_plan_spreads_over_the_remaining_days(self):
        # 20 December 2025 is a Saturday: eight working days are left.
        partner = self._account("Late Starter Co.", 3, start="2025-12-01")
        self.Visit._plan_partners(partner, [date(2025, 12, 1)])
        visits = self._visits(partner)
        self.assertEqual(len(visits), 13, "12 periodic and the annual meeting")
        self.assertTrue(all(v.date_planned >= date(2025, 12, 22) for v in visits))
        phone = visits.filtered(lambda v: v.contact_type_id == self._type("phone"))
        self.assertEqual(len(set(phone.mapped("date_planned"))), 4)

    def test_contacts_fall_on_working_days_not_holidays(self):
        calendar = self.branch.resource_calendar_id
        self.env["resource.calendar.leaves"].create(
            {
                "name": "New Year",
                "calendar_id": calendar.id,
                "date_from": "2026-01-01 00:00:00",
                "date_to": "2026-01-09 23:59:59",
            }
        )
        partner = self._account("Holiday Co.", 3)
        self.Visit._plan_partners(partner, YEAR[:1])
        days = self._visits(partner).mapped("date_planned")
        self.assertTrue(days)
        self.assertTrue(all(day.weekday() < 5 for day in days))
        self.assertTrue(all(day > date(2026, 1, 9) for day in days), days)

    def test_planning_twice_plans_nothing_twice(self):
        partner = self._account("Twice Co.", 1)
        first = self.Visit._plan_partners(partner, YEAR[:2])
        before = self._visits(partner).read(["date_planned", "contact_type_id"])
        second = self.Visit._plan_partners(partner, YEAR[:2])
        self.assertTrue(first)
        self.assertFalse(second)
        self.assertEqual(
            self._visits(partner).read(["date_planned", "contact_type_id"]), before
        )
        self.assertEqual(len(self._visits(partner).planning_activity_id), len(before))

    def test_band_change_keeps_done_contacts_and_moves_future_ones(self):
        partner = self._account("Growing Co.", 0)
        self.Visit._plan_partners(partner, YEAR[:1])
        done = self._visits(partner)[0]
        done.write({"report": "<p>Visited the warehouse.</p>"})
        done.action_done()
        done_values = done.read(["date_planned", "date_done", "state", "band_id"])[0]
        # Revenue grows into the 20+ band.
        self.env["key.account.revenue"].sudo().search(
            [("partner_id", "=", partner.id)]
        ).write({"net": 250000})
        partner._key_account_update_metrics()
        self.assertEqual(partner.key_account_band_id.amount_min, 200000)
        self.Visit._plan_partners(partner, YEAR[:1])
        self.assertEqual(
            done.read(["date_planned", "date_done", "state", "band_id"])[0], done_values
        )
        counts = Counter(v.contact_type_id for v in self._visits(partner))
        self.assertEqual(counts[self._type("phone")], 4)
        self.assertEqual(counts[self._type("executive")], 1)

    def test_manager_change_hands_over_future_contacts(self):
        partner = self._account("Handover Co.", 1)
        self.Visit._plan_partners(partner, YEAR[:1])
        partner.key_account_manager_id = self.cs_manager
        visits = self._visits(partner)
        self.assertEqual(visits.user_id, self.cs_manager)
        self.assertEqual(visits.planning_activity_id.user_id, self.cs_manager)

    def test_activity_done_marks_the_visit_done(self):
        partner = self._account("Sync Co.", 1)
        visit = self.Visit._plan_partners(partner, YEAR[:1])[0]
        self.assertEqual(
            visit.activity_ids.activity_type_id, visit.contact_type_id.activity_type_id
        )
        visit.planning_activity_id.action_feedback(
            feedback="Customer happy with service"
        )
        self.assertEqual(visit.state, "done")
        self.assertEqual(visit.date_done, date(2025, 12, 20))
        self.assertIn("Customer happy", visit.report)
        self.assertFalse(visit.activity_ids)

    def test_visit_done_closes_its_activity(self):
        partner = self._account("Reverse Sync Co.", 1)
        visit = self.Visit._plan_partners(partner, YEAR[:1])[0]
        visit.write(
            {"report": "<p>Agreed on a new pickup time.</p>", "outcome": "positive"}
        )
        visit.action_done()
        self.assertFalse(visit.activity_ids)
        self.assertEqual(visit.compliance, "on_time")
        message = self.env["mail.message"].search(
            [
                ("model", "=", visit._name),
                ("res_id", "=", visit.id),
                ("mail_activity_type_id", "!=", False),
            ]
        )
        self.assertIn("Agreed on a new pickup time", message.body)

    def test_missed_after_the_grace_period(self):
        partner = self._account("Late Co.", 1)
        late, recent = self.Visit.create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": self.branch.id,
                    "contact_type_id": self._type("phone").id,
                    "date_planned": day,
                }
                for day in ("2025-12-10", "2025-12-18")
            ]
        )
        self.hq.key_account_visit_grace_days = 3
        self.Visit._cron_mark_missed()
        self.assertEqual((late.state, recent.state), ("missed", "planned"))
        self.assertEqual(late.compliance, "missed")
        late.action_done()
        self.assertEqual(late.compliance, "late")

    def test_grouped_on_time_rate_is_the_rate_of_the_summed_contacts(self):
        """X3: on-time contacts among the done and missed ones, summed per group:
        planned contacts are no 0%, and the dashboard's panel shows the same."""
        colleague = self._new_user("ka_on_time_colleague", "user", self.branch)
        mine = self._account("On Time Co.", 1)
        theirs = self._account("Missed Co.", 1, manager=colleague)
        phone = self._type("phone")

        def visits(partner, user, days):
            return self.Visit.create(
                [
                    {
                        "partner_id": partner.id,
                        "company_id": self.branch.id,
                        "user_id": user.id,
                        "contact_type_id": phone.id,
                        "date_planned": day,
                    }
                    for day in days
                ]
            )

        done, _planned = visits(
            mine, self.account_manager, ["2025-12-18", "2025-12-22"]
        )
        done.action_done()
        visits(theirs, colleague, ["2025-12-10"] * 9).write({"state": "missed"})
        domain = [("partner_id", "in", (mine | theirs).ids)]
        for spec in ("compliance_rate", "compliance_rate:avg"):
            (total,) = self.Visit.read_group(domain, [spec], [])
            self.assertEqual(total["compliance_rate"], 10.0, spec)
        panel = self.env.ref("key_account_service.key_account_dashboard_on_time_action")
        board = self.env.ref("key_account_service.key_account_dashboard_view")
        today = date(2025, 12, 20)
        self.assertEqual(
            graph_figures(
                self.env,
                panel,
                board_panel_domain(self.env, board, panel, today) + domain,
            ),
            {
                ((self.account_manager.id, self.account_manager.name),): {
                    "compliance_rate": 100.0
                },
                ((colleague.id, colleague.name),): {"compliance_rate": 0.0},
            },
        )

    def test_apologies_follow_the_incident_count(self):
        partner = self._account("Incident Co.", 0)  # one apology per 5 incidents
        since = date(2025, 1, 1)
        self.assertFalse(self.Visit._plan_incident_apologies(partner, 4, since))
        first = self.Visit._plan_incident_apologies(partner, 5, since)
        self.assertEqual(len(first), 1)
        self.assertEqual(first.contact_type_id, self._type("apology"))
        self.assertFalse(self.Visit._plan_incident_apologies(partner, 5, since))
        self.assertEqual(
            len(self.Visit._plan_incident_apologies(partner, 11, since)), 1
        )

    def test_planning_queries_do_not_grow_with_the_batch(self):
        # Both batches stay under Odoo's 100-row INSERT chunk, so any difference
        # would be a query per account.
        warm_up = self._account("Warm-up", 0)
        small = self.env["res.partner"]
        large = self.env["res.partner"]
        for index in range(2):
            small |= self._account(f"Small {index}", 0)
        for index in range(6):
            large |= self._account(f"Large {index}", 0)
        months = [date(2026, 1, 1)]
        self.Visit._plan_partners(warm_up, months)

        def count_queries(partners):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            created = self.Visit._plan_partners(partners, months)
            self.env.flush_all()
            return self.env.cr.sql_log_count - before, len(created)

        small_queries, small_rows = count_queries(small)
        with self.assertQueryCount(28):  # the plan of any number of accounts
            large_queries, large_rows = count_queries(large)
        self.assertEqual(large_rows, 3 * small_rows)
        self.assertLess(large_rows, 100)
        self.assertEqual(large_queries, small_queries)

    def test_planning_costs_two_queries_per_hundred_contacts(self):
        """Past Odoo's 100-row chunks, each hundred contacts more costs their
        rows' INSERTs (contact and activity), nothing else: the contacts'
        compliance, their link to the activity, the activities' names in their
        manager's language and the manager as follower are not written per
        hundred."""
        warm_up = self._account("Warm-up", 3)
        few = self.env["res.partner"]
        many = self.env["res.partner"]
        for index in range(2):
            few |= self._account(f"Few {index}", 3)
        for index in range(6):
            many |= self._account(f"Many {index}", 3)
        self.Visit._plan_partners(warm_up, YEAR[:1])

        def count_queries(partners):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            created = self.Visit._plan_partners(partners, YEAR)
            self.env.flush_all()
            return self.env.cr.sql_log_count - before, created

        few_queries, few_rows = count_queries(few)
        many_queries, many_rows = count_queries(many)
        self.assertGreater(len(many_rows), 300)
        self.assertEqual(len(many_rows), 3 * len(few_rows))
        chunks = -(-len(many_rows) // 100) - -(-len(few_rows) // 100)
        self.assertLessEqual(many_queries - few_queries, 2 * chunks)
        self.assertEqual(
            set(many_rows.mapped("compliance")), {"planned"}, "stored at insert"
        )
        self.assertEqual(many_rows.planning_activity_id.mapped("res_id"), many_rows.ids)
        self.assertEqual(
            set(many_rows.planning_activity_id.mapped("res_name")),
            set(many_rows.mapped("display_name")),
        )
        manager = many_rows.user_id
        self.assertEqual(len(manager), 1)
        self.assertEqual(
            set(many_rows.planning_activity_id.mapped("user_tz")), {manager.tz}
        )
        self.assertFalse(any(many_rows.planning_activity_id.mapped("date_done")))
        # each contact followed once by its manager, with a new follower's subtypes
        followers = self.env["mail.followers"].search(
            [("res_model", "=", "key.account.visit"), ("res_id", "in", many_rows.ids)]
        )
        self.assertEqual(sorted(followers.mapped("res_id")), sorted(many_rows.ids))
        self.assertEqual(followers.partner_id, manager.partner_id)
        default = self.env["mail.message.subtype"].default_subtypes(
            "key.account.visit"
        )[0]
        self.assertTrue(default)
        for follower in followers:
            self.assertEqual(follower.subtype_ids, default)
        self.assertEqual(many_rows[0].message_partner_ids, manager.partner_id)


@tagged("post_install", "-at_install", "key_account_service")
class TestQualitativePlanning(KeyAccountServiceCommon):
    """KA-2/KA-3: holiday greetings, special-day gifts and the annual meeting
    invitation are planned like the periodic contacts."""

    freeze_time = "2025-12-20"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._copy_manual_bands(cls.hq)
        cls.Visit = cls.env["key.account.visit"]
        # China's 2026 public holidays and make-up working days (Sat 14 Feb...)
        cls.branch.resource_calendar_id._load_public_holidays([2026])

    def _account(self, name, band_index):
        partner = self._key_account(
            name,
            MONTHLY_REVENUE[band_index],
            months=("2025-09-01", "2025-10-01", "2025-11-01"),
        )
        partner._key_account_update_metrics()
        return partner

    def _days(self, partner, key):
        return [
            visit.date_planned
            for visit in self.Visit.search(
                [
                    ("partner_id", "=", partner.id),
                    ("contact_type_id.occasion", "=", key),
                ],
                order="date_planned",
            )
        ]

    def _archive(self, partner, *days):
        return self.env["key.account.archive"].create(
            {
                "partner_id": partner.id,
                "company_id": self.branch.id,
                "special_day_ids": [
                    Command.create({"kind": kind, "name": name, "date": day})
                    for kind, name, day in days
                ],
            }
        )

    def test_greetings_three_working_days_before_the_holidays_of_the_band(self):
        bands = [self._account(f"Greeted {index}", index) for index in range(4)]
        self.Visit._plan_partners(bands[0] | bands[1] | bands[2] | bands[3], YEAR)
        major = [
            date(2026, 2, 12),  # Spring Festival from Mon 16 Feb; Sat 14 is worked
            date(2026, 6, 16),  # Dragon Boat, Fri 19 Jun
            date(2026, 9, 22),  # Mid-Autumn, Fri 25 Sep
            date(2026, 9, 28),  # National Day, from Thu 1 Oct
        ]
        self.assertEqual(self._days(bands[0], "holiday"), [], "as appropriate")
        self.assertEqual(self._days(bands[1], "holiday"), major)
        self.assertEqual(self._days(bands[2], "holiday"), major)
        self.assertEqual(
            self._days(bands[3], "holiday"),
            sorted(
                major
                + [
                    date(2026, 4, 1),  # Tomb-Sweeping, Sun 5 Apr
                    date(2026, 4, 28),  # Labour Day, Fri 1 May
                ]
            ),
            "all holidays; New Year's greeting falls in 2025, not planned",
        )
        greeting = self.Visit.search(
            [
                ("partner_id", "=", bands[3].id),
                ("date_planned", "=", "2026-02-12"),
                ("contact_type_id.occasion", "=", "holiday"),
            ]
        )
        self.assertRecordValues(
            greeting,
            [
                {
                    "contact_type_id": self.env.ref(
                        "key_account_service.key_account_contact_type_holiday"
                    ).id,
                    "source": "schedule",
                    "state": "planned",
                    "compliance": "planned",
                    "user_id": self.account_manager.id,
                }
            ],
        )
        self.assertTrue(greeting.planning_activity_id)

    def test_lead_days_and_major_holidays_are_policy(self):
        partner = self._account("Policy Greeted", 1)
        self.hq.write(
            {"key_account_occasion_lead_days": 1, "key_account_major_holidays": "labor"}
        )
        self.Visit._plan_partners(partner, YEAR)
        self.assertEqual(self._days(partner, "holiday"), [date(2026, 4, 30)])
        self.hq.key_account_major_holidays = "labor, dragon boat"
        self.assertFalse(partner.key_account_planned_through, "re-planned tonight")
        self.Visit._plan_partners(partner, YEAR)
        self.assertEqual(
            self._days(partner, "holiday"), [date(2026, 4, 30), date(2026, 6, 18)]
        )
        with self.assertRaises(ValidationError):
            self.hq.key_account_occasion_lead_days = 0

    def test_gifts_before_birthdays_and_anniversaries(self):
        major_band = self._account("Gifted Major", 2)
        all_band = self._account("Gifted All", 3)
        appropriate = self._account("Gifted Appropriate", 0)
        for partner in (major_band, all_band, appropriate):
            self._archive(
                partner,
                ("birthday", "Ms Wang, logistics", date(1980, 3, 15)),
                ("anniversary", "Founded", date(2005, 7, 8)),
            )
        self.Visit._plan_partners(major_band | all_band | appropriate, YEAR)
        # Sun 15 Mar: Fri 13, Thu 12, Wed 11; Wed 8 Jul: Tue 7, Mon 6, Fri 3
        self.assertEqual(self._days(major_band, "special_day"), [date(2026, 7, 3)])
        self.assertEqual(
            self._days(all_band, "special_day"), [date(2026, 3, 11), date(2026, 7, 3)]
        )
        self.assertEqual(self._days(appropriate, "special_day"), [])
        birthday = self.env["key.account.special.day"].search(
            [("partner_id", "=", major_band.id), ("kind", "=", "birthday")]
        )
        self.assertTrue(major_band.key_account_planned_through)
        birthday.major = True
        self.assertFalse(major_band.key_account_planned_through, "re-planned tonight")
        self.Visit._plan_partners(major_band, YEAR)
        self.assertEqual(
            self._days(major_band, "special_day"), [date(2026, 3, 11), date(2026, 7, 3)]
        )

    def test_annual_meeting_invitation_in_the_policy_month(self):
        bands = [self._account(f"Invited {index}", index) for index in range(4)]
        self.hq.key_account_annual_meeting_month = 6
        everyone = bands[0] | bands[1] | bands[2] | bands[3]
        self.Visit._plan_partners(everyone, YEAR)
        self.assertEqual(
            [self._days(partner, "annual_meeting") for partner in bands],
            [[], [], [date(2026, 6, 15)], [date(2026, 6, 15)]],
        )
        with self.assertRaises(ValidationError):
            self.hq.key_account_annual_meeting_month = 13

    def test_occasions_count_in_compliance_and_plan_once(self):
        partner = self._account("Twice Greeted", 3)
        self._archive(partner, ("birthday", "Mr Li", date(1975, 1, 20)))
        first = self.Visit._plan_partners(partner, YEAR[:2])
        before = self.Visit.search([("partner_id", "=", partner.id)]).read(
            ["date_planned", "contact_type_id"]
        )
        self.assertFalse(self.Visit._plan_partners(partner, YEAR[:2]))
        self.assertEqual(
            self.Visit.search([("partner_id", "=", partner.id)]).read(
                ["date_planned", "contact_type_id"]
            ),
            before,
        )
        gift = first.filtered(lambda v: v.contact_type_id.occasion == "special_day")
        self.assertEqual(gift.date_planned, date(2026, 1, 15))  # Tue 20 Jan
        with freeze_time("2026-01-26"):
            gift.action_done()
        self.assertEqual(gift.compliance, "late")
        summary = self.env["key.account.compliance.summary"].create(
            {"month": "2026-01-01", "company_ids": [Command.set(self.branch.ids)]}
        )
        _rows, total = summary._rows()
        self.assertEqual(total["late"], 1, total)

    def test_planning_queries_do_not_grow_with_the_batch(self):
        def accounts(prefix, count):
            partners = self.env["res.partner"]
            for index in range(count):
                partner = self._account(f"{prefix} {index}", 3)
                self._archive(
                    partner,
                    # gifts from 4 to 10 February and from 13 to 26 February
                    ("birthday", "Contact", date(1980, 2, 9 + index)),
                    ("anniversary", "Founded", date(2000, 2, 25 + index)),
                )
                partners |= partner
            return partners

        warm_up, small, large = accounts("Warm", 1), accounts("S", 2), accounts("L", 5)
        months = [date(2026, 2, 1)]
        self.Visit._plan_partners(warm_up, months)

        def count_queries(partners):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            created = self.Visit._plan_partners(partners, months)
            self.env.flush_all()
            return self.env.cr.sql_log_count - before, created

        small_queries, _small_rows = count_queries(small)
        large_queries, large_rows = count_queries(large)
        self.assertEqual(
            len(large_rows.filtered(lambda v: v.contact_type_id.occasion)),
            5 * 3,  # the Spring Festival greeting, a birthday and an anniversary
        )
        self.assertLess(len(large_rows), 100)
        self.assertEqual(large_queries, small_queries)
