from datetime import timedelta

import pytz

from odoo import fields, models


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    holiday_source = fields.Char(
        string="Source",
        readonly=True,
        help="Where a loaded public holiday comes from; empty when typed.",
    )

    def _key_account_local_days(self):
        """The local dates this time off covers, in its calendar's zone."""
        self.ensure_one()
        zone = pytz.timezone(self.calendar_id.tz or "UTC")
        first, last = (
            pytz.utc.localize(moment).astimezone(zone).date()
            for moment in (self.date_from, self.date_to)
        )
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]
