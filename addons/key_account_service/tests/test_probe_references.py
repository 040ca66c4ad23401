"""Probe L4: statement references come from the sequence alone."""

from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.base.models import ir_sequence

from .probe_common import ProbeStatementCommon


@tagged("post_install", "-at_install", "key_account_service", "probe")
class TestProbeStatementReference(ProbeStatementCommon):
    def test_l4_statement_reference_comes_from_the_sequence(self):
        """L4 (rows 494-495): a reference cannot be chosen, copied or renamed."""
        first = self._statement()
        second = self._statement(user=self.cs_manager, name=first.name)
        self.assertNotEqual(second.name, first.name)
        with self.assertRaises(UserError):
            second.with_user(self.cs_manager).write({"name": "COM/2026/99999"})
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(Exception),  # noqa: B017 - the unique index
            self.cr.savepoint(),
        ):
            second.sudo().write({"name": first.name})

    def test_a_batch_is_numbered_in_order_in_one_query(self):
        """Records created together take consecutive numbers of their sequence,
        drawn in one query rather than a nextval each; a sequence by date range
        still numbers them one by one, as Odoo does."""
        Statement = self.env["key.account.commission.statement"].with_user(
            self.cs_manager
        )
        users = self.account_manager | self.cs_manager

        def vals(*months):
            return [
                {"month": month, "user_id": user.id, "company_id": self.branch.id}
                for month in months
                for user in users
            ]

        one_by_one = patch.object(
            ir_sequence, "_select_nextval", wraps=ir_sequence._select_nextval
        )
        with one_by_one as nextval:
            statements = Statement.create(vals("2026-09-01", "2026-10-01"))
        self.assertEqual(nextval.call_count, 0)
        numbers = [int(name.rsplit("/", 1)[1]) for name in statements.mapped("name")]
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 4)))
        sequence = self.env["ir.sequence"].search(
            [("code", "=", "key.account.commission.statement")], limit=1
        )
        sequence.sudo().use_date_range = True
        with one_by_one as nextval:
            dated = Statement.create(vals("2026-08-01"))
        self.assertEqual(nextval.call_count, 2)
        self.assertEqual(len(set(dated.mapped("name"))), 2)
