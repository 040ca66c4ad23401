import base64

from odoo import fields, models
from odoo.exceptions import UserError

# The columns of _payroll_rows that hold amounts: shares to total.
MONEY_FROM, MONEY_TO = 7, 10


class CourierPenaltyExport(models.TransientModel):
    """Approved rewards-and-penalties statements to a payroll file, written
    as the commission payroll file is (same formats, same protections), so
    payroll reads both the same way; the statements become exported."""

    _name = "courier.penalty.export"
    _description = "Export Rewards and Penalties to Payroll"

    statement_ids = fields.Many2many(
        "courier.penalty.statement",
        "courier_penalty_export_statement_rel",
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

    def _payroll_header(self):
        return [
            self.env._("Statement"),
            self.env._("Month"),
            self.env._("Branch"),
            self.env._("Employee"),
            self.env._("Staff Number"),
            self.env._("Login"),
            self.env._("Lines"),
            self.env._("Compensation Shares"),
            self.env._("Fines"),
            self.env._("Total Deduction"),
            self.env._("Currency"),
        ]

    def _payroll_rows(self):
        rows = []
        for statement in self.statement_ids.sorted(
            lambda s: (s.month, s.company_id.name)
        ):
            for person in statement._person_totals():
                user = person["user"]
                rows.append(
                    [
                        statement.name,
                        statement.month.strftime("%Y-%m"),
                        statement.company_id.name,
                        user.name,
                        user.key_account_staff_number or "",
                        user.login,
                        len(person["lines"]),
                        person["deductions"],
                        person["fines"],
                        person["total"],
                        statement.currency_id.name,
                    ]
                )
        return rows

    def action_export(self):
        self.ensure_one()
        statements = self.statement_ids
        if statements.filtered(lambda s: s.state != "approved"):
            raise UserError(
                self.env._(
                    "Only approved rewards-and-penalties statements go to payroll."
                )
            )
        writer = self.env["key.account.commission.export"]
        header, rows = self._payroll_header(), self._payroll_rows()
        if self.file_format == "csv":
            content = writer._csv(header, rows)
        else:
            content = writer._xlsx(
                header, rows, self.env._("Penalties"), (MONEY_FROM, MONEY_TO)
            )
        statements._workflow_move(
            "exported",
            {"exported_by_id": self.env.uid, "exported_date": fields.Datetime.now()},
        )
        months = writer._file_months(statements)
        self.write(
            {
                "file_data": base64.b64encode(content),
                "file_name": f"penalties_{months}.{self.file_format}",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/file_data/"
            f"{self.file_name}?download=true",
            "close": True,
        }
