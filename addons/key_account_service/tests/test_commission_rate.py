from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import KeyAccountServiceCommon, copy_manual_policy


@tagged("post_install", "-at_install", "key_account_service")
class TestCommissionRate(KeyAccountServiceCommon):
    freeze_time = "2026-06-10"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        copy_manual_policy(cls.env, cls.hq)
        cls.Rate = cls.env["key.account.commission.rate"]

    def _rate(self, partner, month):
        key = (partner.id, month, partner.key_account_manager_id.id)
        return self.Rate._rates({key})[key]

    def _account(self, name, monthly, start="2025-01-01", **vals):
        partner = self._key_account(
            name,
            monthly,
            months=("2025-01-01", "2025-02-01", "2025-03-01"),
            start=start,
        )
        partner.write(vals)
        partner._key_account_fix_commission_base()
        return partner

    def test_the_manuals_rates_at_the_band_boundaries(self):
        expected = {
            99999.99: 2.0,
            100000: 2.0,
            199999.99: 2.0,
            200000: 1.8,
            399999.99: 1.8,
            400000: 1.5,
        }
        for base, rate in expected.items():
            partner = self._account(f"Base {base}", base)
            self.assertAlmostEqual(partner.key_account_commission_base, base, places=2)
            self.assertEqual(self._rate(partner, date(2026, 6, 1)), rate, base)

    def test_new_accounts_earn_3_percent_for_exactly_three_months(self):
        partner = self._account("New Co.", 500000, start="2026-02-20")
        rates = [self._rate(partner, date(2026, m, 1)) for m in (2, 3, 4, 5)]
        self.assertEqual(rates[:3], [3.0, 3.0, 3.0])
        self.assertNotEqual(rates[3], 3.0)

    def test_national_accounts_earn_2_percent(self):
        partner = self._account("National Co.", 500000, key_account_tier="national")
        self.assertEqual(self._rate(partner, date(2026, 6, 1)), 2.0)

    def test_the_rate_does_not_float_with_later_revenue(self):
        partner = self._account("Steady Co.", 150000)
        self.assertEqual(partner.key_account_commission_base_date, date(2026, 6, 10))
        self.env["key.account.revenue"].sudo().create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": self.branch.id,
                    "month": m,
                    "net": 900000,
                    "invoiced": 900000,
                }
                for m in ("2026-03-01", "2026-04-01", "2026-05-01")
            ]
        )
        partner._key_account_update_metrics()
        partner._key_account_fix_commission_base()
        self.assertEqual(partner.key_account_commission_base, 150000.0)
        self.assertEqual(self._rate(partner, date(2026, 6, 1)), 2.0)
        self.assertEqual(partner.key_account_commission_rate, 2.0)

    def test_managers_rebase_and_the_chatter_keeps_it(self):
        partner = self._account("Rebased Co.", 150000)
        with self.assertRaises(AccessError):
            partner.with_user(
                self.account_manager
            ).action_key_account_rebase_commission()
        self.env["key.account.revenue"].sudo().search(
            [("partner_id", "=", partner.id)]
        ).write({"net": 250000})
        tracked_context = {"tracking_disable": False, "mail_notrack": False}
        partner.with_user(self.cs_manager).with_context(
            **tracked_context
        ).action_key_account_rebase_commission()
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written at commit
        self.assertEqual(partner.key_account_commission_base, 250000.0)
        tracked = partner.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "key_account_commission_base"
        )
        self.assertTrue(tracked)

    def test_a_grade_row_overrides_the_general_rate(self):
        senior = self.env.ref("key_account_service.key_account_manager_grade_senior_a")
        self.account_manager.key_account_grade_id = senior
        partner = self._account("Senior Co.", 500000)
        top = self.env["key.account.band"].search(
            [
                ("company_id", "=", self.hq.id),
                ("band_set", "=", "commission"),
                ("amount_min", "=", 400000),
            ]
        )
        self.Rate.create(
            {
                "company_id": self.hq.id,
                "kind": "band",
                "band_id": top.id,
                "grade_id": senior.id,
                "rate": 1.7,
            }
        )
        self.assertEqual(self._rate(partner, date(2026, 6, 1)), 1.7)
