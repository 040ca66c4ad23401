from odoo import fields, models
from odoo.exceptions import UserError

# The columns of _payroll_rows that hold amounts: piece-rate pay to total.
MONEY_FROM, MONEY_TO = 11, 14


class CourierPieceRateExport(models.TransientModel):
    """Approved piece-rate statements to a payroll file, written by the
    commission payroll export (same formats, same protections) so payroll
    reads them with the commission statements; the statements become
    exported."""

    _name = "courier.piece.rate.export"
    _inherit = ["key.account.commission.export"]
    _description = "Export Piece Rates to Payroll"

    _payroll_file_prefix = "piece_rates"
    _payroll_money_columns = (MONEY_FROM, MONEY_TO)

    statement_ids = fields.Many2many(
        "courier.piece.rate.statement",
        "courier_piece_rate_export_statement_rel",
        "export_id",
        "statement_id",
        string="Statements",
        required=True,
    )

    def _payroll_sheet_name(self):
        return self.env._("Piece Rates")

    def _payroll_refuse_unapproved(self):
        raise UserError(
            self.env._("Only approved piece-rate statements go to payroll.")
        )

    def _payroll_header(self):
        return [
            *self._payroll_person_header(self.env._("Branch")),
            self.env._("Orders Accepted"),
            self.env._("Consultations"),
            self.env._("Queries"),
            self.env._("Complaints"),
            self.env._("Missing Insured Orders"),
            self.env._("Piece-Rate Pay"),
            self.env._("Insurance Deduction"),
            self.env._("Total"),
            self.env._("Currency"),
        ]

    def _payroll_rows(self):
        rows = []
        for statement in self.statement_ids.sorted(
            lambda s: (s.month, s.company_id.name, s.user_id.name or "")
        ):
            user = statement.user_id
            tickets = {line.ticket_type: line.quantity for line in statement.line_ids}
            rows.append(
                [
                    *self._payroll_person_cells(statement, user),
                    tickets.get("order", 0),
                    tickets.get("consultation", 0),
                    tickets.get("query", 0),
                    tickets.get("complaint", 0),
                    statement.missing_count,
                    statement.piece_total,
                    statement.deduction,
                    statement.total,
                    statement.currency_id.name,
                ]
            )
        return rows
