"""CL-9: reading the switch's call records, without Odoo."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from addon_files import load_tool

calls = load_tool("courier_claims", "call_records")

SHANGHAI = timezone(timedelta(hours=8))


@pytest.mark.parametrize(
    ("channel", "code"),
    [
        ("SIP/8001-0000abcd", "8001"),
        ("PJSIP/8002-00000012", "8002"),
        ("Agent/8003", "8003"),
        ("Local/8004@from-queue-00000001;1", "8004"),
        ("", ""),
        (None, ""),
    ],
)
def test_agent_code(channel, code):
    assert calls.agent_code(channel) == code


def test_queue_code():
    assert calls.queue_code("from-trunk", "Queue", "support,t,,,300") == "support"
    assert calls.queue_code("complaints", "Dial", "SIP/8001,30") == "complaints"
    assert calls.queue_code("from-trunk", "queue", "orders|t") == "orders"


@pytest.mark.parametrize(
    ("number", "key"),
    [
        ("+86 571 8888 1234", "57188881234"),
        ("0571-88881234", "57188881234"),
        ("008657188881234", "57188881234"),
        ("138-0013-8000", "13800138000"),
        ("+86 138 0013 8000", "13800138000"),
        ("8001", ""),  # an extension, not a customer's number
        (None, ""),
    ],
)
def test_phone_key(number, key):
    assert calls.phone_key(number) == key


@pytest.mark.parametrize(
    ("word", "ours"),
    [
        ("ANSWERED", "answered"),
        ("NO ANSWER", "no_answer"),
        ("no_answer", "no_answer"),
        ("Busy", "busy"),
        ("FAILED", "failed"),
        ("CONGESTION", "congestion"),
    ],
)
def test_disposition(word, ours):
    assert calls.disposition(word) == ours


def test_unknown_disposition():
    with pytest.raises(calls.CallRowError) as caught:
        calls.disposition("HUNG UP")
    assert caught.value.code == "disposition"


def _line(**changes):
    row = {
        "uniqueid": "1.1",
        "caller": "13800138000",
        "channel_agent": "SIP/8001-1",
        "dcontext": "from-trunk",
        "lastapp": "Queue",
        "lastdata": "support,t",
        "start": "2026-11-02 09:00:00",
        "answer": "2026-11-02 09:00:20",
        "end": "2026-11-02 09:02:20",
        "disposition": "ANSWERED",
    }
    return {**row, **changes}


def test_build_row_in_utc():
    row = calls.build_row(_line(), SHANGHAI)
    assert row.start == datetime(2026, 11, 2, 1, 0, 0)
    assert calls.call_seconds(row.start, row.answer, row.end) == (20, 120)
    assert (row.agent_code, row.queue_code, row.queue_named) == (
        "8001",
        "support",
        True,
    )


def test_unanswered_call_waits_until_its_end():
    row = calls.build_row(
        _line(disposition="NO ANSWER", answer="2026-11-02 09:00:00"), SHANGHAI
    )
    assert row.answer is None  # some switches repeat the start
    assert calls.call_seconds(row.start, row.answer, row.end) == (140, 0)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"uniqueid": " "}, "uniqueid"),
        ({"start": ""}, "start"),
        ({"answer": ""}, "answer"),
        ({"answer": "2026-11-02 08:59:59"}, "answer_order"),
        ({"end": "2026-11-02 09:00:19"}, "end_order"),
        ({"start": "02/11/2026"}, "time"),
    ],
)
def test_bad_rows(changes, code):
    with pytest.raises(calls.CallRowError) as caught:
        calls.build_row(_line(**changes), UTC)
    assert caught.value.code == code


def test_seconds_instead_of_times():
    row = calls.build_row(
        {
            "uniqueid": "x",
            "start": "04/11/2026 09:00:00",
            "disposition": "answered",
            "wait": "12",
            "talk": "200",
            "agent": "8001",
        },
        UTC,
        "%d/%m/%Y %H:%M:%S",
    )
    assert row.answer == datetime(2026, 11, 4, 9, 0, 12)
    assert row.end == datetime(2026, 11, 4, 9, 3, 32)
    assert row.queue_named is False


def test_asterisk_columns():
    line = [""] * 18
    line[16] = "1.1"
    assert calls.asterisk_values(line)["uniqueid"] == "1.1"
    with pytest.raises(calls.CallRowError):
        calls.asterisk_values(line[:10])


def test_times_follow_daylight_saving():
    """The offset is the local time's, on either side of a change."""
    from zoneinfo import ZoneInfo

    berlin = ZoneInfo("Europe/Berlin")
    fmt = calls.ASTERISK_TIME_FORMAT
    assert calls.parse_time("2026-03-29 01:30:00", fmt, berlin, "start") == datetime(
        2026, 3, 29, 0, 30
    )
    assert calls.parse_time("2026-03-29 03:30:00", fmt, berlin, "start") == datetime(
        2026, 3, 29, 1, 30
    )
