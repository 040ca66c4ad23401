from odoo import Command
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
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


class PayoutCommon(AccountTestInvoicingCommon):
    """A company with accounting, the handbook's rules, a CS manager who
    approves and a customer: incidents go all the way to their payout."""

    @classmethod
    def get_default_groups(cls):
        return super().get_default_groups() | cls.env.ref(
            "courier_claims.courier_claims_group_manager"
        )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.company = cls.company_data["company"]
        main = cls.env.ref("base.main_company")
        for model in ("courier.severity.rule", "courier.authority.rule"):
            for rule in cls.env[model].sudo().search([("company_id", "=", main.id)]):
                rule.sudo().copy({"company_id": cls.company.id})
        cls.company.courier_compensation_account_id = cls.company_data[
            "default_account_expense"
        ]
        cls.approver = new_test_user(
            cls.env,
            login="payout_cs",
            groups="courier_claims.courier_claims_group_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.customer = cls.env["res.partner"].create({"name": "Changzhou Tools Co."})
        cls.carrier = cls.env["res.partner"].create({"name": "Line-haul Partner Ltd."})

    def _approved(self, amount=450.0, **vals):
        incident = self.env["courier.incident"].create(
            {
                "partner_id": self.customer.id,
                "company_id": self.company.id,
                "waybill": "YT0001",
                "kind": "damage",
                "claimed_amount": amount,
                **vals,
            }
        )
        for state in ("investigating", "negotiating", "awaiting_approval"):
            incident._move_to(state, state)
        incident.with_user(self.approver).action_approve()
        return incident
