from datetime import date

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

from .common import copy_manual_policy


class KeyAccountInvoicingCommon(AccountTestInvoicingCommon):
    """Real invoices and payments, posted by a customer-service manager."""

    @classmethod
    def get_default_groups(cls):
        return super().get_default_groups() | cls.env.ref(
            "key_account_service.key_account_service_group_manager"
        )

    def _invoice(self, day, amount, partner=None, refund=False, tax=None, post=True):
        move = self.env["account.move"].create(
            {
                "move_type": "out_refund" if refund else "out_invoice",
                "partner_id": (partner or self.customer).id,
                "invoice_date": day,
                "date": day,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Express parcels",
                            "price_unit": amount,
                            "tax_ids": [Command.set(tax.ids if tax else [])],
                        }
                    )
                ],
            }
        )
        if post:
            move.action_post()
        return move

    def _pay(self, move, amount, day):
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=move.ids
        ).create({"amount": amount, "payment_date": day})._create_payments()


class CommissionCommon(KeyAccountInvoicingCommon):
    """Key accounts of the test company with their managers and rates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.company = cls.company_data["company"]
        copy_manual_policy(cls.env, cls.company)
        cls.account_manager = cls._role_user("com_manager_a", "user")
        cls.colleague = cls._role_user("com_manager_b", "user")
        cls.cs_manager = cls._role_user("com_cs_manager", "manager")
        cls.finance = cls._role_user("com_finance", "finance")
        cls.customer = cls._account("Hangzhou Silk Co.", 150000)  # band rate 2%
        cls.Statement = cls.env["key.account.commission.statement"]

    @classmethod
    def _role_user(cls, login, role, company=None):
        company = company or cls.company
        return new_test_user(
            cls.env,
            login=login,
            groups=f"key_account_service.key_account_service_group_{role}",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )

    @classmethod
    def _account(cls, name, base, start="2025-01-01", manager=None, **vals):
        """A key account whose commission base is already fixed at ``base``."""
        partner = cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "is_key_account": True,
                "key_account_company_id": cls.company.id,
                "key_account_manager_id": (manager or cls.account_manager).id,
                "key_account_start_date": start,
                **vals,
            }
        )
        partner.sudo().write(
            {
                "key_account_commission_base": base,
                "key_account_commission_base_date": start,
            }
        )
        return partner

    def _generate(self, month, user=None):
        return (
            self.env["key.account.commission.generator"]
            .sudo()
            ._generate(date.fromisoformat(month), self.company, user)
        )

    def _statement(self, month, user=None):
        return self.Statement.search(
            [
                ("month", "=", month),
                ("user_id", "=", (user or self.account_manager).id),
                ("company_id", "=", self.company.id),
            ]
        )

    def _line(self, statement, partner=None):
        return statement.line_ids.filtered(
            lambda line: (
                line.partner_id == (partner or self.customer) and line.kind == "account"
            )
        )


class MarchStatementCommon(CommissionCommon):
    """March's statement of one collected invoice, ready to move."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        invoice = cls._invoice(cls, "2026-03-05", 10000)
        cls._pay(cls, invoice, 10000, "2026-03-20")
        cls.march = cls._generate(cls, "2026-03-01")
        cls.march.ensure_one()

    def _approved(self):
        self.march.with_user(self.account_manager).action_confirm()
        self.march.with_user(self.cs_manager).action_approve()
        return self.march
