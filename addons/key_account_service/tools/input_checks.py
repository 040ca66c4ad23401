"""Bounds on input that no business rule allows (security probe L3, M4).

Pure functions: no Odoo import.
"""

from datetime import date, datetime

# Nothing the addons record happened before the company used them: a date before
# 2000 is a typo (year 1, 0026) and throws the deadlines and statistics off.
EARLIEST_DATE = date(2000, 1, 1)
# Events (an incident, a complaint received, a case opened, a contract signed)
# are recorded when they happen; a year covers paperwork dated ahead.
EVENT_YEARS_AHEAD = 1
# Terms run ahead: the longest contracts the manual knows are a few years, the
# PRC Civil Code caps a lease at 20 years; 30 leaves room and stops year 9999.
TERM_YEARS_AHEAD = 30
# A hand-typed amount (a commission adjustment) above a billion is a typo or an
# attack: it is a thousand times any monthly commission and past it binary
# floats no longer hold every cent of a sum of such amounts.
AMOUNT_LIMIT = 1_000_000_000
# Cells a spreadsheet reads as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def latest_date(today, years_ahead):
    """``today`` moved ``years_ahead`` years on (29 February becomes the 28th)."""
    year = today.year + years_ahead
    try:
        return today.replace(year=year)
    except ValueError:
        return today.replace(year=year, day=28)


def date_in_range(day, today, years_ahead):
    """Whether ``day`` (a date or datetime, or empty) lies in the allowed range."""
    if not day:
        return True
    if isinstance(day, datetime):
        day = day.date()
    return EARLIEST_DATE <= day <= latest_date(today, years_ahead)


def is_blank(text):
    """Empty or only white space."""
    return not (text or "").strip()


def spreadsheet_text(value):
    """``value``, with a leading ``'`` when a spreadsheet would run it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
