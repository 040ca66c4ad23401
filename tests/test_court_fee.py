"""LG-5 court fee rule, checked against the manual's own closed-form table."""

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from addon_files import ADDONS, load_tool
from hypothesis import given
from hypothesis import strategies as st

court_fee = load_tool("cs_legal", "court_fee")
Bracket = court_fee.Bracket
D = Decimal

DATA = ADDONS / "cs_legal" / "data" / "legal_fee_schedule_data.xml"


def shipped_schedule(xmlid):
    """The brackets of a schedule as shipped in the addon's data file."""
    text = DATA.read_text()
    record = text.split(f'id="{xmlid}"', 1)[1].split("</record>", 1)[0]
    rows = re.findall(
        r"'amount_from': ([\d.]+), 'fixed_fee': ([\d.]+), 'rate': ([\d.]+)", record
    )
    starts = [D(row[0]) for row in rows]
    return [
        Bracket(start, starts[i + 1] if i + 1 < len(starts) else None, D(f), D(r))
        for i, (start, (_, f, r)) in enumerate(zip(starts, rows, strict=True))
    ]


MANUAL = shipped_schedule("legal_fee_schedule_manual")
NATIONAL = shipped_schedule("legal_fee_schedule_national_2007")

# The handbook (000 section 7) states each bracket as "claim x rate + constant".
MANUAL_TABLE = [
    (D(1000), D(50000), D("0.04"), D(10)),
    (D(50000), D(100000), D("0.03"), D(510)),
    (D(100000), D(200000), D("0.02"), D(1510)),
    (D(200000), D(500000), D("0.015"), D(2510)),
    (D(500000), D(1000000), D("0.01"), D(5010)),
    (D(1000000), None, D("0.005"), D(10010)),
]


@pytest.mark.parametrize(
    ("amount", "fee"),
    [(0, 50), (800, 50), (1000, 50), (20000, 810), (100000, 3510), (2000000, 20010)],
)
def test_manual_schedule_figures(amount, fee):
    assert court_fee.court_fee(amount, MANUAL) == D(fee)


@pytest.mark.parametrize(
    ("amount", "fee"),
    [(10000, 50), (100000, 2300), (250000, 5050), (1000000, 13800), (30000000, 191800)],
)
def test_national_schedule_figures(amount, fee):
    assert court_fee.court_fee(amount, NATIONAL) == D(fee)


@given(st.decimals(min_value=1000, max_value=10**8, places=2))
def test_marginal_schedule_matches_manual_closed_form(amount):
    rate, constant = D(0), D(50)
    for low, high, row_rate, row_constant in MANUAL_TABLE:
        if amount > low and (high is None or amount <= high):
            rate, constant = row_rate, row_constant
    expected = (amount * rate + constant).quantize(D("0.01"), rounding=ROUND_HALF_UP)
    assert court_fee.court_fee(amount, MANUAL) == expected


@given(
    st.decimals(min_value=0, max_value=10**9, places=2),
    st.decimals(min_value=0, max_value=10**9, places=2),
)
def test_fee_never_falls_as_the_claim_grows(first, second):
    low, high = sorted((first, second))
    for schedule in (MANUAL, NATIONAL):
        assert court_fee.court_fee(low, schedule) <= court_fee.court_fee(high, schedule)


@pytest.mark.parametrize(
    ("brackets", "message"),
    [
        ([], "at least one"),
        ([Bracket(D(10), None, D(50), D(0))], "starts at 10"),
        ([Bracket(D(0), D(100), D(50), D(0))], "open-ended"),
        (
            [Bracket(D(0), None, D(50), D(0)), Bracket(D(100), None, D(0), D(1))],
            "Only the last",
        ),
        (
            [Bracket(D(0), D(100), D(50), D(0)), Bracket(D(200), None, D(0), D(1))],
            "expected 100",
        ),
        ([Bracket(D(0), None, D(-1), D(0))], "negative"),
    ],
)
def test_broken_schedules_are_refused(brackets, message):
    with pytest.raises(court_fee.BracketError, match=message):
        court_fee.check_brackets(brackets)


def test_negative_claim_is_refused():
    with pytest.raises(ValueError, match="negative"):
        court_fee.court_fee(-1, MANUAL)
