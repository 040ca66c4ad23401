from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import KeyAccountServiceCommon


@tagged("post_install", "-at_install", "key_account_service")
class TestBandsAndMetrics(KeyAccountServiceCommon):
    freeze_time = "2026-04-15"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._copy_manual_bands(cls.hq)

    def _metrics(self, partner):
        partner._key_account_update_metrics()
        return partner

    def test_exactly_50000_is_the_5_to_10_band(self):
        partner = self._metrics(self._key_account("Boundary Co.", 50000))
        self.assertEqual(partner.key_account_reference_revenue, 50000.0)
        self.assertEqual(partner.key_account_band_id.amount_min, 50000.0)
        self.assertEqual(partner.key_account_band_id.band_set, "cadence")
        below = self._metrics(self._key_account("Just Below Co.", 49999.99))
        self.assertEqual(below.key_account_band_id.amount_max, 50000.0)

    def test_reference_is_the_average_of_the_last_complete_months(self):
        partner = self._key_account(
            "Average Co.", 30000, months=("2026-01-01", "2026-02-01", "2026-03-01")
        )
        # April is not complete on 15 April; December 2025 is outside the window.
        self.env["key.account.revenue"].sudo().create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": self.branch.id,
                    "month": "2026-04-01",
                    "net": 900000,
                    "invoiced": 900000,
                },
                {
                    "partner_id": partner.id,
                    "company_id": self.branch.id,
                    "month": "2025-12-01",
                    "net": 900000,
                    "invoiced": 900000,
                },
            ]
        )
        self.assertEqual(self._metrics(partner).key_account_reference_revenue, 30000.0)
        self.hq.key_account_reference_months = 4
        self.assertEqual(self._metrics(partner).key_account_reference_revenue, 247500.0)

    def test_national_needs_two_branches_and_100000(self):
        partner = self._key_account("National Co.", 60000, company=self.branch)
        self.env["key.account.revenue"].sudo().create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": self.hq.id,
                    "month": month,
                    "net": 40000,
                    "invoiced": 40000,
                }
                for month in ("2026-01-01", "2026-02-01", "2026-03-01")
            ]
        )
        self.assertTrue(self._metrics(partner).key_account_national_detected)
        single = self._metrics(self._key_account("One Branch Co.", 150000))
        self.assertFalse(single.key_account_national_detected)
        self.hq.key_account_national_min_revenue = 150000
        self.assertFalse(self._metrics(partner).key_account_national_detected)

    def test_national_from_two_cities_shipped_from(self):
        partner = self._key_account("Two Cities Co.", 150000)
        Shipment = self.env["key.account.shipment"]

        def ship(day, origin):
            Shipment.create(
                {
                    "partner_id": partner.id,
                    "company_id": self.branch.id,
                    "date": day,
                    "origin_city": origin,
                    "destination_city": "Beijing",
                    "waybills": 10,
                }
            )

        ship("2026-01-10", "Hangzhou")
        ship("2026-02-10", "Hangzhou")
        ship("2026-04-01", "Ningbo")  # after the reference window
        self.assertFalse(self._metrics(partner).key_account_national_detected)
        self.assertEqual(partner.key_account_shipping_cities, 1)
        ship("2026-03-31", "Ningbo")
        self.assertTrue(self._metrics(partner).key_account_national_detected)
        self.assertEqual(partner.key_account_shipping_cities, 2)

    def test_branch_floors_of_ka5(self):
        level_1_2 = self._metrics(self._key_account("Small Co.", 20000))
        self.assertEqual(level_1_2.key_account_floor, 30000.0)
        self.assertTrue(level_1_2.key_account_below_floor)
        self.branch.key_account_branch_level = "level_3_plus"
        level_3 = self._metrics(level_1_2)
        self.assertEqual(level_3.key_account_floor, 10000.0)
        self.assertFalse(level_3.key_account_below_floor)
        hq_account = self._metrics(self._key_account("HQ Co.", 90000, company=self.hq))
        self.assertEqual(hq_account.key_account_floor, 100000.0)
        self.assertTrue(hq_account.key_account_below_floor)

    def test_metrics_cron_is_batched_and_daily(self):
        partners = self._key_account("A", 20000) | self._key_account("B", 60000)
        self.env["res.partner"]._cron_update_metrics(batch_size=1)
        updated = partners.filtered("key_account_metrics_date")
        self.assertEqual(len(updated), 1)
        self.env["res.partner"]._cron_update_metrics(batch_size=1)
        self.assertEqual(
            set(partners.mapped("key_account_metrics_date")),
            {date(2026, 4, 15)},
        )

    def test_overlapping_and_gapped_bands_are_refused(self):
        Band = self.env["key.account.band"]
        with self.assertRaisesRegex(ValidationError, "overlap"), self.cr.savepoint():
            Band.create(
                {
                    "name": "Overlap",
                    "band_set": "cadence",
                    "company_id": self.hq.id,
                    "amount_min": 40000,
                    "amount_max": 60000,
                }
            )
        top = Band.search(
            [
                ("company_id", "=", self.hq.id),
                ("band_set", "=", "cadence"),
                ("amount_max", "=", False),
            ]
        )
        with self.assertRaisesRegex(ValidationError, "gap"), self.cr.savepoint():
            Band.search(
                [
                    ("company_id", "=", self.hq.id),
                    ("band_set", "=", "cadence"),
                    ("amount_min", "=", 100000),
                ]
            ).amount_max = 150000
        with (
            self.assertRaisesRegex(ValidationError, "end above where it starts"),
            self.cr.savepoint(),
        ):
            top.amount_max = top.amount_min
        # A band of the other set or company is not a neighbour.
        Band.create(
            {
                "name": "Other company",
                "band_set": "cadence",
                "company_id": self.other_hq.id,
                "amount_min": 40000,
            }
        )

    def test_negative_thresholds_are_refused(self):
        with (
            self.assertRaisesRegex(ValidationError, "cannot be negative"),
            self.cr.savepoint(),
        ):
            self.hq.key_account_floor_level_1_2 = -1
        with (
            self.assertRaisesRegex(ValidationError, "at least one month"),
            self.cr.savepoint(),
        ):
            self.hq.key_account_reference_months = 0

    def test_branch_uses_headquarters_bands(self):
        bands = self.env["key.account.band"]._get_bands(self.branch, "cadence")
        self.assertEqual(bands.company_id, self.hq)
        self.assertEqual(len(bands), 4)
