import base64
import csv
import io

import xlsxwriter

from odoo import fields, models
from odoo.exceptions import UserError

from ..tools.input_checks import spreadsheet_text

# The columns of _payroll_rows that hold amounts: revenue to commission.
MONEY_FROM, MONEY_TO = 9, 13


class KeyAccountCommissionExport(models.TransientModel):
    """Approved statements to a payroll file; the statements become exported."""

    _name = "key.account.commission.export"
    _description = "Export Commission Statements to Payroll"

    statement_ids = fields.Many2many(
        "key.account.commission.statement",
        "key_account_commission_export_statement_rel",
        "export_id",
        "statement_id",
        string="Statements",
        required=True,
    )
    file_format = fields.Selection(
        [("xlsx", "Excel (XLSX)"), ("csv", "CSV")], default="xlsx", required=True
    )
    file_data = fields.Binary(string="File", readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    # What the file is called and how its sheet is laid out: another payroll
    # export (the claims' penalties) inherits this wizard and sets its own.
    _payroll_file_prefix = "commissions"
    _payroll_money_columns = (MONEY_FROM, MONEY_TO)

    def _payroll_sheet_name(self):
        return self.env._("Commissions")

    def _payroll_refuse_unapproved(self):
        raise UserError(self.env._("Only approved statements go to payroll."))

    def _payroll_person_header(self, company_label):
        """The first columns of every payroll file: the statement and whom it
        pays (the penalty and piece-rate exports share them)."""
        return [
            self.env._("Statement"),
            self.env._("Month"),
            company_label,
            self.env._("Employee"),
            self.env._("Staff Number"),
            self.env._("Login"),
        ]

    def _payroll_person_cells(self, statement, user):
        return [
            statement.name,
            statement.month.strftime("%Y-%m"),
            statement.company_id.name,
            user.name,
            user.key_account_staff_number or "",
            user.login,
        ]

    def _payroll_header(self):
        return [
            *self._payroll_person_header(self.env._("Company")),
            self.env._("Bank"),
            self.env._("Bank Account"),
            self.env._("Accounts"),
            self.env._("Net Revenue"),
            self.env._("Collected"),
            self.env._("Excluded"),
            self.env._("Commission"),
            self.env._("Currency"),
        ]

    def _payroll_rows(self):
        rows = []
        for statement in self.statement_ids.sorted(
            lambda s: (s.company_id.name, s.user_id.name)
        ):
            # Payroll pays into the employee's own account, kept on the user's
            # partner; finance exports it without managing contacts.
            bank = statement.user_id.sudo().partner_id.bank_ids[:1]
            rows.append(
                [
                    *self._payroll_person_cells(statement, statement.user_id),
                    bank.bank_id.name or "",
                    bank.acc_number or "",
                    statement.account_count,
                    statement.revenue,
                    statement.collected,
                    statement.excluded,
                    statement.commission,
                    statement.currency_id.name,
                ]
            )
        return rows

    def _csv(self, header, rows):
        """Text cells a spreadsheet would run as a formula start with ``'`` (M4)."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([spreadsheet_text(cell) for cell in header])
        writer.writerows([spreadsheet_text(cell) for cell in row] for row in rows)
        return out.getvalue().encode("utf-8-sig")  # Excel opens Chinese names right

    def _xlsx(self, header, rows):
        """Text goes in as strings, never as formulas (M4)."""
        money_from, money_to = self._payroll_money_columns
        out = io.BytesIO()
        book = xlsxwriter.Workbook(
            out, {"in_memory": True, "strings_to_formulas": False}
        )
        sheet = book.add_worksheet(self._payroll_sheet_name())
        bold = book.add_format({"bold": True})
        amount = book.add_format({"num_format": "#,##0.00"})

        def write_row(row, column, values, cell_format=None):
            for offset, value in enumerate(values):
                if isinstance(value, str):
                    sheet.write_string(row, column + offset, value, cell_format)
                else:
                    sheet.write(row, column + offset, value, cell_format)

        write_row(0, 0, header, bold)
        for index, row in enumerate(rows, start=1):
            write_row(index, 0, row[:money_from])
            write_row(index, money_from, row[money_from:money_to], amount)
            write_row(index, money_to, row[money_to:])
        sheet.set_column(0, min(7, money_from - 1), 18)
        sheet.set_column(money_from, money_to - 1, 14)
        book.close()
        return out.getvalue()

    def action_export(self):
        self.ensure_one()
        statements = self.statement_ids
        if statements.filtered(lambda s: s.state != "approved"):
            self._payroll_refuse_unapproved()
        header, rows = self._payroll_header(), self._payroll_rows()
        content = (self._csv if self.file_format == "csv" else self._xlsx)(header, rows)
        statements._workflow_move(
            "exported",
            {"exported_by_id": self.env.uid, "exported_date": fields.Datetime.now()},
        )
        months = self._file_months(statements)
        self.write(
            {
                "file_data": base64.b64encode(content),
                "file_name": f"{self._payroll_file_prefix}_{months}.{self.file_format}",
            }
        )
        # As Odoo's invoice sending does: the file downloads and the wizard
        # closes, so the list behind reloads and shows the statements exported.
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/file_data/"
            f"{self.file_name}?download=true",
            "close": True,
        }

    @staticmethod
    def _file_months(statements):
        """``2026-11``, or ``2026-10_2026-11`` for a file of several months."""
        months = sorted(set(statements.mapped("month")))
        first, last = months[0].strftime("%Y-%m"), months[-1].strftime("%Y-%m")
        return first if first == last else f"{first}_{last}"
