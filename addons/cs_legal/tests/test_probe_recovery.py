"""Probe H6: a legal officer cannot cancel commission on any invoice (row 424).

Only a legal manager records the invoices a case recovers, only the
counterparty's posted customer invoices of the case's branch, on open cases.
"""

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import LegalCommon


@tagged("post_install", "-at_install", "cs_legal", "probe")
class TestProbeRecoveredInvoices(LegalCommon):
    """H6: only a legal manager recovers the counterparty's posted invoices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        main = cls.env.company

        def user(login, group):
            return new_test_user(
                cls.env,
                login=login,
                groups=f"cs_legal.cs_legal_group_{group}",
                company_id=main.id,
                company_ids=[Command.set((main | cls.branch).ids)],
            )

        cls.officer = user("probe_h6_officer", "user")
        cls.manager = user("probe_h6_manager", "manager")
        cls.stranger = cls.env["res.partner"].create(
            {"name": "Unrelated Customer", "is_company": True}
        )
        cls.own, cls.draft, cls.foreign = cls.env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_line_ids": [
                        Command.create({"name": "Freight", "price_unit": 800.0})
                    ],
                }
                for partner in (cls.customer, cls.customer, cls.stranger)
            ]
        )
        (cls.own | cls.foreign).action_post()

    def _case(self, company=None):
        return (
            self.env["legal.case"]
            .with_user(self.officer)
            .create(
                {
                    "title": "Unpaid freight",
                    "counterparty_id": self.customer.id,
                    "company_id": (company or self.env.company).id,
                    "claim_amount": 5000.0,
                }
            )
        )

    def _recover(self, case, user, invoice):
        case.with_user(user).write(
            {"recovered_invoice_ids": [Command.link(invoice.id)]}
        )

    def test_h6_a_legal_officer_cannot_cancel_commission(self):
        """H6 (row 424): the officer's write is refused, the invoice unflagged."""
        case = self._case()
        with self.assertRaises(AccessError):
            self._recover(case, self.officer, self.own)
        with self.assertRaises(AccessError):
            self.env["legal.case"].with_user(self.officer).create(
                {
                    "title": "Recovery",
                    "counterparty_id": self.customer.id,
                    "claim_amount": 1.0,
                    "recovered_invoice_ids": [Command.set(self.own.ids)],
                }
            )
        self.assertFalse(self.own.key_account_legal_recovery)

    def test_h6_only_the_counterpartys_posted_invoices_of_the_company(self):
        """H6: another customer's, a draft or another company's invoice is refused."""
        case = self._case()
        for invoice in (self.foreign, self.draft):
            with (
                self.subTest(invoice=invoice.partner_id.name, state=invoice.state),
                self.assertRaises(ValidationError),
                self.cr.savepoint(),
            ):
                self._recover(case, self.manager, invoice)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._recover(self._case(self.branch), self.manager, self.own)
        self.assertFalse(self.foreign.key_account_legal_recovery)
        self._recover(case, self.manager, self.own)
        self.assertTrue(self.own.key_account_legal_recovery)

    def test_h6_a_closed_case_recovers_nothing_more(self):
        """H6 (row 424 was on closed case 5): a closed case refuses the field."""
        case = self._case()
        case.action_close()
        with self.assertRaises(UserError):
            self._recover(case, self.manager, self.own)
        self.assertFalse(self.own.key_account_legal_recovery)
