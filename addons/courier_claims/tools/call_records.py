"""Reading the telephone switch's call records (CL-9), without Odoo.

Asterisk writes one line per call to ``Master.csv``, without a header, in a
fixed column order; other switches export a CSV whose columns a mapping
names. Each line becomes a :class:`CallRow`, or a :class:`CallRowError`
saying what is wrong with it in words the importer shows with the line.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

# Asterisk's cdr-csv column order (Master.csv), no header line
ASTERISK_COLUMNS = (
    "accountcode",
    "src",
    "dst",
    "dcontext",
    "clid",
    "channel",
    "dstchannel",
    "lastapp",
    "lastdata",
    "start",
    "answer",
    "end",
    "duration",
    "billsec",
    "disposition",
    "amaflags",
    "uniqueid",
    "userfield",
)
ASTERISK_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"

# the switch's words for how a call ended, and ours
DISPOSITIONS = {
    "ANSWERED": "answered",
    "NO ANSWER": "no_answer",
    "NOANSWER": "no_answer",
    "NO_ANSWER": "no_answer",
    "BUSY": "busy",
    "FAILED": "failed",
    "CONGESTION": "congestion",
}

# SIP/8001-0000abcd, PJSIP/8001-00000012, Agent/8001, Local/8001@from-queue-1;1
_CHANNEL = re.compile(r"^[A-Za-z0-9_]+/([^-@;/,]+)")
_NOT_DIGIT = re.compile(r"\D")


class CallRowError(ValueError):
    """What is wrong with a line: a ``code`` the importer words (and
    translates) with ``values``."""

    def __init__(self, reason_code, /, **values):
        super().__init__(reason_code, values)
        self.code = reason_code
        self.values = values


@dataclass(slots=True)
class CallRow:
    """One call as the switch recorded it; times are naive UTC."""

    uniqueid: str
    caller: str
    called: str
    agent_code: str
    queue_code: str
    # the line names the queue (a Queue application, a queue column): it
    # must exist, where a dial context may be no queue at all
    queue_named: bool
    start: datetime
    answer: datetime | None
    end: datetime | None
    disposition: str


def agent_code(channel):
    """The agent's code in a channel name: its extension or agent login,
    '' for no channel."""
    match = _CHANNEL.match((channel or "").strip())
    return match.group(1) if match else ""


def queue_code(dcontext, lastapp, lastdata):
    """The queue a call waited in: for the ``Queue`` application the queue
    named first in its arguments, else the dial context."""
    if (lastapp or "").strip().lower() == "queue" and (lastdata or "").strip():
        return lastdata.split(",")[0].split("|")[0].strip()
    return (dcontext or "").strip()


def phone_key(number):
    """A number reduced to the digits that identify it: no punctuation, no
    international prefix or China's country code, no trunk zero; '' when
    too short to be a customer's number."""
    digits = _NOT_DIGIT.sub("", number or "")
    digits = digits.removeprefix("00")
    if digits.startswith("86") and len(digits) > 11:
        digits = digits[2:]
    digits = digits.lstrip("0")
    return digits if len(digits) >= 7 else ""


def disposition(value):
    """Our disposition for the switch's word."""
    word = " ".join((value or "").upper().replace("_", " ").split())
    found = DISPOSITIONS.get(word) or DISPOSITIONS.get(word.replace(" ", ""))
    if not found:
        raise CallRowError("disposition", value=value)
    return found


def call_seconds(start, answer, end):
    """(wait, talk) in whole seconds: the wait runs from the start to the
    answer, or to the end when nobody answered; the talk from the answer to
    the end."""
    if not start:
        return 0, 0
    until = answer or end or start
    wait = int((until - start).total_seconds())
    talk = int((end - answer).total_seconds()) if answer and end else 0
    return wait, talk


def parse_time(value, time_format, tz, field):
    """A switch time (local to ``tz``, a tzinfo) as naive UTC; None if empty."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        if time_format == ASTERISK_TIME_FORMAT:
            local = datetime.fromisoformat(value)
            if local.tzinfo is None:
                # the offset of the minute, looked up once per minute
                return local - _utc_offset(tz, value[:16])
        else:
            local = datetime.strptime(value, time_format)
    except ValueError:
        raise CallRowError(
            "time", field=field, value=value, format=time_format
        ) from None
    if local.tzinfo is None:
        local = local.replace(tzinfo=tz)
    return local.astimezone(UTC).replace(tzinfo=None)


def build_row(values, tz, time_format=ASTERISK_TIME_FORMAT):
    """A :class:`CallRow` from a line's values by our names (``uniqueid``,
    ``caller``, ``called``, ``channel`` or ``agent``, ``dcontext``/``lastapp``/
    ``lastdata`` or ``queue``, ``start``, ``answer``, ``end``, ``disposition``,
    or ``wait`` and ``talk`` seconds instead of the answer and end)."""
    uniqueid = (values.get("uniqueid") or "").strip()
    if not uniqueid:
        raise CallRowError("uniqueid")
    outcome = disposition(values.get("disposition"))
    start = parse_time(values.get("start"), time_format, tz, "start")
    if not start:
        raise CallRowError("start")
    answer = parse_time(values.get("answer"), time_format, tz, "answer")
    end = parse_time(values.get("end"), time_format, tz, "end")
    if values.get("wait") not in (None, "") or values.get("talk") not in (None, ""):
        wait, talk = _seconds(values.get("wait")), _seconds(values.get("talk"))
        answer = start + timedelta(seconds=wait) if outcome == "answered" else None
        end = (
            (answer + timedelta(seconds=talk))
            if answer
            else (start + timedelta(seconds=wait))
        )
    if outcome != "answered":
        # Asterisk leaves the answer empty, some switches repeat the start
        answer = None
    elif not answer:
        raise CallRowError("answer")
    if answer and answer < start:
        raise CallRowError("answer_order")
    if end and end < (answer or start):
        raise CallRowError("end_order")
    if "queue" in values:
        queue = (values.get("queue") or "").strip()
        named = True
    else:
        queue = queue_code(
            values.get("dcontext"), values.get("lastapp"), values.get("lastdata")
        )
        named = (values.get("lastapp") or "").strip().lower() == "queue"
    if "agent" in values:
        agent = (values.get("agent") or "").strip()
    else:
        agent = agent_code(values.get("channel_agent"))
    return CallRow(
        uniqueid=uniqueid,
        caller=(values.get("caller") or "").strip(),
        called=(values.get("called") or "").strip(),
        agent_code=agent,
        queue_code=queue,
        queue_named=named,
        start=start,
        answer=answer,
        end=end,
        disposition=outcome,
    )


def asterisk_values(row):
    """A Master.csv line's values by our names."""
    if len(row) < len(ASTERISK_COLUMNS) - 1:  # the userfield may be missing
        raise CallRowError("columns", count=len(row), expected=len(ASTERISK_COLUMNS))
    named = dict(zip(ASTERISK_COLUMNS, row, strict=False))
    return {
        "uniqueid": named["uniqueid"],
        "caller": named["src"],
        "called": named["dst"],
        "channel_agent": named["dstchannel"],
        "dcontext": named["dcontext"],
        "lastapp": named["lastapp"],
        "lastdata": named["lastdata"],
        "start": named["start"],
        "answer": named["answer"],
        "end": named["end"],
        "disposition": named["disposition"],
    }


@lru_cache(maxsize=65536)
def _utc_offset(tz, minute):
    """``tz``'s offset from UTC at ``minute`` (YYYY-MM-DD HH:MM, local)."""
    return datetime.fromisoformat(minute).replace(tzinfo=tz).utcoffset()


def _seconds(value):
    try:
        seconds = int(float(value or 0))
    except ValueError:
        raise CallRowError("seconds", value=value) from None
    if seconds < 0:
        raise CallRowError("negative", value=value)
    return seconds
