"""Month arithmetic of key_account_service/tools/dates.py, without Odoo."""

import sys
from datetime import date, timedelta

import pytest
from addon_files import load_tool
from hypothesis import given
from hypothesis import strategies as st

dates = load_tool("key_account_service", "dates")
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
MONTHS = st.integers(min_value=-240, max_value=240)


def test_the_tools_package_exports_the_month_arithmetic():
    tools = sys.modules[dates.__name__.rpartition(".")[0]]
    for name in (
        "first_of_month",
        "add_months",
        "months_between",
        "days_in_month",
        "period_end",
        "last_of_month",
        "same_day_months_later",
    ):
        assert getattr(tools, name) is getattr(dates, name)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 1)),
        (date(2026, 12, 15), 1, date(2027, 1, 1)),
        (date(2026, 1, 1), -1, date(2025, 12, 1)),
        (date(2026, 3, 10), -15, date(2024, 12, 1)),
        (date(2026, 3, 10), 0, date(2026, 3, 1)),
    ],
)
def test_add_months_names_a_month_by_its_first_day(day, months, expected):
    assert dates.add_months(day, months) == expected


@given(DAYS, MONTHS)
def test_months_between_undoes_add_months(day, months):
    month = dates.add_months(day, months)
    assert dates.months_between(day, month) == months
    assert dates.first_of_month(month) == month


@given(DAYS)
def test_a_month_runs_from_its_first_to_its_last_day(day):
    first, last = dates.first_of_month(day), dates.last_of_month(day)
    assert first <= day <= last
    assert (last - first).days + 1 == dates.days_in_month(day)
    assert last + timedelta(days=1) == dates.add_months(day, 1)


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2026, 1, 1), 6, date(2026, 6, 30)),
        (date(2026, 7, 1), 6, date(2026, 12, 31)),
        (date(2024, 2, 20), 1, date(2024, 2, 29)),
        (date(2025, 12, 5), 3, date(2026, 2, 28)),
    ],
)
def test_a_period_ends_on_the_last_day_of_its_last_month(start, months, end):
    assert dates.period_end(start, months) == end


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 3, 31), 3, date(2026, 6, 30)),
        (date(2026, 5, 15), 6, date(2026, 11, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
    ],
)
def test_same_day_months_later_clamps_to_the_months_length(day, months, expected):
    assert dates.same_day_months_later(day, months) == expected
