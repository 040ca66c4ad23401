"""Pure key-account rules, importable without Odoo."""

from .dates import (
    add_months,
    days_in_month,
    first_of_month,
    last_of_month,
    months_between,
    period_end,
    same_day_months_later,
)
