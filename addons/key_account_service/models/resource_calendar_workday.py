from odoo import api, fields, models
from odoo.exceptions import ValidationError

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]


class ResourceCalendarWorkday(models.Model):
    """A make-up working day (调休): a rest day that is worked.

    Odoo knows public holidays (the calendar's global time off) but not the
    weekend days worked in exchange; every working-day count of the three
    addons goes through the calendar, so it sees these days too.
    """

    _name = "resource.calendar.workday"
    _description = "Make-up Working Day"
    _order = "date"

    name = fields.Char(string="Reason", required=True, translate=True)
    date = fields.Date(required=True, index=True)
    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="calendar_id.company_id", store=True)
    works_as = fields.Selection(
        WEEKDAYS,
        string="Works the Hours of",
        required=True,
        default="0",
        help="The weekday whose hours are worked that day.",
    )
    source = fields.Char(
        readonly=True,
        help="Where a loaded make-up working day comes from; empty when typed.",
    )

    _sql_constraints = [
        (
            "calendar_date_uniq",
            "UNIQUE(calendar_id, date)",
            "A make-up working day is entered once per calendar.",
        ),
    ]

    @api.constrains("date", "works_as", "calendar_id")
    def _check_works_as(self):
        for day in self:
            if not day.calendar_id.attendance_ids.filtered(
                lambda a, d=day: a.dayofweek == d.works_as and not a.display_type
            ):
                raise ValidationError(
                    self.env._(
                        "%(calendar)s has no working hours on the weekday that "
                        "%(day)s works as.",
                        calendar=day.calendar_id.name,
                        day=day.date,
                    )
                )
