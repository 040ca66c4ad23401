from odoo import fields, models
from odoo.exceptions import UserError

# The columns of _payroll_rows that hold amounts: shares to total.
MONEY_FROM, MONEY_TO = 7, 10


class CourierPenaltyExport(models.TransientModel):
    """Approved rewards-and-penalties statements to a payroll file, written
    by the commission payroll export (same formats, same protections) so
    payroll reads both the same way; the statements become exported."""

    _name = "courier.penalty.export"
    _inherit = ["key.account.commission.export"]
    _description = "Export Rewards and Penalties to Payroll"

    _payroll_file_prefix = "penalties"
    _payroll_money_columns = (MONEY_FROM, MONEY_TO)

    statement_ids = fields.Many2many(
        "courier.penalty.statement",
        "courier_penalty_export_statement_rel",
        "export_id",
        "statement_id",
        string="Statements",
        required=True,
    )

    def _payroll_sheet_name(self):
        return self.env._("Penalties")

    def _payroll_refuse_unapproved(self):
        raise UserError(
            self.env._("Only approved rewards-and-penalties statements go to payroll.")
        )

    def _payroll_header(self):
        return [
            *self._payroll_person_header(self.env._("Branch")),
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
                        *self._payroll_person_cells(statement, user),
                        len(person["lines"]),
                        person["deductions"],
                        person["fines"],
                        person["total"],
                        statement.currency_id.name,
                    ]
                )
        return rows
