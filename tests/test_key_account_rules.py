"""KA-1 band lookup and KA-2/KA-3 matrix expansion, without Odoo."""

from datetime import date, timedelta
from itertools import pairwise

import pytest
from addon_files import load_tool
from hypothesis import given
from hypothesis import strategies as st

bands = load_tool("key_account_service", "bands")
schedule = load_tool("key_account_service", "visit_schedule")
dates = load_tool("key_account_service", "dates")
Band, ContactRule = bands.Band, schedule.ContactRule

# The manual's cadence bands (000 section 3.1): 1-5, 5-10, 10-20, 20+ (x 10,000).
CADENCE = [
    Band("1-5", 10000, 50000),
    Band("5-10", 50000, 100000),
    Band("10-20", 100000, 200000),
    Band("20+", 200000, None),
]


@pytest.mark.parametrize(
    ("amount", "band"),
    [
        (9999.99, None),
        (10000, "1-5"),
        (49999.99, "1-5"),
        (50000, "5-10"),
        (100000, "10-20"),
        (199999, "10-20"),
        (200000, "20+"),
        (10**9, "20+"),
    ],
)
def test_band_boundaries(amount, band):
    assert bands.find_band(CADENCE, amount) == band


@given(
    st.lists(st.integers(min_value=1, max_value=10**6), min_size=1, max_size=8),
    st.integers(min_value=0, max_value=10**6),
    st.floats(min_value=0, max_value=10**8, allow_nan=False),
)
def test_contiguous_bands_give_exactly_one_band(widths, start, amount):
    edges = [start]
    for width in widths:
        edges.append(edges[-1] + width)
    ladder = [Band(i, low, high) for i, (low, high) in enumerate(pairwise(edges))]
    ladder.append(Band(len(ladder), edges[-1], None))
    bands.check_bands(ladder)
    found = bands.find_band(ladder, amount)
    holding = [
        b.key
        for b in ladder
        if b.minimum <= amount and (b.maximum is None or amount < b.maximum)
    ]
    assert (found is None) == (amount < start)
    assert holding == ([] if found is None else [found])


@pytest.mark.parametrize(
    ("ladder", "reason"),
    [
        ([Band("a", 0, 100), Band("b", 90, None)], "overlap"),
        ([Band("a", 0, 100), Band("b", 110, None)], "gap"),
        ([Band("a", 100, 100)], "inverted"),
        ([Band("a", 100, 50)], "inverted"),
        ([Band("a", -1, 5)], "negative"),
        ([Band("a", 0, None), Band("b", 10, None)], "open_not_last"),
    ],
)
def test_broken_band_sets_are_refused(ladder, reason):
    with pytest.raises(bands.BandError) as caught:
        bands.check_bands(ladder)
    assert caught.value.reason == reason


def working_days(month):
    """Monday to Friday of ``month``."""
    day, days = month, []
    while day.month == month.month:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


PERIODS = st.sampled_from([1, 2, 3, 6, 12])


@given(
    st.integers(min_value=1, max_value=6),
    PERIODS,
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
)
def test_every_period_gets_its_count_from_the_start_month(count, period, start):
    rule = ContactRule("contact", count, period)
    first = dates.first_of_month(start)
    for period_index in range(24 // period):
        months = [
            dates.add_months(first, period_index * period + i) for i in range(period)
        ]
        assert sum(schedule.contacts_in_month(rule, start, m) for m in months) == count
    assert schedule.contacts_in_month(rule, start, dates.add_months(first, -1)) == 0


def test_quarterly_contacts_fall_in_the_start_month_and_every_third_after():
    rule = ContactRule("institutional", 1, 3)
    start = date(2026, 2, 17)
    due = [
        m
        for m in (date(2026, month, 1) for month in range(1, 13))
        if schedule.contacts_in_month(rule, start, m)
    ]
    assert [m.month for m in due] == [2, 5, 8, 11]


@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=5), PERIODS),
        min_size=1,
        max_size=8,
    ),
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=0, max_value=36),
)
def test_a_planned_month_has_the_right_contacts_on_working_days(raw, start, ahead):
    rules = [ContactRule(i, count, period) for i, (count, period) in enumerate(raw)]
    month = dates.add_months(start, ahead)
    days = working_days(month)
    plan = schedule.plan_month(rules, start, month, days)
    assert all(day in days for _key, day in plan)
    assert plan == sorted(plan, key=lambda item: (item[1], str(item[0])))
    for rule in rules:
        mine = [day for key, day in plan if key == rule.key]
        assert len(mine) == schedule.contacts_in_month(rule, start, month)
        assert len(set(mine)) == len(mine), "a type's contacts fall on distinct days"


def test_contacts_spread_over_the_month():
    days = working_days(date(2026, 12, 1))  # 23 working days
    assert schedule.spread(days, 4) == [
        date(2026, 12, 3),
        date(2026, 12, 11),
        date(2026, 12, 21),
        date(2026, 12, 29),
    ]
    assert schedule.spread(days, 1) == [date(2026, 12, 16)]
    assert schedule.spread(days, 0) == []


@pytest.mark.parametrize(
    ("incidents", "every", "owed"),
    [(0, 5, 0), (4, 5, 0), (5, 5, 1), (11, 5, 2), (3, 1, 3), (7, 0, 0)],
)
def test_apologies_owed(incidents, every, owed):
    assert schedule.apologies_owed(incidents, every) == owed


warnings = load_tool("key_account_service", "warnings")


@pytest.mark.parametrize(
    ("amount", "level"),
    [
        (100000, None),
        (90001, None),  # 9.999% down
        (90000, "warning"),  # exactly 10%
        (80001, "warning"),  # 19.999%
        (80000, "serious"),  # exactly 20%
        (0, "serious"),
        (150000, None),  # revenue went up
    ],
)
def test_drop_levels_of_the_manual(amount, level):
    assert warnings.drop_level(100000, amount, 10, 20) == level


@given(
    st.floats(min_value=1, max_value=1e9, allow_nan=False),
    st.floats(min_value=0, max_value=1e9, allow_nan=False),
    st.floats(min_value=0, max_value=1e9, allow_nan=False),
)
def test_a_lower_month_is_never_less_severe(reference, first, second):
    low, high = sorted((first, second))
    order = [None, "warning", "serious"]
    assert order.index(warnings.drop_level(reference, low, 10, 20)) >= order.index(
        warnings.drop_level(reference, high, 10, 20)
    )


def test_no_reference_no_warning():
    assert warnings.drop_level(0, 0, 10, 20) is None
    assert warnings.drop_percent(0, 5) == 0.0


@pytest.mark.parametrize(
    ("amount", "action"),
    [
        (0, "open"),  # a 100% drop: serious at once, not after the empty months
        (80000, "open"),
        (90001, "recover"),
        (100000, "recover"),
    ],
)
def test_drop_case_of_a_month(amount, action):
    level = warnings.drop_level(100000, amount, 10, 20)
    assert warnings.drop_case_action(level, amount) == action


def test_an_empty_month_is_a_serious_drop():
    assert warnings.drop_level(100000, 0, 10, 20) == "serious"
    assert warnings.drop_percent(100000, 0) == 100.0


def test_an_empty_month_without_a_reference_leaves_the_case_alone():
    assert warnings.drop_case_action(warnings.drop_level(0, 0, 10, 20), 0) is None


@pytest.mark.parametrize(
    ("recent", "earlier", "lost"),
    [
        ([0, 0, 0], [1000, 0, 500], True),
        ([0, 10, 0], [1000, 1000, 1000], False),
        ([0, 0, 0], [0, 0, 0], False),  # never had revenue: not lost
        ([-50, 0], [100], True),  # refunds only
        ([], [100], False),
    ],
)
def test_lost_accounts(recent, earlier, lost):
    assert warnings.is_lost(recent, earlier) is lost


def test_more_severe():
    assert warnings.more_severe("warning", "serious") == "serious"
    assert warnings.more_severe("lost", "serious") == "lost"
    assert warnings.more_severe(None, "warning") == "warning"


review = load_tool("key_account_service", "manager_review")


@pytest.mark.parametrize("criterion", review.PROMOTION)
def test_any_one_promotion_criterion_promotes(criterion):
    assert review.propose({criterion: True}) == ("promote", [criterion])


@pytest.mark.parametrize("criterion", review.DEMOTION)
def test_one_demotion_criterion_alone_keeps_the_grade(criterion):
    assert review.propose({criterion: True})[0] == "keep"


def test_any_two_demotion_criteria_demote_even_with_a_promotion():
    facts = {"task_missed": True, "revenue_decline": True, "new_customer": True}
    assert review.propose(facts) == ("demote", ["task_missed", "revenue_decline"])


@pytest.mark.parametrize("criterion", review.DISMISSAL)
def test_any_one_dismissal_criterion_dismisses(criterion):
    facts = dict.fromkeys(review.PROMOTION + review.DEMOTION, True) | {criterion: True}
    assert review.propose(facts) == ("dismiss", [criterion])


@given(
    st.dictionaries(
        st.sampled_from(review.PROMOTION + review.DEMOTION + review.DISMISSAL),
        st.booleans(),
    )
)
def test_the_proposal_follows_the_counts(facts):
    decision, reasons = review.propose(facts)
    met = {name for name, value in facts.items() if value}
    if met & set(review.DISMISSAL):
        assert decision == "dismiss"
    elif len(met & set(review.DEMOTION)) >= 2:
        assert decision == "demote"
    elif met & set(review.PROMOTION):
        assert decision == "promote"
    else:
        assert decision == "keep"
    assert set(reasons) <= met


def test_growth_percent():
    assert review.growth_percent(100000, 130000) == 30.0
    assert review.growth_percent(100000, 90000) == -10.0
    assert review.growth_percent(0, 5000) == 0.0


H1 = (date(2026, 1, 1), date(2026, 6, 30))


@pytest.mark.parametrize(
    ("periods", "held"),
    [
        ([(date(2026, 1, 1), date(2026, 6, 30))], True),
        (  # month by month, as the roster has it
            [
                (date(2026, m, 1), date(2026, m, 1) + timedelta(days=27))
                for m in range(1, 7)
            ],
            False,  # the 29th-31st are missing
        ),
        ([(date(2026, 1, 1), date(2026, 3, 14)), (date(2026, 3, 15), H1[1])], True),
        ([(date(2026, 1, 1), date(2026, 3, 13)), (date(2026, 3, 15), H1[1])], False),
        ([(date(2026, 1, 2), H1[1])], False),  # one day late: handed over
        ([(date(2026, 1, 1), date(2026, 6, 29))], False),  # one day short: moved
        ([(date(2025, 12, 1), date(2026, 12, 31))], True),
        ([], False),
    ],
)
def test_held_the_whole_half_year(periods, held):
    assert review.held_throughout(periods, *H1) is held


@pytest.mark.parametrize(
    ("nets", "counts"),
    [
        ([50000, 50000, 50000], True),  # 五万元以上: inclusive
        ([50000, 50000, 49999.97], False),  # 49,999.99 a month
        ([150000, 0, 0], True),
        ([60000, 60000], False),  # not three months yet
    ],
)
def test_introduced_customer_of_50000_a_month(nets, counts):
    assert review.introduced(nets, 50000) is counts


def test_evaluation_counts():
    results = ["good", "pass", "fail", "good", "fail", "good"]
    assert review.evaluation_counts(results) == (3, 2)
    assert review.evaluation_counts([]) == (0, 0)


@pytest.mark.parametrize(
    ("good", "growth", "met"),
    [(3, 20.0, True), (6, 35.0, True), (2, 50.0, False), (3, 19.9, False)],
)
def test_good_evaluations_and_overall_growth(good, growth, met):
    assert review.good_evaluations_and_growth(good, 3, growth, 20.0) is met


def test_promotion_steps():
    assert review.promotion_steps(4, 5) == 1
    assert review.promotion_steps(4, 7) == 3
    assert review.promotion_steps(4, 4) == 0


commission = load_tool("key_account_service", "commission")
RateRow = commission.RateRow
# CM-1: commission bands 1-10, 10-20, 20-40, 40+ (x 10,000) at 2, 2, 1.8, 1.5%.
COMMISSION_BANDS = [
    Band(1, 10000, 100000),
    Band(2, 100000, 200000),
    Band(3, 200000, 400000),
    Band(4, 400000, None),
]
RATE_ROWS = [
    RateRow("band", 2.0, band=1),
    RateRow("band", 2.0, band=2),
    RateRow("band", 1.8, band=3),
    RateRow("band", 1.5, band=4),
    RateRow("new_account", 3.0, months=3),
    RateRow("national", 2.0),
]
OLD = date(2024, 1, 1)


@pytest.mark.parametrize(
    ("base", "rate"),
    [
        (10000, 2.0),
        (99999.99, 2.0),
        (100000, 2.0),
        (199999.99, 2.0),
        (200000, 1.8),
        (399999.99, 1.8),
        (400000, 1.5),
        (5000000, 1.5),
        (9999, None),
    ],
)
def test_the_manuals_rates_at_each_band_boundary(base, rate):
    month = date(2026, 5, 1)
    assert (
        commission.commission_rate(
            month, OLD, base, "branch", None, RATE_ROWS, COMMISSION_BANDS
        )
        == rate
    )


def test_new_accounts_earn_3_percent_for_exactly_three_months():
    start = date(2026, 1, 15)
    rates = [
        commission.commission_rate(
            date(2026, m, 1), start, 500000, "branch", None, RATE_ROWS, COMMISSION_BANDS
        )
        for m in range(1, 6)
    ]
    assert rates == [3.0, 3.0, 3.0, 1.5, 1.5]


def test_national_accounts_earn_2_percent_after_their_first_months():
    month = date(2026, 5, 1)
    assert (
        commission.commission_rate(
            month, OLD, 500000, "national", None, RATE_ROWS, COMMISSION_BANDS
        )
        == 2.0
    )


def test_a_grade_row_wins_over_the_general_row():
    rows = [*RATE_ROWS, RateRow("band", 2.5, band=4, grade="senior_a")]
    month = date(2026, 5, 1)
    for grade, rate in (("senior_a", 2.5), ("manager_c", 1.5), (None, 1.5)):
        assert (
            commission.commission_rate(
                month, OLD, 500000, "branch", grade, rows, COMMISSION_BANDS
            )
            == rate
        )


def test_fixed_base_of_an_account_started_on_the_first():
    nets = {
        date(2026, 1, 1): 90000,
        date(2026, 2, 1): 120000,
        date(2026, 3, 1): 150000,
        date(2026, 4, 1): 900000,
    }
    assert commission.fixed_base(date(2026, 1, 1), nets) == 120000


def test_fixed_base_weights_the_month_the_three_months_end_in():
    # Started on 16 January: January whole, February and March, then 15 of
    # April's 30 days.
    nets = {
        date(2026, 1, 1): 60000,
        date(2026, 2, 1): 120000,
        date(2026, 3, 1): 120000,
        date(2026, 4, 1): 120000,
    }
    assert (
        commission.fixed_base(date(2026, 1, 16), nets) == (60000 + 240000 + 60000) / 3
    )


@given(
    st.floats(min_value=0, max_value=1e8, allow_nan=False),
    st.floats(min_value=10000, max_value=1e8, allow_nan=False),
)
def test_commission_never_exceeds_rate_times_collected(collected, base):
    rate = commission.commission_rate(
        date(2026, 5, 1), OLD, base, "branch", None, RATE_ROWS, COMMISSION_BANDS
    )
    assert rate in (2.0, 1.8, 1.5)
    assert commission.commission(collected, rate) <= collected * rate / 100
