from odoo import Command
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT


class ClaimsCommon(TransactionCase):
    """An HQ with the handbook's rules, two branches and one user per level."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        Company = cls.env["res.company"]
        cls.hq = Company.create({"name": "Claims Test HQ"})
        cls.branch = Company.create({"name": "Suzhou Branch", "parent_id": cls.hq.id})
        cls.other_branch = Company.create(
            {"name": "Wuxi Branch", "parent_id": cls.hq.id}
        )
        cls._copy_shipped("courier.severity.rule", "courier.authority.rule")
        cls.handler = cls._user("claims_t_handler", "user")
        cls.cs_manager = cls._user("claims_t_cs", "manager")
        cls.branch_manager = cls._user("claims_t_bm", "branch_manager")
        cls.general_manager = cls._user("claims_t_gm", "general_manager")
        cls.hq_user = cls._user("claims_t_hq", "hq")
        cls.customer = cls.env["res.partner"].create(
            {"name": "Suzhou Textile Co.", "is_company": True}
        )

    @classmethod
    def _copy_shipped(cls, *models):
        """Give the test HQ the rules shipped for the main company."""
        main = cls.env.ref("base.main_company")
        for model in models:
            for rule in cls.env[model].sudo().search([("company_id", "=", main.id)]):
                rule.copy({"company_id": cls.hq.id})

    @classmethod
    def _user(cls, login, role, company=None):
        """A user of the role working in ``company`` (only) or HQ and branch."""
        return new_test_user(
            cls.env,
            login=login,
            groups=f"courier_claims.courier_claims_group_{role}",
            company_id=(company or cls.branch).id,
            company_ids=[Command.set((company or cls.hq | cls.branch).ids)],
        )

    def _incident(self, kind="damage", amount=1000.0, **vals):
        return (
            self.env["courier.incident"]
            .with_user(self.handler)
            .create(
                {
                    "partner_id": self.customer.id,
                    "company_id": self.branch.id,
                    "waybill": "SF1234567890",
                    "kind": kind,
                    "claimed_amount": amount,
                    **vals,
                }
            )
        )

    def _to_approval(self, incident):
        for state in ("investigating", "negotiating", "awaiting_approval"):
            incident.with_user(self.handler)._move_to(state, f"on to {state}")
        return incident
