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
