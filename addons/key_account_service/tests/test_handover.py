from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import KeyAccountServiceCommon


@tagged("post_install", "-at_install", "key_account_service")
class TestHandover(KeyAccountServiceCommon):
    freeze_time = "2026-06-10"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._copy_manual_bands(cls.hq)
        cls.sales = cls._new_user("ka_sales", "user", cls.branch)
        cls.approver = cls._new_user("ka_approver", "user", cls.branch)
        cls.customer = cls.env["res.partner"].create(
            {"name": "New Fashion Co.", "is_company": True}
        )

    def _handover(self, monthly=70000, **vals):
        return (
            self.env["key.account.handover"]
            .with_user(self.sales)
            .create(
                {
                    "partner_id": self.customer.id,
                    "company_id": self.branch.id,
                    "approver_id": self.approver.id,
                    "account_manager_id": self.account_manager.id,
                    "monthly_revenue": monthly,
                    "start_date": "2026-06-15",
                    **vals,
                }
            )
        )

    def test_approval_makes_a_key_account_with_its_first_contacts(self):
        handover = self._handover()
        handover.action_submit()
        self.assertEqual(handover.activity_ids.user_id, self.approver)
        handover.with_user(self.approver).action_approve()
        customer = self.customer
        self.assertEqual(handover.state, "approved")
        self.assertTrue(customer.is_key_account)
        self.assertEqual(customer.key_account_manager_id, self.account_manager)
        self.assertEqual(customer.key_account_company_id, self.branch)
        self.assertEqual(customer.key_account_start_date, date(2026, 6, 15))
        # 70,000 expected a month: the 50,000-100,000 cadence band.
        self.assertEqual(customer.key_account_band_id.amount_min, 50000)
        visits = customer.key_account_visit_ids
        self.assertTrue(visits)
        self.assertEqual(visits.user_id, self.account_manager)
        self.assertTrue(all(v.date_planned >= date(2026, 6, 15) for v in visits))
        self.assertEqual({v.date_planned.month for v in visits}, {6, 7})
        self.assertFalse(handover.activity_ids)

    def test_expected_revenue_holds_until_the_account_has_history(self):
        handover = self._handover()
        handover.action_submit()
        handover.with_user(self.approver).action_approve()
        self.customer._key_account_update_metrics()
        self.assertEqual(self.customer.key_account_reference_revenue, 70000.0)
        self.assertTrue(self.customer.key_account_band_id)

    def test_rejection_needs_a_reason(self):
        handover = self._handover()
        handover.action_submit()
        with self.assertRaisesRegex(UserError, "Write why"):
            handover.with_user(self.approver).action_reject()
        handover.decision_note = "Volumes are seasonal; revisit in autumn."
        handover.with_user(self.approver).action_reject()
        self.assertEqual(handover.state, "rejected")
        self.assertFalse(self.customer.is_key_account)
        with self.assertRaises(AccessError):
            handover.unlink()  # as the sales user who created it
        with self.assertRaisesRegex(UserError, "kept on record"):
            handover.with_user(self.cs_manager).with_company(self.branch).unlink()

    def test_only_the_responsible_manager_or_a_cs_manager_decides(self):
        handover = self._handover()
        with self.assertRaisesRegex(UserError, "Only a submitted"):
            handover.with_user(self.approver).action_approve()
        handover.action_submit()
        # A business rule, not an access error: it names who decides.
        with self.assertRaisesRegex(UserError, "It waits for ka_approver") as caught:
            handover.with_user(self.sales).action_approve()
        self.assertNotIsInstance(caught.exception, AccessError)
        self.assertFalse(handover.with_user(self.sales).approval_can_act)
        self.assertTrue(handover.with_user(self.approver).approval_can_act)
        handover.with_user(self.cs_manager).with_company(self.branch).action_approve()
        self.assertEqual(handover.state, "approved")

    def test_accounts_above_a_million_a_year_are_filed_with_hq(self):
        self.assertFalse(self._handover(monthly=83333).hq_filing)
        self.assertTrue(self._handover(monthly=83334).hq_filing)
        self.hq.key_account_hq_filing_amount = 2000000
        self.assertFalse(self._handover(monthly=100000).hq_filing)

    def test_the_filing_amount_itself_is_filed(self):
        """002 art.6 "年营业额100万元以上": the amount itself is filed. With an
        amount of 1,200,000 a year, 100,000 a month (1,200,000.00) is filed,
        99,999.99 a month (1,199,999.88) is not."""
        self.hq.key_account_hq_filing_amount = 1200000
        self.assertTrue(self._handover(monthly=100000).hq_filing)
        self.assertFalse(self._handover(monthly=99999.99).hq_filing)

    def test_an_approved_handover_at_a_million_a_year_is_to_file(self):
        """The expected revenue of the handover, times twelve, flags the
        customer: 83,333.34 a month (1,000,000.08 a year) is to file, 83,333.33
        (999,999.96) is not; a customer-service manager records the filing."""
        small = self.env["res.partner"].create({"name": "Almost a Million Co."})
        for partner, monthly in ((small, 83333.33), (self.customer, 83333.34)):
            handover = self._handover(monthly=monthly, partner_id=partner.id)
            handover.action_submit()
            handover.with_user(self.approver).action_approve()
        self.assertFalse(small.key_account_hq_filing_required)
        self.assertTrue(self.customer.key_account_hq_filing_required)
        Partner = self.env["res.partner"].with_user(self.cs_manager)
        to_file = [
            ("key_account_hq_filing_required", "=", True),
            ("key_account_hq_filed_date", "=", False),
        ]
        self.assertIn(self.customer, Partner.search(to_file))
        self.assertNotIn(small, Partner.search(to_file))

    def test_handovers_are_private_to_those_involved(self):
        handover = self._handover()
        other = self._new_user("ka_other_user", "user", self.branch)
        Handover = self.env["key.account.handover"]
        self.assertEqual(Handover.with_user(self.approver).search([]), handover)
        self.assertFalse(Handover.with_user(other).search([]))
        self.assertEqual(Handover.with_user(self.cs_manager).search([]), handover)
