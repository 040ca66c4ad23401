from odoo import api, fields, models

from ..tools.visit_schedule import first_of_month


class MonthStartMixin(models.AbstractModel):
    """Month fields hold the first day of their month, however they are written.

    A unique (…, month) key then means one row per month: a mid-month date
    cannot make a second statement or report for the same month (probe M6).
    """

    _name = "month.start.mixin"
    _description = "Month Fields on the First of the Month"
    _month_fields = ("month",)

    @api.model
    def _month_start_vals(self, vals):
        for name in self._month_fields:
            if vals.get(name):
                vals[name] = first_of_month(fields.Date.to_date(vals[name]))
        return vals

    @api.constrains("month")
    def _check_month(self):
        """A month of statements or reports lies between 2000 and a year ahead."""
        self._key_account_check_dates(self._month_fields)

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._month_start_vals(dict(v)) for v in vals_list])

    def write(self, vals):
        return super().write(self._month_start_vals(dict(vals)))
