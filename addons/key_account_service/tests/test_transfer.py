from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .commission_common import CommissionCommon


@tagged("post_install", "-at_install", "key_account_service")
class TestTransfer(CommissionCommon):
    """CM-3, 000 §4.1(2)5: "支持人员转岗的,自转岗文件正式下达之日起不再享受支持人员
    的工资及提成等各项待遇" — a manager transferred away earns nothing from the
    day the transfer document is issued, that day included.

    Read here as: from the transfer date the successor holds the accounts (the
    roster splits there), and every collection received on or after that date
    is credited to the successor, also for invoices of the manager's time;
    collections received before it stay the manager's. A plain reassignment
    without a transfer keeps crediting the holder on the invoice date
    (test_commission_statement). The handover (000 §4.1(2)5(3)) is a
    checklist: the customer files returned to customer service, and a joint
    visit of each account with the successor.
    """

    def _transfer(self, day="2026-03-15", **vals):
        return (
            self.env["key.account.transfer"]
            .with_user(self.cs_manager)
            .create(
                {
                    "user_id": self.account_manager.id,
                    "successor_id": self.colleague.id,
                    "date": day,
                    "joint_visit_date": "2026-03-20",
                    **vals,
                }
            )
        )

    def _roster(self, partner):
        return self.env["key.account.roster"].search(
            [("partner_id", "=", partner.id)], order="date_from"
        )

    def test_collections_from_the_transfer_date_go_to_the_successor(self):
        february = self._invoice("2026-02-10", 5000)
        self._generate("2026-02-01")  # February's roster: the manager's
        march = self._invoice("2026-03-05", 10000)
        self._pay(march, 4000, "2026-03-14")  # the day before: the manager's
        with freeze_time("2026-03-16"):
            self._transfer().action_transfer()
        self._pay(march, 6000, "2026-03-15")  # the transfer date: the successor's
        later = self._invoice("2026-03-20", 20000)
        self._pay(later, 20000, "2026-03-25")
        self._generate("2026-03-01")
        self.assertRecordValues(
            self._line(self._statement("2026-03-01")),
            [{"revenue": 10000.0, "collected": 4000.0, "commission": 80.0}],
        )
        self.assertRecordValues(
            self._line(self._statement("2026-03-01", self.colleague)),
            [{"revenue": 20000.0, "collected": 26000.0, "commission": 520.0}],
        )
        # Collections Matching shows February's invoice, still due, as the
        # successor's: a collection today would be his
        Collection = self.env["key.account.commission.collection"]
        due = Collection.search(
            [("invoice_id", "=", february.id), ("kind", "=", "uncollected")]
        )
        self.assertEqual(due.user_id, self.colleague)
        # an invoice of February collected in April: the successor's too
        self._pay(february, 5000, "2026-04-05")
        self._generate("2026-04-01")
        self.assertFalse(self._line(self._statement("2026-04-01")))
        self.assertRecordValues(
            self._line(self._statement("2026-04-01", self.colleague)),
            [{"collected": 5000.0, "commission": 100.0}],
        )

    def test_the_transfer_splits_the_roster_at_its_date(self):
        with freeze_time("2026-03-16"):
            self._transfer(day="2026-03-10").action_transfer()
        self.assertEqual(self.customer.key_account_manager_id, self.colleague)
        self.assertRecordValues(
            self._roster(self.customer),
            [
                {
                    "user_id": self.account_manager.id,
                    "date_from": date(2026, 3, 1),
                    "date_to": date(2026, 3, 9),
                },
                {
                    "user_id": self.colleague.id,
                    "date_from": date(2026, 3, 10),
                    "date_to": date(2026, 3, 31),
                },
            ],
        )

    def test_the_handover_checklist(self):
        transfer = self._transfer()
        self.assertEqual(transfer.partner_ids, self.customer)
        with self.assertRaises(AccessError), freeze_time("2026-03-16"):
            transfer.with_user(self.account_manager).action_transfer()
        with freeze_time("2026-03-16"):
            transfer.action_transfer()
        self.assertEqual(transfer.state, "transferred")
        visit = transfer.visit_ids
        self.assertRecordValues(
            visit,
            [
                {
                    "partner_id": self.customer.id,
                    "user_id": self.colleague.id,
                    "source": "transfer",
                    "date_planned": date(2026, 3, 20),
                    "state": "planned",
                }
            ],
        )
        self.assertEqual(visit.planning_activity_id.user_id, self.colleague)
        # the transferred manager is asked for the files, by their own activity
        self.assertEqual(transfer.activity_ids.user_id, self.account_manager)
        self.assertEqual(
            transfer.activity_ids.activity_type_id,
            self.env.ref("key_account_service.mail_act_key_account_transfer_files"),
        )
        other = transfer.activity_schedule(
            "key_account_service.mail_act_approval", user_id=self.colleague.id
        )
        with self.assertRaisesRegex(UserError, "files are returned"):
            transfer.action_close()
        transfer.action_files_returned()
        self.assertTrue(transfer.files_returned)
        self.assertEqual(transfer.activity_ids, other, "only the files' activity")
        with self.assertRaisesRegex(UserError, "every joint visit"):
            transfer.action_close()
        visit.with_user(self.colleague).action_done()
        self.assertTrue(transfer.joint_visits_done)
        transfer.action_close()
        self.assertEqual(transfer.state, "done")
        with self.assertRaisesRegex(UserError, "kept on record"):
            transfer.unlink()

    def test_a_transfer_is_recorded_in_its_month_to_a_successor(self):
        with self.assertRaises(ValidationError):
            self._transfer(successor_id=self.account_manager.id)
        with freeze_time("2026-03-16"), self.assertRaisesRegex(UserError, "month"):
            self._transfer(day="2026-02-28").action_transfer()
        with freeze_time("2026-03-16"), self.assertRaisesRegex(UserError, "month"):
            self._transfer(day="2026-03-17").action_transfer()
        self.assertEqual(self.customer.key_account_manager_id, self.account_manager)

    def test_the_managers_concerned_read_the_transfer(self):
        transfer = self._transfer()
        other = self._role_user("com_transfer_other", "user")
        Transfer = self.env["key.account.transfer"]
        for user in (self.account_manager, self.colleague, self.finance):
            self.assertEqual(Transfer.with_user(user).search([]), transfer)
        self.assertFalse(Transfer.with_user(other).search([]))
        with self.assertRaises(AccessError):
            transfer.with_user(self.colleague).write({"date": "2026-03-01"})

    def test_a_carried_out_transfer_is_fixed(self):
        """The commission SQL reads the transfer's parties, date and state:
        once carried out, no client call rewrites them (only the buttons move
        it on)."""
        with freeze_time("2026-03-16"):
            transfer = self._transfer()
            transfer.action_transfer()
            other = self._account("Suzhou Tea Co.", 80000)
            as_manager = transfer.with_user(self.cs_manager)
            for vals in (
                {"state": "done"},
                {"state": "draft"},
                {"files_returned": True},
            ):
                with self.subTest(vals=vals), self.assertRaises(AccessError):
                    as_manager.write(vals)
            # backdated past the "this month only" check, another successor,
            # one more account: the transfer stays as it was carried out
            for vals in (
                {"date": "2026-01-05"},
                {"successor_id": self.cs_manager.id},
                {"user_id": self.finance.id},
                {"partner_ids": [Command.link(other.id)]},
                {"company_id": self.env.company.id},
            ):
                with self.subTest(vals=vals), self.assertRaises(UserError):
                    as_manager.write(vals)
        self.assertRecordValues(
            transfer,
            [
                {
                    "state": "transferred",
                    "date": date(2026, 3, 15),
                    "user_id": self.account_manager.id,
                    "successor_id": self.colleague.id,
                    "partner_ids": self.customer.ids,
                    "files_returned": False,
                }
            ],
        )
        self.assertEqual(other.key_account_manager_id, self.account_manager)
        # handed over, nothing changes either
        transfer.action_files_returned()
        transfer.visit_ids.with_user(self.colleague).action_done()
        transfer.action_close()
        with self.assertRaises(UserError):
            transfer.with_user(self.cs_manager).write({"date": "2026-03-01"})
        with self.assertRaises(AccessError):
            transfer.with_user(self.cs_manager).write({"state": "transferred"})
        self.assertEqual(transfer.state, "done")

    def test_a_draft_transfer_moves_only_through_its_button(self):
        # recorded in the form, which sends the draft state with the parties
        with Form(self.env["key.account.transfer"].with_user(self.cs_manager)) as form:
            form.user_id = self.account_manager
            form.successor_id = self.colleague
            form.date = "2026-03-15"
        transfer = form.record
        self.assertEqual(transfer.partner_ids, self.customer)
        other = self._account("Suzhou Tea Co.", 80000)
        # a draft is edited freely...
        transfer.with_user(self.cs_manager).write(
            {
                "date": "2026-03-10",
                "successor_id": self.finance.id,
                "partner_ids": [Command.link(other.id)],
            }
        )
        self.assertRecordValues(
            transfer,
            [
                {
                    "date": date(2026, 3, 10),
                    "successor_id": self.finance.id,
                    "partner_ids": (self.customer | other).ids,
                }
            ],
        )
        # ...but carried out only by the button: no roster move skipped
        with self.assertRaises(AccessError):
            transfer.with_user(self.cs_manager).write({"state": "transferred"})
        with self.assertRaises(AccessError):
            self._transfer(state="transferred")
        self.assertEqual(transfer.state, "draft")
        self.assertEqual(self.customer.key_account_manager_id, self.account_manager)

    def test_a_forged_move_date_does_not_move_the_roster(self):
        """Only a transfer moves the accounts from its date: a reassignment
        with a move date in its context splits the roster today."""
        self.cs_manager.groups_id += self.env.ref("base.group_partner_manager")
        with freeze_time("2026-03-16"):
            self.customer.with_user(self.cs_manager).with_context(
                key_account_move_date="2025-01-01"
            ).write({"key_account_manager_id": self.colleague.id})
        self.assertRecordValues(
            self._roster(self.customer),
            [
                {
                    "user_id": self.account_manager.id,
                    "date_from": date(2026, 3, 1),
                    "date_to": date(2026, 3, 15),
                },
                {
                    "user_id": self.colleague.id,
                    "date_from": date(2026, 3, 16),
                    "date_to": date(2026, 3, 31),
                },
            ],
        )
