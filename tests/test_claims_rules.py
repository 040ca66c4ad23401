"""CL-2 severity, CL-3 authority and CL-6 splits, without Odoo."""

import pytest
from addon_files import load_tool
from hypothesis import given
from hypothesis import strategies as st

claims = load_tool("courier_claims", "claims")

# The manual's thresholds (000 section 8).
SEVERITY = [
    claims.SeverityRule(("damage", "loss"), 5000, 20000),
    claims.SeverityRule(("delay",), 1000, 6000),
]
# 000 section 3.3: branch CS manager, branch manager, general manager, HQ.
AUTHORITY = [
    claims.AuthorityRule(1, "branch_cs", 500),
    claims.AuthorityRule(2, "branch_manager", 1000),
    claims.AuthorityRule(3, "general_manager", 10000),
    claims.AuthorityRule(4, "hq", None),
]


@pytest.mark.parametrize(
    ("kind", "amount", "expected"),
    [
        ("damage", 5000, "general"),
        ("damage", 5000.01, "major"),
        ("loss", 20000, "major"),
        ("loss", 20000.01, "extraordinary"),
        ("delay", 1000, "general"),
        ("delay", 1000.01, "major"),
        ("delay", 6000, "major"),
        ("delay", 6000.01, "extraordinary"),
        ("wrong_delivery", 90000, "general"),
    ],
)
def test_severity_at_every_boundary(kind, amount, expected):
    assert claims.severity(kind, amount, SEVERITY) == expected


@pytest.mark.parametrize(
    ("amount", "key"),
    [
        (500, "branch_cs"),
        (500.01, "branch_manager"),
        (1000, "branch_manager"),
        (1000.01, "general_manager"),
        (10000, "general_manager"),
        (10000.01, "hq"),
    ],
)
def test_each_authority_band_at_and_above_its_limit(amount, key):
    assert claims.authority(amount, AUTHORITY).key == key


def test_demands_beyond_the_standard_need_both_branch_approvals():
    assert claims.required_levels(300, AUTHORITY, True, (1, 2)) == [1, 2]
    assert claims.required_levels(5000, AUTHORITY, True, (1, 2)) == [1, 2, 3]
    assert claims.required_levels(300, AUTHORITY, False, (1, 2), hq_level=4) == [1, 4]


def test_one_person_covers_one_level():
    assert claims.missing_levels([1, 2], [2]) == [1]
    assert claims.missing_levels([1, 2], [2, 1]) == []
    assert claims.missing_levels([1, 2], [1, 1]) == [2]
    assert claims.missing_levels([3], [4]) == []
    assert claims.missing_levels([3], [2]) == [3]


@given(st.floats(min_value=0, max_value=1e7, allow_nan=False))
def test_severity_never_falls_as_the_amount_grows(amount):
    order = claims.SEVERITIES.index
    for kind in ("damage", "delay"):
        assert order(claims.severity(kind, amount, SEVERITY)) <= order(
            claims.severity(kind, amount + 1, SEVERITY)
        )


def test_presets():
    assert claims.preset_percents("half") == [50.0, 50.0]
    assert claims.preset_percents("thirds") == [33.34, 33.33, 33.33]
    assert claims.preset_percents("thirty_seventy") == [30.0, 70.0]
    assert claims.preset_percents("sole") == [100.0]


@given(
    st.decimals(min_value=0, max_value=10**7, places=2),
    st.sampled_from(sorted(claims.PRESETS)),
)
def test_shares_always_add_up_to_the_payout(amount, preset):
    shares = claims.split(float(amount), claims.preset_percents(preset))
    assert round(sum(shares), 2) == float(amount)
    assert all(share >= 0 for share in shares)


@pytest.mark.parametrize(
    ("day", "period"),
    [
        ("2026-03-26", ("2026-02-27", "2026-03-26", "2026-03-27")),
        ("2026-03-27", ("2026-03-27", "2026-04-26", "2026-04-27")),
        ("2026-01-05", ("2025-12-27", "2026-01-26", "2026-01-27")),
        ("2026-12-31", ("2026-12-27", "2027-01-26", "2027-01-27")),
    ],
)
def test_insured_register_periods_run_from_the_27th_to_the_26th(day, period):
    from datetime import date

    result = claims.insured_period(date.fromisoformat(day), 27)
    assert tuple(d.isoformat() for d in result) == period


@pytest.mark.parametrize(
    ("day", "period"),
    [
        ("2026-03-24", ("2026-02-25", "2026-03-24", "2026-03-25")),
        ("2026-03-25", ("2026-03-25", "2026-04-24", "2026-04-25")),
        ("2026-03-27", ("2026-03-25", "2026-04-24", "2026-04-25")),
        ("2026-03-01", ("2026-03-01", "2026-03-31", "2026-04-01")),
    ],
)
def test_insured_register_periods_follow_a_changed_start_day(day, period):
    """X2: headquarters moved the period to start on the 25th (or the 1st)."""
    from datetime import date

    start_day = int(period[0][-2:])
    result = claims.insured_period(date.fromisoformat(day), start_day)
    assert tuple(d.isoformat() for d in result) == period


@given(st.dates())
def test_every_day_is_in_its_own_insured_period(day):
    from datetime import date

    if day >= date(9999, 11, 1) or day <= date(1, 2, 1):
        return
    first, last, due = claims.insured_period(day, 27)
    assert first <= day <= last
    assert due.day == 27 and first.day == 27 and last.day == 26


def test_insured_rate():
    assert claims.insured_rate(37, 1200) == 3.08
    assert claims.insured_rate(0, 0) == 0.0


@pytest.mark.parametrize(
    ("orders", "insured", "exempt", "target", "missing"),
    [
        (120, 117, 0, 100, 3),  # the manual: 3 missing orders, 0.30 deducted
        (120, 120, 0, 100, 0),  # exactly 100%: nothing
        (120, 117, 2, 100, 1),  # two orders of an exempted customer
        (120, 117, 5, 100, 0),  # more exempted than missing: never negative
        (0, 0, 0, 100, 0),
        (11, 9, 0, 90, 1),  # 90% of 11 rounds up to 10 orders
        (10, 9, 0, 90, 0),
    ],
)
def test_missing_insured_orders(orders, insured, exempt, target, missing):
    assert claims.missing_insured(orders, insured, exempt, target) == missing


@given(
    st.integers(0, 5000),
    st.integers(0, 5000),
    st.integers(0, 5000),
    st.floats(0, 100),
)
def test_missing_insured_is_never_negative(orders, insured, exempt, target):
    insured, exempt = min(insured, orders), min(exempt, orders)
    assert 0 <= claims.missing_insured(orders, insured, exempt, target) <= orders
