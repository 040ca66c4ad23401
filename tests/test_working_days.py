"""Working-day arithmetic of every "within N working days" rule, without Odoo."""

from datetime import date, timedelta

from addon_files import load_tool
from hypothesis import given
from hypothesis import strategies as st

working_days = load_tool("key_account_service", "working_days")


def test_working_days_skip_a_holiday_and_count_a_make_up_saturday():
    holiday = {date(2026, 2, 16) + timedelta(days=n) for n in range(8)}
    make_up = {date(2026, 2, 14)}
    days = [date(2026, 2, 13) + timedelta(days=n) for n in range(30)]
    working = [
        d for d in days if (d.weekday() < 5 or d in make_up) and d not in holiday
    ]
    friday = date(2026, 2, 13)
    assert working_days.add_working_days(friday, 1, working) == date(2026, 2, 14)
    assert working_days.add_working_days(friday, 2, working) == date(2026, 2, 24)
    assert working_days.add_working_days(friday, 60, working) is None


@given(st.integers(min_value=1, max_value=20), st.integers(min_value=0, max_value=6))
def test_the_nth_working_day_has_n_working_days_up_to_it(days, offset):
    start = date(2026, 3, 2) + timedelta(days=offset)
    calendar = [start + timedelta(days=n) for n in range(1, 60)]
    working = [d for d in calendar if d.weekday() < 5]
    due = working_days.add_working_days(start, days, working)
    assert due in working
    assert len([d for d in working if start < d <= due]) == days
