"""Deadlines, thresholds and rates of the legal duties (LG-2, LG-4).

Pure functions: no Odoo import, so the rules are tested without a database.
Working-day deadlines are counted by the company calendar in the models.
"""

from datetime import date, timedelta


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def limitation_expiry(known_on: date | None, years: int) -> date | None:
    """Last day to sue: the limitation runs from the day the right was known."""
    if not known_on:
        return None
    return add_years(known_on, years) - timedelta(days=1)


def days_after(day: date | None, days: int) -> date | None:
    """``days`` calendar days after ``day`` (answer, suit after preservation)."""
    return day + timedelta(days=days) if day else None


def hq_duties(amount: float, report_from: float, take_part_from: float) -> tuple:
    """(reported to HQ, HQ legal takes part): each from its amount included."""
    return amount >= report_from, amount >= take_part_from


def rate(part: int, whole: int) -> float:
    """Percentage of ``whole``; nothing to count is full marks, not zero."""
    if part < 0 or whole < 0 or part > whole:
        raise ValueError("a rate needs 0 <= part <= whole")
    return 100.0 if not whole else round(100.0 * part / whole, 2)
