"""Key-account commission arithmetic (CM-1).

Pure functions: no Odoo import, so the rules are tested without a database.
"""

from collections import defaultdict
from decimal import ROUND_FLOOR, Decimal
from typing import NamedTuple

from .bands import find_band
from .dates import add_months, days_in_month, first_of_month, same_day_months_later


class RateRow(NamedTuple):
    kind: str  # "band", "new_account" or "national"
    rate: float  # percent
    band: object = None  # the band key, for "band" rows
    grade: object = None  # a manager grade, or None for every grade
    months: int = 0  # for "new_account" rows: how many months from the start


def fixed_base(start, monthly_nets):
    """Weighted average monthly revenue of the three months from ``start``.

    ``monthly_nets`` maps the first day of a month to its net revenue. The start
    month counts whole (the customer only shipped once served); the month in
    which the three months end counts for the share of its days inside them.
    """
    end = same_day_months_later(start, 3)
    total = monthly_nets.get(first_of_month(start), 0.0)
    month = add_months(first_of_month(start), 1)
    while month < end:
        net = monthly_nets.get(month, 0.0)
        if add_months(month, 1) <= end:
            total += net
        else:
            total += net * (end - month).days / days_in_month(month)
        month = add_months(month, 1)
    return total / 3


def is_new_account_month(month, start, months):
    """Whether ``month`` is within the first ``months`` months from ``start``."""
    first = first_of_month(start)
    return first <= first_of_month(month) < add_months(first, months)


def commission_rate(month, start, base, tier, grade, rows, bands):
    """The percent rate an account earns for ``month``.

    New accounts earn the new-account rate for their first months; national
    accounts the national rate; the others the rate of the band of their fixed
    ``base`` (a row for the manager's ``grade`` wins over the general row).
    ``bands`` are the commission bands as tools.bands.Band. None when no row fits.
    """
    for row in rows:
        if (
            row.kind == "new_account"
            and start
            and is_new_account_month(month, start, row.months)
        ):
            return row.rate
    if tier == "national":
        national = [row.rate for row in rows if row.kind == "national"]
        if national:
            return national[0]
    band = find_band(bands, base)
    if band is None:
        return None
    matching = [row for row in rows if row.kind == "band" and row.band == band]
    for row in matching:
        if row.grade is not None and row.grade == grade:
            return row.rate
    general = [row.rate for row in matching if row.grade is None]
    return general[0] if general else None


def commission(collected, rate):
    """Commission on ``collected`` revenue at ``rate`` percent.

    Rounded down to the cent, so that it never exceeds what was earned.
    """
    cents = Decimal(str(collected)) * Decimal(str(rate))
    return float(cents.to_integral_value(rounding=ROUND_FLOOR) / 100)


def collected_net(amount, untaxed, total):
    """The revenue (untaxed) part of ``amount`` collected on an invoice of ``total``."""
    if not total:
        return 0.0
    return round(amount * untaxed / total, 2)


def exclusion_reason(invoice_date, collected_on, legal_recovery, forfeit_months):
    """Why a collection earns no commission (CM-3), or None when it earns.

    "legal": the invoice was recovered through legal action; "late": the money
    came in more than ``forfeit_months`` months after the invoice date.
    """
    if legal_recovery:
        return "legal"
    if collected_on > same_day_months_later(invoice_date, forfeit_months):
        return "late"
    return None


class Collection(NamedTuple):
    key: object  # what a statement line is for, e.g. (statement, account)
    rate: float
    net: float
    excluded: object = None  # an exclusion_reason(), None when it earns


class LineTotals(NamedTuple):
    collected: float
    excluded_late: float
    excluded_legal: float
    commission: float


def settle(collections):
    """Statement line totals per (key, rate) of ``collections``.

    Commission is computed once per line on its summed collections, so that
    rounding never pays more than the rate of what was collected.
    """
    sums = defaultdict(lambda: {"earning": 0.0, "late": 0.0, "legal": 0.0})
    for row in collections:
        sums[(row.key, row.rate)][row.excluded or "earning"] += row.net
    return {
        key: LineTotals(
            round(amounts["earning"], 2),
            round(amounts["late"], 2),
            round(amounts["legal"], 2),
            commission(round(amounts["earning"], 2), key[1]),
        )
        for key, amounts in sums.items()
    }
