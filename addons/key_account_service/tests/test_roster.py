from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import KeyAccountServiceCommon


@tagged("post_install", "-at_install", "key_account_service")
class TestRoster(KeyAccountServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Roster = cls.env["key.account.roster"]
        cls.colleague = cls._new_user("ka_roster_colleague", "user", cls.branch)

    def _lines(self, partner):
        return self.Roster.search([("partner_id", "=", partner.id)], order="date_from")

    def test_month_end_snapshot_once_for_every_key_account(self):
        partner = self._key_account("Roster Co.", 60000, start="2025-01-01")
        with freeze_time("2026-04-01"):
            self.Roster._cron_snapshot()
            self.Roster._cron_snapshot()
        line = self._lines(partner)
        self.assertRecordValues(
            line,
            [
                {
                    "month": date(2026, 3, 1),
                    "user_id": self.account_manager.id,
                    "date_from": date(2026, 3, 1),
                    "date_to": date(2026, 3, 31),
                    "days": 31,
                }
            ],
        )

    def test_a_reassignment_splits_the_month_at_the_move_date(self):
        partner = self._key_account("Moving Co.", 60000, start="2025-01-01")
        with freeze_time("2026-03-15"):
            partner.key_account_manager_id = self.colleague
        with freeze_time("2026-04-02"):
            self.Roster._cron_snapshot()
        self.assertRecordValues(
            self._lines(partner),
            [
                {
                    "user_id": self.account_manager.id,
                    "date_from": date(2026, 3, 1),
                    "date_to": date(2026, 3, 14),
                    "days": 14,
                },
                {
                    "user_id": self.colleague.id,
                    "date_from": date(2026, 3, 15),
                    "date_to": date(2026, 3, 31),
                    "days": 17,
                },
            ],
        )
        # The same when the month's line was already in place.
        partner2 = self._key_account("Moving Too Co.", 60000, start="2025-01-01")
        with freeze_time("2026-05-01"):
            self.Roster._snapshot(date(2026, 5, 1), partner2)
        with freeze_time("2026-05-20"):
            partner2.key_account_manager_id = self.colleague
        self.assertRecordValues(
            self._lines(partner2),
            [
                {
                    "user_id": self.account_manager.id,
                    "date_from": date(2026, 5, 1),
                    "date_to": date(2026, 5, 19),
                    "days": 19,
                },
                {
                    "user_id": self.colleague.id,
                    "date_from": date(2026, 5, 20),
                    "date_to": date(2026, 5, 31),
                    "days": 12,
                },
            ],
        )

    def test_no_line_before_an_account_starts(self):
        partner = self._key_account("Future Co.", 60000, start="2026-06-01")
        with freeze_time("2026-05-20"):
            partner.key_account_manager_id = self.colleague
        self.assertFalse(self._lines(partner))

    def test_a_key_account_started_mid_month_counts_from_its_start(self):
        partner = self._key_account("Late Joiner Co.", 60000, start="2026-03-10")
        with freeze_time("2026-04-01"):
            self.Roster._cron_snapshot()
        self.assertEqual(self._lines(partner).date_from, date(2026, 3, 10))

    def test_managers_see_their_own_lines_finance_sees_all(self):
        mine = self._key_account("Mine Roster", 60000, start="2025-01-01")
        theirs = self._key_account(
            "Theirs Roster", 60000, manager=self.colleague, start="2025-01-01"
        )
        self.Roster._snapshot(date(2026, 3, 1), mine | theirs)
        both = mine | theirs
        seen = self.Roster.with_user(self.account_manager).search(
            [("partner_id", "in", both.ids)]
        )
        self.assertEqual(seen.partner_id, mine)
        seen = self.Roster.with_user(self.finance).search(
            [("partner_id", "in", both.ids)]
        )
        self.assertEqual(seen.partner_id, both)
