from odoo.exceptions import AccessError
from odoo.service.model import get_public_method
from odoo.tests import tagged

from .common import KeyAccountServiceCommon


@tagged("post_install", "-at_install", "key_account_service")
class TestServiceKpi(KeyAccountServiceCommon):
    def test_other_modules_feed_the_month_and_the_account_shows_it(self):
        partner = self._key_account("KPI Co.", 60000)
        Kpi = self.env["key.account.service.kpi"]
        Kpi._record(
            partner,
            "2026-03-05",
            shipments=2000,
            orders_on_time=1960,
            deliveries_on_time=1900,
        )
        kpi = Kpi._record(partner, "2026-03-28", complaints=3)
        again = Kpi._record(partner, "2026-03-28", complaints=3)
        self.assertEqual(again, kpi)
        self.assertRecordValues(
            kpi,
            [
                {
                    "shipments": 2000,
                    "order_on_time_rate": 98.0,
                    "delivery_on_time_rate": 95.0,
                    "complaint_rate": 1.5,
                }
            ],
        )
        Kpi._record(partner, "2026-02-10", shipments=1000, complaints=9)
        self.assertEqual(partner.key_account_complaint_rate, 1.5, "the latest month")
        self.assertEqual(partner.key_account_delivery_on_time_rate, 95.0)
        with self.assertRaises(ValueError):
            Kpi._record(partner, "2026-03-01", parcels=5)

    def test_grouped_rates_are_rates_of_the_summed_counts(self):
        """X3 / KA-9: 1 of 1 and 0 of 9 on time are 10% on time, not 50%."""
        good = self._key_account("Good KPI", 60000)
        poor = self._key_account("Poor KPI", 60000)
        Kpi = self.env["key.account.service.kpi"]
        Kpi._record(
            good, "2026-03-01", shipments=1, orders_on_time=1, deliveries_on_time=1
        )
        Kpi._record(poor, "2026-03-01", shipments=9, complaints=9)
        rates = ["order_on_time_rate", "delivery_on_time_rate", "complaint_rate"]
        domain = [("partner_id", "in", (good | poor).ids)]
        # list group rows ask for the plain field, pivot and graph for its aggregate
        for specs in (rates, [f"{name}:avg" for name in rates]):
            (month,) = Kpi.read_group(domain, specs, ["month:month"])
            self.assertEqual(
                [month[name] for name in rates], [10.0, 10.0, 900.0], specs
            )
        by_partner = Kpi.read_group(domain, rates, ["partner_id"])
        self.assertEqual(
            {group["partner_id"][0]: group["complaint_rate"] for group in by_partner},
            {good.id: 0.0, poor.id: 1000.0},
        )

    def test_the_account_shows_its_months_rates_over_every_branch(self):
        partner = self._key_account("Two Branches KPI", 60000)
        Kpi = self.env["key.account.service.kpi"]
        Kpi._record(
            partner,
            "2026-03-01",
            company=self.branch,
            shipments=1,
            orders_on_time=1,
            deliveries_on_time=1,
        )
        Kpi._record(partner, "2026-03-01", company=self.hq, shipments=9, complaints=9)
        self.assertRecordValues(
            partner,
            [
                {
                    "key_account_order_on_time_rate": 10.0,
                    "key_account_delivery_on_time_rate": 10.0,
                    "key_account_complaint_rate": 900.0,
                }
            ],
        )

    def test_account_managers_read_their_own_accounts_figures(self):
        mine = self._key_account("Mine KPI", 60000)
        colleague = self._new_user("ka_kpi_colleague", "user", self.branch)
        theirs = self._key_account("Theirs KPI", 60000, manager=colleague)
        Kpi = self.env["key.account.service.kpi"]
        for partner in (mine, theirs):
            Kpi._record(partner, "2026-03-01", shipments=10)
        seen = Kpi.with_user(self.account_manager).search([])
        self.assertEqual(seen.partner_id, mine)
        with self.assertRaises(AccessError):
            seen.with_user(self.account_manager).write({"complaints": 1})

    def test_the_feed_is_not_callable_over_rpc(self):
        Kpi = self.env["key.account.service.kpi"]
        with self.assertRaises(AccessError):
            get_public_method(Kpi, "_record")
