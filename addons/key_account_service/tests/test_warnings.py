from datetime import date

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import KeyAccountServiceCommon

REFERENCE_MONTHS = ("2026-01-01", "2026-02-01", "2026-03-01")


@tagged("post_install", "-at_install", "key_account_service")
class TestWarnings(KeyAccountServiceCommon):
    freeze_time = "2026-05-10"  # a Sunday; April is the last complete month

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.regional = cls._new_user("ka_regional_warn", "user", cls.branch)
        cls.region.manager_id = cls.regional
        cls.branch.key_account_region_id = cls.region
        cls.Warning = cls.env["key.account.warning"]

    def _account(self, name, april, earlier=100000, months=REFERENCE_MONTHS):
        partner = self._key_account(name, earlier, months=months)
        self._set_month(partner, "2026-04-01", april)
        return partner

    def _set_month(self, partner, month, net):
        Revenue = self.env["key.account.revenue"].sudo()
        row = Revenue.search([("partner_id", "=", partner.id), ("month", "=", month)])
        if row:
            row.write({"net": net, "invoiced": net})
        else:
            Revenue.create(
                {
                    "partner_id": partner.id,
                    "company_id": self.branch.id,
                    "month": month,
                    "net": net,
                    "invoiced": net,
                }
            )

    def _cases(self, partner, reason="revenue_drop"):
        return self.Warning.search(
            [("partner_id", "=", partner.id), ("reason", "=", reason)]
        )

    def test_drops_just_under_and_at_the_thresholds(self):
        expected = {90001: None, 90000: "warning", 80001: "warning", 80000: "serious"}
        partners = {april: self._account(f"April {april}", april) for april in expected}
        self.Warning._detect(self.env["res.partner"].union(*partners.values()))
        for april, level in expected.items():
            case = self._cases(partners[april])
            self.assertEqual(case.level or None, level, april)
            if case:
                self.assertEqual(case.reference_amount, 100000.0)
                self.assertEqual(case.month, date(2026, 4, 1))

    def test_same_data_same_cases_and_a_running_case_is_updated(self):
        partner = self._account("Sliding Co.", 90000)
        self.Warning._detect(partner)
        self.Warning._detect(partner)
        case = self._cases(partner)
        self.assertEqual(len(case), 1)
        self.assertEqual(partner.key_account_warning_level, "warning")
        self._set_month(partner, "2026-04-01", 70000)
        self.Warning._detect(partner)
        self.assertEqual(self._cases(partner), case)
        self.assertEqual((case.level, case.drop_percent), ("serious", 30.0))
        self.assertEqual(partner.key_account_warning_level, "serious")

    def test_recovered_automatically_when_revenue_returns(self):
        partner = self._account("Comeback Co.", 75000)
        self.Warning._detect(partner)
        case = self._cases(partner)
        self._set_month(partner, "2026-04-01", 95000)
        self.Warning._detect(partner)
        self.assertEqual(case.state, "recovered")
        self.assertIn("Recovered automatically", case.close_note)
        self.assertFalse(case.activity_ids)
        self.assertFalse(partner.key_account_warning_level)

    def test_lost_after_months_without_revenue(self):
        partner = self._account(
            "Gone Co.", 0, months=("2025-12-01", "2026-01-01", "2026-02-01")
        )
        self._set_month(partner, "2026-03-01", 0)
        self.Warning._detect(partner)
        self.assertFalse(self._cases(partner, "no_revenue"), "two empty months only")
        # ...but an empty April against (0 + 100,000 + 100,000) / 3 is a 100% drop:
        # serious now.
        drop = self._cases(partner)
        self.assertEqual(
            (drop.level, drop.state, drop.month_amount, drop.drop_percent),
            ("serious", "open", 0.0, 100.0),
        )
        self.assertEqual(drop.reference_amount, 66666.67)
        self._set_month(partner, "2026-02-01", 0)
        self._set_month(partner, "2025-11-01", 100000)
        self.Warning._detect(partner)
        self.Warning._detect(partner)
        lost = self._cases(partner, "no_revenue")
        self.assertEqual((lost.level, lost.state), ("lost", "open"))
        self.assertEqual(partner.key_account_warning_level, "lost")
        self.assertEqual(self._cases(partner), drop, "the drop case is not duplicated")
        self.assertEqual((drop.state, drop.level), ("open", "serious"))

    def test_a_month_without_revenue_opens_a_serious_case_at_once(self):
        partner = self._account("Silent Co.", 0)
        self.Warning._detect(partner)
        self.Warning._detect(partner)
        case = self._cases(partner)
        self.assertEqual(len(case), 1, "same data, same case")
        self.assertEqual(
            (case.level, case.reference_amount, case.month_amount, case.drop_percent),
            ("serious", 100000.0, 0.0, 100.0),
        )
        self.assertEqual(case.month, date(2026, 4, 1))
        self.assertEqual(case.activity_ids.user_id, self.regional)
        self.assertFalse(self._cases(partner, "no_revenue"), "one empty month only")
        self.assertEqual(partner.key_account_warning_level, "serious")
        # Revenue back to the reference: recovered, not left open.
        self._set_month(partner, "2026-04-01", 100000)
        self.Warning._detect(partner)
        self.assertEqual(case.state, "recovered")

    def test_an_empty_month_without_a_reference_opens_nothing(self):
        partner = self._account("Never Started Co.", 0, earlier=0)
        self.Warning._detect(partner)
        self.assertFalse(self.Warning.search([("partner_id", "=", partner.id)]))

    def test_escalation_to_the_regional_manager_on_working_days(self):
        calendar = self.branch.resource_calendar_id
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Holiday",
                "calendar_id": calendar.id,
                "date_from": "2026-05-12 00:00:00",
                "date_to": "2026-05-12 23:59:59",
            }
        )
        partner = self._account("Escalated Co.", 50000)
        self.Warning._detect(partner)
        case = self._cases(partner)
        # Five working days after Sunday 10 May, Tuesday 12 May off: Monday 18 May.
        self.assertEqual(case.deadline, date(2026, 5, 18))
        self.assertEqual(case.regional_manager_id, self.regional)
        self.assertEqual(case.activity_ids.user_id, self.regional)
        self.assertEqual(case.activity_ids.date_deadline, date(2026, 5, 18))

    def test_other_modules_open_cases_through_one_method(self):
        partner = self._key_account("Incident Co.", 100000)
        case = self.Warning.open_case(
            partner,
            "major_incident",
            "serious",
            note="Lost a pallet",
            source_ref="INC/7",
        )
        again = self.Warning.open_case(partner, "major_incident", "warning")
        self.assertEqual(again, case)
        self.assertEqual(case.level, "serious", "a running case never gets milder")
        self.assertEqual(case.source_ref, "INC/7")

    def test_closing_needs_the_outcome(self):
        partner = self._account("Closing Co.", 50000)
        self.Warning._detect(partner)
        case = self._cases(partner)
        with self.assertRaisesRegex(UserError, "Write the outcome"):
            case.action_close_lost()
        case.close_note = "Moved to a competitor after the price increase."
        case.with_user(self.regional).action_close_lost()
        self.assertEqual((case.state, case.date_closed), ("lost", date(2026, 5, 10)))
        self.assertFalse(case.activity_ids)
        with self.assertRaisesRegex(UserError, "closed already"):
            case.action_close_recovered()

    def test_cron_checks_each_account_once_a_day(self):
        partners = self._account("First Co.", 50000) | self._account(
            "Second Co.", 50000
        )
        # Only these two are due a check today, whatever else the database holds.
        self.env["res.partner"].search(
            [("is_key_account", "=", True), ("id", "not in", partners.ids)]
        ).write({"key_account_warning_date": fields.Date.context_today(self.Warning)})
        self.Warning._cron_detect(batch_size=1)
        self.assertEqual(len(partners.filtered("key_account_warning_date")), 1)
        self.Warning._cron_detect(batch_size=1)
        self.Warning._cron_detect(batch_size=1)
        self.assertEqual(
            len(self.Warning.search([("partner_id", "in", partners.ids)])), 2
        )

    def test_access_follows_accounts_and_region(self):
        mine = self._account("Mine At Risk", 50000)
        colleague = self._new_user("ka_colleague_warn", "user", self.branch)
        theirs = self._account("Theirs At Risk", 50000)
        theirs.key_account_manager_id = colleague
        other_manager = self._new_user(
            "ka_other_warn", "manager", self.other_hq, self.other_hq
        )
        self.Warning._detect(mine | theirs)
        both = mine | theirs
        seen = self.Warning.with_user(self.account_manager).search(
            [("partner_id", "in", both.ids)]
        )
        self.assertEqual(seen.partner_id, mine)
        seen = self.Warning.with_user(self.regional).search(
            [("partner_id", "in", both.ids)]
        )
        self.assertEqual(seen.partner_id, both)
        self.assertFalse(
            self.Warning.with_user(other_manager).search(
                [("partner_id", "in", both.ids)]
            )
        )
