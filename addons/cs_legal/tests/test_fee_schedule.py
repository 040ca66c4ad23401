from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install", "cs_legal")
class TestFeeSchedule(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manual = cls.env.ref("cs_legal.legal_fee_schedule_manual")
        cls.national = cls.env.ref("cs_legal.legal_fee_schedule_national_2007")
        cls.legal_user = new_test_user(
            cls.env, login="legal_user", groups="cs_legal.cs_legal_group_user"
        )
        cls.legal_manager = new_test_user(
            cls.env, login="legal_manager", groups="cs_legal.cs_legal_group_manager"
        )

    def test_manual_schedule_figures(self):
        # Handbook: 1,000 or less pays 50; then x*4%+10, x*3%+510, x*2%+1510 ...
        self.assertEqual(self.manual.compute_fee(800), 50.0)
        self.assertEqual(self.manual.compute_fee(20000), 810.0)
        self.assertEqual(self.manual.compute_fee(100000), 3510.0)
        self.assertEqual(self.manual.compute_fee(2000000), 20010.0)

    def test_national_schedule_figures(self):
        self.assertEqual(self.national.compute_fee(10000), 50.0)
        self.assertEqual(self.national.compute_fee(100000), 2300.0)
        self.assertEqual(self.national.compute_fee(1000000), 13800.0)
        self.assertEqual(self.national.compute_fee(30000000), 191800.0)

    def test_sample_calculator_follows_edits(self):
        self.national.sample_amount = 100000
        self.assertEqual(self.national.sample_fee, 2300.0)
        second = self.national.bracket_ids.filtered(lambda b: b.amount_from == 10000)
        second.rate = 3.0
        self.assertEqual(self.national.sample_fee, 2750.0)

    def test_schedule_must_start_at_zero(self):
        with self.assertRaisesRegex(ValidationError, "first bracket must start at 0"):
            self.env["legal.fee.schedule"].create(
                {
                    "name": "Broken",
                    "bracket_ids": [
                        Command.create({"amount_from": 1000, "fixed_fee": 50}),
                    ],
                }
            )
        first = self.manual.bracket_ids.filtered(lambda b: b.amount_from == 0)
        with self.assertRaisesRegex(ValidationError, "first bracket must start at 0"):
            first.amount_from = 10

    def test_two_brackets_cannot_start_together(self):
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self.manual.write(
                {"bracket_ids": [Command.create({"amount_from": 1000, "rate": 1})]}
            )

    def test_legal_user_reads_manager_edits(self):
        schedule = self.manual.with_user(self.legal_user)
        self.assertEqual(schedule.compute_fee(100000), 3510.0)
        with self.assertRaises(AccessError):
            schedule.write({"name": "Changed by a user"})
        self.manual.with_user(self.legal_manager).write({"name": "Handbook 2004"})
        self.assertEqual(self.manual.name, "Handbook 2004")
