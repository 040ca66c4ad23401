from odoo import fields, models


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    holiday_source = fields.Char(
        string="Source",
        readonly=True,
        help="Where a loaded public holiday comes from; empty when typed.",
    )
