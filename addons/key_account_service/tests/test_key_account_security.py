from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import KeyAccountServiceCommon


@tagged("post_install", "-at_install", "key_account_service")
class TestKeyAccountSecurity(KeyAccountServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.colleague = cls._new_user("ka_colleague", "user", cls.branch)
        cls.regional = cls._new_user("ka_regional", "user", cls.branch)
        cls.region.manager_id = cls.regional
        cls.branch.key_account_region_id = cls.region
        cls.mine = cls._key_account("Mine Co.", 60000)
        cls.theirs = cls._key_account("Theirs Co.", 60000, manager=cls.colleague)
        phone = cls.env.ref("key_account_service.key_account_contact_type_phone")
        cls.visits = cls.env["key.account.visit"].create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": cls.branch.id,
                    "user_id": partner.key_account_manager_id.id,
                    "contact_type_id": phone.id,
                    "date_planned": "2026-05-04",
                }
                for partner in (cls.mine, cls.theirs)
            ]
        )
        cls.other_group_user = cls._new_user(
            "ka_other_group", "manager", cls.other_hq, cls.other_hq
        )
        cls.other_account = cls._key_account(
            "Other Group Co.", 60000, company=cls.other_hq, manager=cls.other_group_user
        )

    def _visible(self, model, user, partners):
        return (
            self.env[model].with_user(user).search([("partner_id", "in", partners.ids)])
        )

    def test_account_manager_sees_own_accounts_only(self):
        both = self.mine | self.theirs
        for model in ("key.account.visit", "key.account.revenue"):
            self.assertEqual(
                self._visible(model, self.account_manager, both).partner_id,
                self.mine,
                model,
            )

    def test_regional_manager_sees_the_region(self):
        both = self.mine | self.theirs
        for model in ("key.account.visit", "key.account.revenue"):
            self.assertEqual(
                self._visible(model, self.regional, both).partner_id, both, model
            )

    def test_cs_manager_sees_all_in_their_companies_not_other_groups(self):
        every = self.mine | self.theirs | self.other_account
        for model in ("key.account.visit", "key.account.revenue"):
            self.assertEqual(
                self._visible(model, self.cs_manager, every).partner_id,
                self.mine | self.theirs,
                model,
            )

    def test_company_split_holds_for_managers_of_another_group(self):
        every = self.mine | self.theirs | self.other_account
        seen = self._visible("key.account.revenue", self.other_group_user, every)
        self.assertEqual(seen.partner_id, self.other_account)
        self.assertFalse(
            self._visible("key.account.visit", self.other_group_user, every)
        )

    def test_finance_reads_revenue_but_not_contacts(self):
        both = self.mine | self.theirs
        self.assertEqual(
            self._visible("key.account.revenue", self.finance, both).partner_id, both
        )
        with self.assertRaises(AccessError):
            self._visible("key.account.visit", self.finance, both)

    def test_account_manager_cannot_delete_contacts_or_edit_revenue(self):
        visit = self.visits.filtered(lambda v: v.partner_id == self.mine)
        visit.with_user(self.account_manager).write({"outcome": "positive"})
        with self.assertRaises(AccessError):
            visit.with_user(self.account_manager).unlink()
        row = self.env["key.account.revenue"].search(
            [("partner_id", "=", self.mine.id)]
        )[:1]
        with self.assertRaises(AccessError):
            row.with_user(self.account_manager).write({"net": 1})
        with self.assertRaises(AccessError):
            row.with_user(self.cs_manager).write({"net": 1})

    def test_only_managers_rebuild_the_revenue_history(self):
        Revenue = self.env["key.account.revenue"]
        with self.assertRaises(AccessError):
            Revenue.with_user(self.account_manager).action_rebuild_all()
        with self.assertRaises(AccessError):
            Revenue.with_user(self.finance).action_rebuild_all()
        action = Revenue.with_user(self.cs_manager).action_rebuild_all()
        self.assertEqual(action["tag"], "display_notification")

    def test_account_manager_cannot_touch_a_colleagues_contact(self):
        theirs = self.visits.filtered(lambda v: v.partner_id == self.theirs)
        with self.assertRaises(AccessError):
            theirs.with_user(self.account_manager).write({"outcome": "negative"})

    def test_branch_users_read_headquarters_bands_and_matrix(self):
        self._copy_manual_bands(self.hq)
        branch_only = self._new_user(
            "ka_branch_reader", "user", self.branch, self.branch
        )
        bands = (
            self.env["key.account.band"]
            .with_user(branch_only)
            .search([("company_id", "=", self.hq.id)])
        )
        self.assertEqual(len(bands), 8)
        rules = (
            self.env["key.account.contact.rule"]
            .with_user(branch_only)
            .search([("company_id", "=", self.hq.id)])
        )
        self.assertEqual(len(rules), 40)
        other = (
            self.env["key.account.band"]
            .with_user(self.other_group_user)
            .search([("company_id", "=", self.hq.id)])
        )
        self.assertFalse(other)
