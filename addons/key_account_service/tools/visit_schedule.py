"""Expand the contact-frequency matrix (KA-2) into visit dates (KA-3).

A periodic rule asks for ``count`` contacts every ``period_months`` months.
Periods are counted from the account's start month, so a quarterly contact of
an account that started in February falls in February, May, August and
November. Within a period, contact i goes to month ``i * period // count``;
within a month, the contacts are spread evenly over its working days.

Pure functions: no Odoo import; the caller passes the working days.
"""

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
