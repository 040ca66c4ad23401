from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import KeyAccountServiceCommon


@tagged("post_install", "-at_install", "key_account_service")
class TestOrganisation(KeyAccountServiceCommon):
    def test_branch_joins_region_of_its_headquarters(self):
        self.branch.key_account_region_id = self.region
        self.assertEqual(self.region.branch_ids, self.branch)
        self.assertEqual(self.region.branch_count, 1)

    def test_branch_refused_in_another_groups_region(self):
        foreign = self.env["key.account.region"].create(
            {"name": "Foreign", "company_id": self.other_hq.id}
        )
        with self.assertRaisesRegex(ValidationError, "not this branch's headquarters"):
            self.branch.key_account_region_id = foreign

    def test_branch_only_user_sees_own_region_not_others(self):
        self.branch.key_account_region_id = self.region
        self.env["key.account.region"].create(
            {"name": "Other group region", "company_id": self.other_hq.id}
        )
        branch_only = self._new_user("ka_branch_only", "user", self.branch, self.branch)
        visible = (
            self.env["key.account.region"]
            .with_user(branch_only)
            .search([("company_id", "in", (self.hq | self.other_hq).ids)])
        )
        self.assertEqual(visible, self.region)

    def test_account_manager_reads_but_cannot_edit_regions(self):
        Region = self.env["key.account.region"].with_user(self.account_manager)
        self.assertEqual(
            Region.with_company(self.hq).browse(self.region.id).name, "Test East"
        )
        with self.assertRaises(AccessError):
            Region.with_company(self.hq).create(
                {"name": "Not allowed", "company_id": self.hq.id}
            )
        with self.assertRaises(AccessError):
            self.region.with_user(self.account_manager).with_company(self.hq).write(
                {"name": "Renamed"}
            )

    def test_finance_reads_regions_only(self):
        region = self.region.with_user(self.finance).with_company(self.hq)
        self.assertEqual(region.name, "Test East")
        with self.assertRaises(AccessError):
            region.unlink()

    def test_cs_manager_maintains_regions(self):
        Region = self.env["key.account.region"].with_user(self.cs_manager)
        region = Region.with_company(self.hq).create(
            {"name": "Test West", "manager_id": self.cs_manager.id}
        )
        self.assertEqual(region.company_id, self.hq)
        region.unlink()
        self.assertFalse(region.exists())

    def test_region_name_unique_per_company(self):
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self.env["key.account.region"].create(
                {"name": "Test East", "company_id": self.hq.id}
            )
        other = self.env["key.account.region"].create(
            {"name": "Test East", "company_id": self.other_hq.id}
        )
        self.assertTrue(other)
