"""Court acceptance fee on a marginal bracket schedule (LG-5).

Pure functions: no Odoo import, so the rules are tested without a database.
"""

from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple


class Bracket(NamedTuple):
    """Part of the claim from ``lower`` (exclusive) up to ``upper`` (inclusive).

    ``upper`` is None for the open top bracket. A claim reaching into the
    bracket pays ``fixed`` once plus ``rate`` percent of its part inside it.
    """

    lower: Decimal
    upper: Decimal | None
    fixed: Decimal
    rate: Decimal


class BracketError(ValueError):
    """The schedule is not a contiguous ladder from zero."""


def check_brackets(brackets):
    """Raise BracketError unless the brackets climb from 0 without gap or overlap."""
    if not brackets:
        raise BracketError("A fee schedule needs at least one bracket.")
    expected_lower = Decimal(0)
    for index, bracket in enumerate(brackets):
        if bracket.lower != expected_lower:
            raise BracketError(
                f"Bracket {index + 1} starts at {bracket.lower}, "
                f"expected {expected_lower}."
            )
        if bracket.upper is None:
            if index != len(brackets) - 1:
                raise BracketError("Only the last bracket may be open-ended.")
        elif bracket.upper <= bracket.lower:
            raise BracketError(f"Bracket {index + 1} ends before it starts.")
        if bracket.fixed < 0 or bracket.rate < 0:
            raise BracketError(f"Bracket {index + 1} has a negative fee.")
        expected_lower = bracket.upper
    if brackets[-1].upper is not None:
        raise BracketError("The last bracket must be open-ended.")


def court_fee(amount, brackets):
    """Return the fee for a claim of ``amount``, rounded to the cent."""
    amount = Decimal(str(amount))
    if amount < 0:
        raise ValueError("The claim amount cannot be negative.")
    check_brackets(brackets)
    fee = Decimal(0)
    for bracket in brackets:
        if amount <= bracket.lower and bracket.lower > 0:
            break
        top = amount if bracket.upper is None else min(amount, bracket.upper)
        fee += bracket.fixed + (top - bracket.lower) * bracket.rate / 100
    return fee.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
