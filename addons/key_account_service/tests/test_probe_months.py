"""Probe M6: a statement's month is the first of the month."""

from datetime import date

from odoo.tests import tagged
from odoo.tools import mute_logger

from .probe_common import ProbeStatementCommon


@tagged("post_install", "-at_install", "key_account_service", "probe")
class TestProbeStatementMonth(ProbeStatementCommon):
    def test_m6_statement_month_is_the_first_of_the_month(self):
        """M6 (row 529): a mid-month date cannot make a second statement."""
        statement = self._statement("2026-11-15")
        self.assertEqual(statement.month, date(2026, 11, 1))
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(Exception),  # noqa: B017 - the unique index
            self.cr.savepoint(),
        ):
            self._statement("2026-11-20")
        statement.sudo().write({"month": "2026-12-31"})
        self.assertEqual(statement.month, date(2026, 12, 1))
