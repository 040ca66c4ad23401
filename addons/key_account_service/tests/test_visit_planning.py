from collections import Counter
from datetime import date

from odoo.tests import tagged

from .common import KeyAccountServiceCommon

YEAR = [date(2026, month, 1) for month in range(1, 13)]
# KA-2 periodic cells per band (1-5, 5-10, 10-20, 20+ x 10,000): contacts a year.
MATRIX_PER_YEAR = {
    "phone": [24, 36, 36, 48],
    "written": [24, 36, 36, 48],
    "meeting": [6, 12, 24, 24],
    "institutional": [4, 6, 12, 12],
    "executive": [0, 2, 4, 12],
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
        self.assertEqual(len(visits), 12)
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
