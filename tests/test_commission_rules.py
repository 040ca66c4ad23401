"""CM-2/CM-3 statement arithmetic (collections, exclusions, lines), without Odoo."""

from datetime import date

import pytest
from addon_files import load_tool
from hypothesis import given
from hypothesis import strategies as st

commission = load_tool("key_account_service", "commission")
Collection = commission.Collection


@pytest.mark.parametrize(
    ("collected", "rate", "expected"),
    [
        (100000.0, 2.0, 2000.0),
        (100000.0, 1.8, 1800.0),
        (333.33, 1.5, 4.99),  # 4.99995 is not paid as 5.00
        (0.0, 3.0, 0.0),
        (-500.0, 2.0, -10.0),  # a cash refund takes its commission back
    ],
)
def test_commission_is_rounded_down_to_the_cent(collected, rate, expected):
    assert commission.commission(collected, rate) == expected


def test_collected_net_is_the_untaxed_share():
    assert commission.collected_net(1060.0, 1000.0, 1060.0) == 1000.0
    assert commission.collected_net(530.0, 1000.0, 1060.0) == 500.0
    assert commission.collected_net(100.0, 0.0, 0.0) == 0.0


@pytest.mark.parametrize(
    ("invoice_date", "collected_on", "legal", "reason"),
    [
        (date(2026, 1, 31), date(2026, 7, 31), False, None),  # the last day earns
        (date(2026, 1, 31), date(2026, 8, 1), False, "late"),
        (date(2026, 8, 31), date(2027, 2, 28), False, None),  # clamped month end
        (date(2026, 8, 31), date(2027, 3, 1), False, "late"),
        (date(2026, 3, 10), date(2026, 3, 20), True, "legal"),
        (date(2026, 3, 10), date(2027, 3, 20), True, "legal"),
    ],
)
def test_six_month_forfeiture_and_legal_recovery(
    invoice_date, collected_on, legal, reason
):
    assert commission.exclusion_reason(invoice_date, collected_on, legal, 6) == reason


def test_settle_sums_per_line_and_keeps_exclusions_apart():
    lines = commission.settle(
        [
            Collection("acme", 2.0, 600.0),
            Collection("acme", 2.0, 400.0),
            Collection("acme", 2.0, 250.0, "late"),
            Collection("acme", 3.0, 100.0),
            Collection("acme", 2.0, 50.0, "legal"),
        ]
    )
    assert lines == {
        ("acme", 2.0): commission.LineTotals(1000.0, 250.0, 50.0, 20.0),
        ("acme", 3.0): commission.LineTotals(100.0, 0.0, 0.0, 3.0),
    }


NETS = st.floats(min_value=-1e6, max_value=1e7, allow_nan=False).map(
    lambda x: round(x, 2)
)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c"]),
            st.sampled_from([1.5, 1.8, 2.0, 3.0]),
            NETS,
            st.sampled_from([None, None, "late", "legal"]),
        ),
        max_size=40,
    )
)
def test_total_commission_never_exceeds_rate_times_collected(rows):
    collections = [Collection(*row) for row in rows]
    lines = commission.settle(collections)
    earned = sum(c.net * c.rate / 100 for c in collections if c.excluded is None)
    assert sum(line.commission for line in lines.values()) <= earned + 1e-6
    # every collection is either collected or excluded, never lost or counted twice
    total = sum(
        line.collected + line.excluded_late + line.excluded_legal
        for line in lines.values()
    )
    assert total == pytest.approx(sum(c.net for c in collections), abs=0.01 * 40)
    # an excluded collection never earns
    for line in lines.values():
        if line.collected == 0:
            assert line.commission == 0
