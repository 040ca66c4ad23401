"""Month arithmetic on plain dates, the one place it is written.

Months are counted as the calendar counts them: a month is named by its first
day, a period of months ends on the last day of its last month.

Pure functions: no Odoo import.
"""

import calendar
from datetime import date, timedelta


def first_of_month(day):
    """The first day of the month of ``day``."""
    return date(day.year, day.month, 1)


def add_months(day, months):
    """The first day of the month ``months`` after the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def months_between(start, month):
    """Whole months from the month of ``start`` to the month of ``month``."""
    return (month.year - start.year) * 12 + month.month - start.month


def days_in_month(day):
    """How many days the month of ``day`` has."""
    return calendar.monthrange(day.year, day.month)[1]


def period_end(start, months):
    """The last day of the ``months`` months that begin with the month of ``start``."""
    return add_months(start, months) - timedelta(days=1)


def last_of_month(day):
    """The last day of the month of ``day``."""
    return period_end(day, 1)


def same_day_months_later(day, months):
    """``day`` moved ``months`` months on, the day clamped to the month's length."""
    first = add_months(day, months)
    return first.replace(day=min(day.day, days_in_month(first)))
