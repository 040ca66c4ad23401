"""Probe M6: a statement's month is the first of the month."""

from datetime import date

from odoo.exceptions import AccessError, ValidationError
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
        # Once created, a statement's month is fixed (guarded workflow).
        with self.assertRaises(AccessError):
            statement.sudo().write({"month": "2026-12-31"})
        self.assertEqual(statement.month, date(2026, 11, 1))

    def test_l3_statement_month_out_of_range_is_refused(self):
        """L3: a statement for year 1 or for a month years ahead is refused."""
        for month in ("0001-01-01", "1999-12-01", "2999-01-01"):
            with (
                self.subTest(month=month),
                self.assertRaises(ValidationError),
                self.cr.savepoint(),
            ):
                self._statement(month)
