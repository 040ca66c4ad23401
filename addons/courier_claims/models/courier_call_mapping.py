import csv

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import call_records

# our name of a call's fact: the mapping's field naming its column
COLUMN_FIELDS = {
    "uniqueid": "column_uniqueid",
    "caller": "column_caller",
    "called": "column_called",
    "agent": "column_agent",
    "queue": "column_queue",
    "start": "column_start",
    "answer": "column_answer",
    "end": "column_end",
    "disposition": "column_disposition",
    "wait": "column_wait",
    "talk": "column_talk",
    "wrap": "column_wrap",
}


class CourierCallMapping(models.Model):
    """How to read another switch's call records (CL-9): which column of its
    CSV holds which fact of a call.

    A column is named by its header, or by its number (from 1) in a file
    without a header. The times are in the format given, the switch's local
    time; a switch giving the seconds waited and talked instead of the
    answer and end times maps those.
    """

    _name = "courier.call.mapping"
    _description = "Call Record Format"
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company",
        string="Branch",
        index=True,
        help="Empty: every branch may use it.",
    )
    active = fields.Boolean(default=True)
    has_header = fields.Boolean(
        string="First Line Is a Header",
        default=True,
        help="Columns are named by their header; without one, by their number from 1.",
    )
    delimiter = fields.Char(required=True, default=",", size=1)
    date_format = fields.Char(
        string="Time Format",
        required=True,
        default=call_records.ASTERISK_TIME_FORMAT,
        help="As Python's strptime reads it, e.g. %d/%m/%Y %H:%M:%S.",
    )
    column_uniqueid = fields.Char(string="Call ID Column", required=True)
    column_caller = fields.Char(string="Caller Number Column")
    column_called = fields.Char(string="Number Called Column")
    column_agent = fields.Char(
        string="Agent Code Column", help="The agent's code in the switch."
    )
    column_queue = fields.Char(string="Queue Column")
    column_start = fields.Char(string="Start Column", required=True)
    column_answer = fields.Char(string="Answer Column")
    column_end = fields.Char(string="End Column")
    column_disposition = fields.Char(
        string="Disposition Column",
        required=True,
        help="ANSWERED, NO ANSWER, BUSY, FAILED or CONGESTION.",
    )
    column_wait = fields.Char(
        string="Wait Column",
        help="Seconds waited, for a switch giving no answer and end times.",
    )
    column_talk = fields.Char(string="Talk Column", help="Seconds talked.")
    column_wrap = fields.Char(
        string="Wrap-up Column", help="Seconds of after-call work, if recorded."
    )

    @api.constrains("has_header", *COLUMN_FIELDS.values())
    def _check_columns(self):
        for mapping in self:
            if mapping.has_header:
                continue
            for name in COLUMN_FIELDS.values():
                column = (mapping[name] or "").strip()
                if column and not (column.isdigit() and int(column) >= 1):
                    raise ValidationError(
                        self.env._(
                            "Without a header line, a column is its number from "
                            "1: %(column)r is not.",
                            column=column,
                        )
                    )

    def _rows(self, text):
        """(line, values by our names) of a CSV file read by this mapping, or
        (line, CallRowError) for a line it cannot read."""
        self.ensure_one()
        reader = csv.reader(text, delimiter=self.delimiter or ",")
        wanted = {
            ours: (self[name] or "").strip()
            for ours, name in COLUMN_FIELDS.items()
            if (self[name] or "").strip()
        }
        index = {}
        if self.has_header:
            header = [cell.strip() for cell in next(reader, [])]
            for ours, column in wanted.items():
                if column not in header:
                    yield (
                        reader.line_num,
                        call_records.CallRowError("column", column=column),
                    )
                    return
                index[ours] = header.index(column)
        else:
            index = {ours: int(column) - 1 for ours, column in wanted.items()}
        width = max(index.values(), default=0) + 1
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) < width:
                yield (
                    reader.line_num,
                    call_records.CallRowError(
                        "columns", count=len(row), expected=width
                    ),
                )
                continue
            yield reader.line_num, {ours: row[i] for ours, i in index.items()}
