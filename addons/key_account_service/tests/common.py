from odoo import Command
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT


class KeyAccountServiceCommon(TransactionCase):
    """Own companies and users; never relies on demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        Company = cls.env["res.company"]
        cls.hq = Company.create({"name": "Test HQ", "key_account_branch_level": "hq"})
        cls.branch = Company.create(
            {
                "name": "Test Branch Hangzhou",
                "parent_id": cls.hq.id,
                "key_account_branch_level": "level_1_2",
            }
        )
        cls.other_hq = Company.create({"name": "Other Courier Group"})
        cls.region = cls.env["key.account.region"].create(
            {"name": "Test East", "company_id": cls.hq.id}
        )
        cls.account_manager = cls._new_user("ka_user", "user", cls.branch)
        cls.cs_manager = cls._new_user("ka_manager", "manager", cls.hq)
        cls.finance = cls._new_user("ka_finance", "finance", cls.hq)

    @classmethod
    def _new_user(cls, login, role, company, companies=None):
        """A user of key_account_service_group_<role>, working in ``company``."""
        companies = companies or (cls.hq | cls.branch)
        return new_test_user(
            cls.env,
            login=login,
            groups=f"key_account_service.key_account_service_group_{role}",
            company_id=company.id,
            company_ids=[Command.set(companies.ids)],
        )
