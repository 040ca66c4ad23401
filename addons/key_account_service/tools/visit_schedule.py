"""Expand the contact-frequency matrix (KA-2) into visit dates (KA-3).

A periodic rule asks for ``count`` contacts every ``period_months`` months.
Periods are counted from the account's start month, so a quarterly contact of
an account that started in February falls in February, May, August and
November. Within a period, contact i goes to month ``i * period // count``;
within a month, the contacts are spread evenly over its working days.

A qualitative rule (holiday greetings, special-day gifts) asks for a contact
a few working days before each of its occasions.

Pure functions: no Odoo import; the caller passes the working days.
"""

from bisect import bisect_left
from datetime import date
from typing import NamedTuple

# first_of_month and add_months stay importable from here: courier_claims,
# cs_legal and the benchmarks read them from this module.
from .dates import add_months, first_of_month, months_between  # noqa: F401


class ContactRule(NamedTuple):
    key: object
    count: int
    period_months: int


def contacts_in_month(rule, start, month):
    """Contacts of ``rule`` due in ``month`` for an account started on ``start``."""
    elapsed = months_between(start, month)
    if elapsed < 0 or rule.count <= 0 or rule.period_months <= 0:
        return 0
    offset = elapsed % rule.period_months
    return sum(
        1 for i in range(rule.count) if i * rule.period_months // rule.count == offset
    )


def spread(days, count):
    """``count`` dates spread evenly over the sorted list ``days``."""
    if count <= 0 or not days:
        return []
    return [days[(2 * i + 1) * len(days) // (2 * count)] for i in range(count)]


def plan_month(rules, start, month, working_days):
    """[(rule key, date)] of the contacts due in ``month``, sorted by date.

    ``working_days`` are the working days of that month, in any order.
    """
    days = sorted(working_days)
    planned = [
        (rule.key, day)
        for rule in rules
        for day in spread(days, contacts_in_month(rule, start, month))
    ]
    return sorted(planned, key=lambda item: (item[1], str(item[0])))


def apologies_owed(incident_count, every_n):
    """Apology visits owed after ``incident_count`` incidents, one per ``every_n``."""
    if every_n <= 0 or incident_count <= 0:
        return 0
    return incident_count // every_n


def working_days_before(day, days, working_dates):
    """The ``days``-th working date before ``day`` (not counted), or None.

    ``working_dates`` are sorted; None when they do not reach back that far.
    Zero days is the day itself.
    """
    if days <= 0:
        return day
    index = bisect_left(working_dates, day)
    return working_dates[index - days] if days <= index else None


def greeting_days(holidays, lead, working_dates):
    """The days to greet before ``holidays``, ``lead`` working days ahead.

    The days of one holiday, and holidays with no working day between them
    (a festival and the rest days added to it), share one greeting.
    """
    found = (working_days_before(day, lead, working_dates) for day in holidays)
    return sorted({day for day in found if day})


def yearly_dates(day, start, stop):
    """The anniversaries of ``day`` from ``start`` included to ``stop`` excluded
    (the day itself is none).

    A 29 February is remembered on the 28th in the other years.
    """
    found = []
    for year in range(start.year, stop.year + 1):
        try:
            anniversary = day.replace(year=year)
        except ValueError:
            anniversary = date(year, 2, 28)
        if day < anniversary and start <= anniversary < stop:
            found.append(anniversary)
    return found
