from datetime import datetime, time, timedelta

import pytz

from odoo import models


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _get_working_dates(self, date_from, date_to):
        """Sorted working dates from ``date_from`` to ``date_to`` included.

        Public holidays (global leaves of the calendar) are not working dates.
        Every business rule of the three addons counts working days with this.
        """
        self.ensure_one()
        tz = pytz.timezone(self.tz or "UTC")
        start = tz.localize(datetime.combine(date_from, time.min))
        stop = tz.localize(datetime.combine(date_to, time.max))
        intervals = self._work_intervals_batch(start, stop)[False]
        return sorted({begin.date() for begin, _end, _meta in intervals})

    def _get_working_dates_or_weekdays(self, date_from, date_to):
        """Like _get_working_dates, on an empty calendar: Monday to Friday."""
        if self:
            return self._get_working_dates(date_from, date_to)
        days = (
            date_from + timedelta(days=n) for n in range((date_to - date_from).days + 1)
        )
        return [day for day in days if day.weekday() < 5]
