"""The legal-recovery flag of an invoice follows the cases that recovered it
(a stored compute), and a change redrafts the draft statements it settles."""

from odoo import Command
from odoo.tests import tagged

from odoo.addons.key_account_service.tests.commission_common import (
    MarchStatementCommon,
)


@tagged("post_install", "-at_install", "cs_legal")
class TestRecoveryFlag(MarchStatementCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls.march.line_ids.match_ids.invoice_id
        cls.invoice.ensure_one()
        cls.case = cls._case(cls)

    def _case(self):
        # as the legal department would (the rules of who recovers what are
        # test_probe_recovery's)
        return (
            self.env["legal.case"]
            .sudo()
            .create(
                {
                    "title": "Unpaid freight",
                    "counterparty_id": self.customer.id,
                    "company_id": self.company.id,
                    "claim_amount": 10000.0,
                }
            )
        )

    def test_a_case_recovering_an_invoice_redrafts_its_draft_statement(self):
        self.assertRecordValues(
            self._line(self.march), [{"collected": 10000.0, "excluded_legal": 0.0}]
        )
        self.case.recovered_invoice_ids = [Command.link(self.invoice.id)]
        self.assertTrue(self.invoice.key_account_legal_recovery)
        self.assertEqual(self.invoice.sudo().legal_case_ids, self.case)
        self.assertRecordValues(
            self._line(self.march),
            [{"collected": 0.0, "excluded_legal": 10000.0, "commission": 0.0}],
        )
        self.case.recovered_invoice_ids = [Command.unlink(self.invoice.id)]
        self.assertFalse(self.invoice.key_account_legal_recovery)
        self.assertRecordValues(
            self._line(self.march), [{"collected": 10000.0, "excluded_legal": 0.0}]
        )

    def test_the_flag_goes_with_the_last_case(self):
        other = self._case()
        (self.case | other).write(
            {"recovered_invoice_ids": [Command.link(self.invoice.id)]}
        )
        other.unlink()
        self.assertTrue(self.invoice.key_account_legal_recovery, "still recovered")
        self.case.unlink()
        self.assertFalse(self.invoice.key_account_legal_recovery)
