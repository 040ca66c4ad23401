from odoo import Command
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT


def make_legal_fixture(cls):
    """Companies, a China-time calendar and legal users; no demo data."""
    cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
    cls.calendar = cls.env["resource.calendar"].create(
        {"name": "Branch hours", "tz": "Asia/Shanghai"}
    )
    Company = cls.env["res.company"]
    cls.hq = Company.create(
        {"name": "Legal HQ", "resource_calendar_id": cls.calendar.id}
    )
    cls.branch = Company.create(
        {
            "name": "Legal Branch Suzhou",
            "parent_id": cls.hq.id,
            "resource_calendar_id": cls.calendar.id,
        }
    )
    cls.other = Company.create({"name": "Other Legal Group"})
    both = cls.hq | cls.branch

    def user(login, group, company, companies=both, extra=""):
        return new_test_user(
            cls.env,
            login=login,
            groups=f"cs_legal.cs_legal_group_{group},base.group_allow_export{extra}",
            company_id=company.id,
            company_ids=[Command.set(companies.ids)],
        )

    cls.legal_user = user("legal_user", "user", cls.branch, cls.branch)
    cls.legal_manager = user("legal_manager", "manager", cls.branch, cls.branch)
    cls.hq_legal = user("hq_legal", "hq", cls.hq)
    cls.outsider = user("legal_outsider", "hq", cls.other, cls.other)
    # signs off entering proceedings; no legal role
    cls.general_manager = new_test_user(
        cls.env,
        login="legal_general_manager",
        groups="courier_claims.courier_claims_group_general_manager",
        company_id=cls.branch.id,
        company_ids=[Command.set(both.ids)],
    )
    cls.customer = cls.env["res.partner"].create(
        {"name": "Suzhou Electronics", "is_company": True}
    )


class LegalCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        make_legal_fixture(cls)

    def _sign_court(self, case):
        """The general manager's sign-off to enter proceedings, as requested."""
        case.action_request_court_signoff()
        case.with_user(self.general_manager).action_sign_court()
