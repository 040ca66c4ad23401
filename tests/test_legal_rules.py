"""LG-2 and LG-4 rules of cs_legal/tools/legal_rules.py, without Odoo."""

from datetime import date, timedelta

import pytest
from addon_files import load_tool
from hypothesis import given
from hypothesis import strategies as st

rules = load_tool("cs_legal", "legal_rules")


def test_limitation_of_the_manual_and_of_the_civil_code():
    known = date(2026, 3, 10)
    assert rules.limitation_expiry(known, 2) == date(2028, 3, 9)
    assert rules.limitation_expiry(known, 3) == date(2029, 3, 9)
    assert rules.limitation_expiry(None, 3) is None


def test_leap_day_falls_back_to_the_28th():
    assert rules.add_years(date(2024, 2, 29), 2) == date(2026, 2, 28)
    assert rules.add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_answer_and_suit_deadlines_are_calendar_days():
    assert rules.days_after(date(2026, 4, 24), 15) == date(2026, 5, 9)
    assert rules.days_after(None, 15) is None


@pytest.mark.parametrize(
    "amount, expected",
    [
        (9999.99, (False, False)),
        (10000, (True, False)),
        (99999.99, (True, False)),
        (100000, (True, True)),
    ],
)
def test_hq_duties_start_at_their_amount_included(amount, expected):
    assert rules.hq_duties(amount, 10000, 100000) == expected


def test_rate():
    assert rules.rate(3, 4) == 75.0
    assert rules.rate(0, 0) == 100.0
    assert rules.rate(1, 3) == 33.33
    with pytest.raises(ValueError):
        rules.rate(5, 4)


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
    st.integers(1, 30),
)
def test_add_years_keeps_month_and_moves_years(day, years):
    later = rules.add_years(day, years)
    assert later.year == day.year + years
    assert later.month == day.month
    assert day.day - later.day in (0, 1)


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_rate_is_a_percentage(part, extra):
    value = rules.rate(part, part + extra)
    assert 0.0 <= value <= 100.0
    if extra == 0:
        assert value == 100.0


@given(st.dates(), st.integers(0, 365))
def test_days_after_counts_calendar_days(day, days):
    try:
        later = rules.days_after(day, days)
    except OverflowError:
        return
    assert later - day == timedelta(days=days)
