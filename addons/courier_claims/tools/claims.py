"""Claims rules (CL-2, CL-3, CL-6) as pure functions: no Odoo import."""

from datetime import timedelta
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import NamedTuple

SEVERITIES = ("general", "major", "extraordinary")


class SeverityRule(NamedTuple):
    kinds: tuple  # incident kinds the thresholds apply to
    general_max: float  # up to this amount: general
    major_max: float  # up to this amount: major; above: extraordinary


class AuthorityRule(NamedTuple):
    level: int  # 1 = lowest approver
    key: object  # who approves at this level (a group)
    amount_max: float | None  # up to this amount; None: no limit


def severity(kind, amount, rules):
    """The severity of an incident of ``kind`` whose loss is ``amount`` (CL-2:
    按损失金额分, the loss, not the compensation negotiated).

    Kinds without thresholds (wrong delivery, service, price disputes) are
    general whatever the amount.
    """
    for rule in rules:
        if kind in rule.kinds:
            if amount <= rule.general_max:
                return "general"
            if amount <= rule.major_max:
                return "major"
            return "extraordinary"
    return "general"


def authority(amount, rules):
    """The lowest rule whose limit covers ``amount`` (CL-3), or None."""
    for rule in sorted(rules, key=lambda r: r.level):
        if rule.amount_max is None or amount <= rule.amount_max:
            return rule
    return None


def required_levels(amount, rules, beyond_standard, standard_levels, hq_level=None):
    """Every approval level an incident needs, lowest first.

    The amount decides one level; a demand beyond the standard needs the
    ``standard_levels`` too (the branch CS manager and the branch manager,
    each approving); ``hq_level`` is added when headquarters must decide (a
    cross-branch dispute with unclear responsibility).
    """
    rule = authority(amount, rules)
    levels = {rule.level} if rule else {max(r.level for r in rules)}
    if beyond_standard:
        levels |= set(standard_levels)
    if hq_level is not None:
        levels.add(hq_level)
    return sorted(levels)


def missing_levels(required, approvals):
    """The required levels not yet covered by ``approvals``.

    ``approvals`` lists the highest level of each approving person, one entry
    per person. A person covers one level, at most their own: the highest
    approvers take the highest levels first.
    """
    missing = sorted(required, reverse=True)
    for level in sorted(approvals, reverse=True):
        for wanted in missing:
            if wanted <= level:
                missing.remove(wanted)
                break
    return sorted(missing)


PRESETS = {
    "sole": (100,),
    "half": (50, 50),
    "thirds": (Decimal(100) / 3,) * 3,
    "thirty_seventy": (30, 70),
}


def split(amount, percents):
    """``amount`` shared by ``percents`` (adding up to 100), to the cent.

    Rounding differences go to the largest remainders, so the shares always
    add up to the amount exactly.
    """
    total = Decimal(str(amount))
    cents = total * 100
    exact = [cents * Decimal(str(p)) / 100 for p in percents]
    rounded = [value.to_integral_value(rounding="ROUND_FLOOR") for value in exact]
    rest = int(cents.to_integral_value(rounding=ROUND_HALF_UP) - sum(rounded))
    order = sorted(range(len(exact)), key=lambda i: exact[i] - rounded[i], reverse=True)
    for index in order[:rest]:
        rounded[index] += 1
    return [float(value / 100) for value in rounded]


def preset_percents(preset):
    """The percentages of a split preset, two decimals, adding up to 100."""
    return split(100, PRESETS[preset])


def insured_period(day, start_day):
    """The insured-parcel register period holding ``day`` (CL-5).

    Periods run from the ``start_day`` (1-28, the manual's 27th) of a month
    to the day before it in the next month; the register is due on the day
    after the period ends.
    Returns (first day, last day, due day).
    """
    if day.day >= start_day:
        first = day.replace(day=start_day)
    else:
        previous = (day.replace(day=1) - timedelta(days=1)).replace(day=1)
        first = previous.replace(day=start_day)
    following = (first.replace(day=1) + timedelta(days=32)).replace(day=1)
    last = following.replace(day=start_day) - timedelta(days=1)
    return first, last, last + timedelta(days=1)


def insured_rate(insured, shipped):
    """Insured parcels as a percentage of the parcels shipped, two decimals."""
    return round(100.0 * insured / shipped, 2) if shipped else 0.0


def missing_insured(orders, insured, exempt, target):
    """Orders missing to reach the insured ``target`` (a percentage) of an
    agent's month (CM-5, 000 §4.3): the orders of exempted customers left
    uninsured do not count; never negative.

    Required orders round up: at 90% of 11 orders, 10 are to be insured.
    """
    counted = Decimal(max(orders - exempt, 0))
    required = (counted * Decimal(str(target)) / 100).to_integral_value(
        rounding=ROUND_CEILING
    )
    return max(int(required) - insured, 0)
