"""Commission statements hold against forged states, approvals and locks.

Each test names the security probe's finding it closes (C1, H3.x, L6)."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..models.key_account_commission_statement import FINANCE
from .commission_common import MarchStatementCommon


@tagged("post_install", "-at_install", "key_account_service")
class TestStatementControls(MarchStatementCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_manager = cls._role_user("com_cs_manager_2", "manager")

    def test_c1_a_manager_cannot_create_her_statement_already_approved(self):
        for forged in (
            {"state": "approved", "approved_by_id": self.other_manager.id},
            {"state": "paid"},
            {"approved_date": "2026-01-01 00:00:00"},
        ):
            with self.subTest(forged=forged), self.assertRaises(AccessError):
                self.Statement.with_user(self.cs_manager).create(
                    {
                        "month": "2026-05-01",
                        "user_id": self.cs_manager.id,
                        "company_id": self.company.id,
                        **forged,
                    }
                )
        # Nor through a default in the context, the way a client sends one.
        statement = (
            self.Statement.with_user(self.cs_manager)
            .with_context(default_state="approved")
            .create(
                {
                    "month": "2026-06-01",
                    "user_id": self.cs_manager.id,
                    "company_id": self.company.id,
                }
            )
        )
        self.assertEqual(statement.state, "draft")

    def test_h3_1_a_line_moved_onto_an_approved_statement_is_refused(self):
        approved = self._approved()
        april = self._generate("2026-04-01")
        line = (
            self.env["key.account.commission.line"]
            .with_user(self.cs_manager)
            .create({"statement_id": april.id, "commission": 8888, "note": "x"})
        )
        with self.assertRaises(UserError):
            line.with_user(self.cs_manager).write({"statement_id": approved.id})
        self.assertEqual(approved.commission, 200.0)

    def test_h3_2_the_approval_record_is_not_rewritten_with_the_same_state(self):
        approved = self._approved()
        for forged in (
            {"state": "approved", "approved_by_id": self.other_manager.id},
            {"state": "approved", "approved_date": "2020-01-01 00:00:00"},
            {"paid_date": "1999-01-01"},
            {"confirmed_by_id": self.colleague.id},
        ):
            for user in (self.account_manager, self.cs_manager):
                with (
                    self.subTest(forged=forged, user=user.login),
                    self.assertRaises(AccessError),
                ):
                    approved.with_user(user).write(forged)
        self.assertEqual(approved.approved_by_id, self.cs_manager)

    def test_h3_3_an_approved_statement_is_not_approved_again(self):
        approved = self._approved()
        with self.assertRaisesRegex(UserError, "already"):
            approved.with_user(self.other_manager).action_approve()
        self.assertEqual(approved.approved_by_id, self.cs_manager)

    def test_h3_4_a_statement_does_not_change_hands_or_month(self):
        self.march.with_user(self.account_manager).action_confirm()
        for forged in (
            {"user_id": self.colleague.id},
            {"month": "2026-04-01"},
            {"company_id": self.company.id},
        ):
            with self.subTest(forged=forged), self.assertRaises(AccessError):
                self.march.with_user(self.cs_manager).write(forged)
        self.assertEqual(self.march.user_id, self.account_manager)

    def test_four_eyes_and_the_chatter_line_of_each_move(self):
        self.march.with_user(self.account_manager).action_confirm()
        with self.assertRaises(AccessError):
            self.march.with_user(self.account_manager).action_approve()
        self.march.with_user(self.cs_manager).action_approve()
        bodies = self.march.message_ids.mapped("body")
        self.assertTrue(any("Confirmed → Approved" in body for body in bodies))

    def test_a_copy_starts_again_in_draft(self):
        approved = self._approved()
        copy = approved.copy({"month": "2026-07-01"})
        self.assertRecordValues(
            copy, [{"state": "draft", "approved_by_id": False, "line_ids": []}]
        )

    def test_the_payroll_export_moves_through_the_workflow(self):
        approved = self._approved()
        wizard = (
            self.env["key.account.commission.export"]
            .with_user(self.finance)
            .create({"statement_ids": [Command.set(approved.ids)]})
        )
        wizard.action_export()
        self.assertRecordValues(
            approved, [{"state": "exported", "exported_by_id": self.finance.id}]
        )
        with self.assertRaises(UserError):
            approved.with_user(self.finance).action_approve()

    def test_an_action_writes_workflow_fields_outside_a_move_only_with_its_right(self):
        """``_workflow_write``: the stamp of an action that moves nothing."""
        approved = self._approved()
        stamp = {"paid_date": "2026-04-30"}
        with self.assertRaises(AccessError):
            approved.with_user(self.account_manager)._workflow_write(stamp, FINANCE)
        with self.assertRaises(AccessError):  # the guard is closed again after it
            approved.with_user(self.finance).write(stamp)
        approved.with_user(self.finance)._workflow_write(
            stamp, FINANCE, message="Paid by transfer."
        )
        self.assertEqual(str(approved.paid_date), "2026-04-30")
        self.assertIn("Paid by transfer.", approved.message_ids[0].body)

    def test_users_without_an_email_address_move_statements_too(self):
        """The probe's L9: the chatter line of a move needs no sender address."""
        self.account_manager.email = False
        self.march.with_user(self.account_manager).action_confirm()
        self.assertEqual(self.march.state, "confirmed")
        self.assertEqual(
            self.march.message_ids[0].author_id, self.account_manager.partner_id
        )

    def test_review_a_statement_total_and_line_kind_are_not_written_by_hand(self):
        self.march.with_user(self.account_manager).action_confirm()
        with self.assertRaises(AccessError):
            self.march.with_user(self.other_manager).write({"commission": 999999})
        april = self._generate("2026-04-01")
        Line = self.env["key.account.commission.line"].with_user(self.cs_manager)
        with self.assertRaises(UserError):
            Line.with_context(default_kind="account").create(
                {"statement_id": april.id, "commission": 1e6, "note": "x"}
            )
        line = Line.create({"statement_id": april.id, "commission": 5, "note": "x"})
        with self.assertRaises(UserError):
            line.write({"kind": "account"})
