"""Probe L4: statement references come from the sequence alone."""

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

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
