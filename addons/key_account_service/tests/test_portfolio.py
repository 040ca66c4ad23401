from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import KeyAccountServiceCommon

LAST_YEAR = [date(2025, m, 1) for m in range(6, 13)] + [
    date(2026, m, 1) for m in range(1, 6)
]


@tagged("post_install", "-at_install", "key_account_service")
class TestHqFiling(KeyAccountServiceCommon):
    """KA-4 (002 art.6): accounts of 1,000,000 a year and more, expected at
    handover or actual over the last twelve complete months, are filed with HQ."""

    freeze_time = "2026-06-10"

    def _yearly(self, name, yearly, **vals):
        """A key account whose last twelve months add up to ``yearly``: eleven
        months of 80,000 and May 2026 for the rest. The month before them (May
        2025) does not count."""
        partner = self._key_account(name, 80000, months=LAST_YEAR[:-1], **vals)
        self.env["key.account.revenue"].sudo().create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": self.branch.id,
                    "month": month,
                    "invoiced": net,
                    "net": net,
                }
                for month, net in (
                    ("2026-05-01", yearly - 880000),
                    ("2025-05-01", 500000),
                )
            ]
        )
        partner._key_account_update_metrics()
        return partner

    def test_a_million_over_the_last_twelve_months_is_to_file(self):
        at = self._yearly("Million Co.", 1000000.00)
        below = self._yearly("Just Below Co.", 999999.96)
        self.assertEqual(at.key_account_yearly_revenue, 1000000.00)
        self.assertTrue(at.key_account_hq_filing_required)
        self.assertAlmostEqual(below.key_account_yearly_revenue, 999999.96, 2)
        self.assertFalse(below.key_account_hq_filing_required)
        # one cent makes the difference
        may = below.key_account_revenue_ids.filtered(
            lambda row: row.month == date(2026, 5, 1)
        )
        may.sudo().net += 0.03
        below._key_account_update_metrics()
        self.assertAlmostEqual(below.key_account_yearly_revenue, 999999.99, 2)
        self.assertFalse(below.key_account_hq_filing_required)
        self.env["key.account.revenue"].sudo().create(
            {
                "partner_id": below.id,
                "company_id": self.hq.id,  # another branch's revenue counts too
                "month": "2026-04-01",
                "invoiced": 0.01,
                "net": 0.01,
            }
        )
        below._key_account_update_metrics()
        self.assertTrue(below.key_account_hq_filing_required)

    def test_the_filing_amount_is_headquarters_policy(self):
        partner = self._yearly("Policy Co.", 1500000)
        self.assertTrue(partner.key_account_hq_filing_required)
        self.hq.key_account_hq_filing_amount = 1500000.01
        self.assertFalse(partner.key_account_hq_filing_required)
        self.hq.key_account_hq_filing_amount = 1500000
        self.assertTrue(partner.key_account_hq_filing_required)

    def test_a_cs_manager_records_the_filing(self):
        partner = self._yearly("Filed Co.", 1200000)
        small = self._yearly("Small Co.", 240000)
        to_file = self.env.ref(
            "key_account_service.res_partner_action_key_account_hq_filing"
        )
        self.assertIn("search_default_hq_filing_due", to_file.context)
        due = [
            ("key_account_hq_filing_required", "=", True),
            ("key_account_hq_filed_date", "=", False),
        ]
        Partner = self.env["res.partner"].with_user(self.cs_manager)
        self.assertIn(partner, Partner.search(due))
        with self.assertRaises(AccessError):
            partner.with_user(
                self.account_manager
            ).action_key_account_record_hq_filing()
        with self.assertRaisesRegex(UserError, "Small Co. do not reach"):
            small.with_user(self.cs_manager).action_key_account_record_hq_filing()
        partner.with_user(self.cs_manager).action_key_account_record_hq_filing()
        self.assertRecordValues(
            partner,
            [
                {
                    "key_account_hq_filed_date": date(2026, 6, 10),
                    "key_account_hq_filed_by_id": self.cs_manager.id,
                }
            ],
        )
        self.assertNotIn(partner, Partner.search(due))
        # recorded once: a second click keeps the first filing
        with freeze_time("2026-07-01"):
            partner.action_key_account_record_hq_filing()
        self.assertEqual(partner.key_account_hq_filed_date, date(2026, 6, 10))
        self.assertEqual(partner.key_account_hq_filed_by_id, self.cs_manager)


@tagged("post_install", "-at_install", "key_account_service")
class TestPortfolio(KeyAccountServiceCommon):
    """KA-5 (000 §4.1(1)): a manager maintains about 800,000 a month at a branch,
    1,000,000 at HQ. Maintained revenue: the average monthly net revenue of the
    manager's accounts over the three complete months before today
    (January-March 2026 here); over- or under-loaded beyond ±20% of the guide,
    the bounds themselves within."""

    freeze_time = "2026-04-10"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Portfolio = cls.env["key.account.portfolio"]

    def _manager(self, login, *monthly, company=None):
        company = company or self.branch
        user = self._new_user(login, "user", company)
        for n, net in enumerate(monthly):
            self._key_account(
                f"{login} account {n}", net, company=company, manager=user
            )
        return user

    def _row(self, user):
        self.Portfolio.invalidate_model()  # a view: read it again
        return self.Portfolio.search([("user_id", "=", user.id)])

    def test_managers_against_the_guide_at_its_bounds(self):
        top = self._manager("pf_top", 960000.00)
        over = self._manager("pf_over", 960000.01)
        bottom = self._manager("pf_bottom", 640000.00)
        under = self._manager("pf_under", 639999.99)
        two = self._manager("pf_two", 500000, 400000)
        hq = self._manager("pf_hq", 1200000.00, company=self.hq)
        self.assertRecordValues(
            self._row(top) | self._row(over) | self._row(bottom) | self._row(under),
            [
                {"revenue": 960000.00, "guide": 800000, "load": 120.0},
                {"revenue": 960000.01, "guide": 800000, "load": 120.0},
                {"revenue": 640000.00, "guide": 800000, "load": 80.0},
                {"revenue": 639999.99, "guide": 800000, "load": 80.0},
            ],
        )
        statuses = {
            user.login: self._row(user).status
            for user in (top, over, bottom, under, two, hq)
        }
        self.assertEqual(
            statuses,
            {
                "pf_top": "within",
                "pf_over": "over",
                "pf_bottom": "within",
                "pf_under": "under",
                "pf_two": "within",
                "pf_hq": "within",  # 1,000,000 at HQ: +20% is 1,200,000
            },
        )
        self.assertRecordValues(
            self._row(two), [{"account_count": 2, "revenue": 900000.0}]
        )
        self.assertEqual(self._row(hq).guide, 1000000)
        # the filters of the CS manager's list
        loaded = self.Portfolio.with_user(self.cs_manager).search(
            [("status", "=", "over"), ("company_id", "=", self.branch.id)]
        )
        self.assertEqual(loaded.user_id, over)

    def test_the_guide_and_tolerance_are_policy(self):
        user = self._manager("pf_policy", 900000)
        self.assertEqual(self._row(user).status, "within")
        self.hq.key_account_portfolio_tolerance = 10  # over above 880,000
        self.assertEqual(self._row(user).status, "over")
        self.hq.key_account_portfolio_branch = 1000000  # under below 900,000
        self.assertRecordValues(
            self._row(user), [{"guide": 1000000, "status": "within", "load": 90.0}]
        )
        self.hq.key_account_portfolio_branch = 1000000.02
        self.assertEqual(self._row(user).status, "under")

    def test_a_month_without_revenue_counts_as_nothing(self):
        user = self._new_user("pf_gap", "user", self.branch)
        self._key_account(
            "Gap Co.", 900000, months=("2026-02-01", "2026-03-01"), manager=user
        )
        # and a month outside the window does not count
        self._key_account("Old Co.", 900000, months=("2025-12-01",), manager=user)
        self.assertRecordValues(
            self._row(user), [{"account_count": 2, "revenue": 600000.0}]
        )

    def test_a_manager_sees_his_own_portfolio_the_cs_manager_all(self):
        mine = self._manager("pf_mine", 100000)
        other = self._manager("pf_other", 100000)
        both = [("user_id", "in", (mine | other).ids)]
        self.assertEqual(self.Portfolio.with_user(mine).search(both).user_id, mine)
        self.assertEqual(
            self.Portfolio.with_user(self.cs_manager).search(both).user_id,
            mine | other,
        )
        self.assertEqual(
            self.Portfolio.with_user(self.finance).search(both).user_id, mine | other
        )
