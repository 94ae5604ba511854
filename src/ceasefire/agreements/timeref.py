"""Time references of agreements: what "by 20 November" and "as of 2020-11-21" mean as instants.

Interpretations (documented in docs/agreement-format.md):
- a date written alone (`2020-11-20`) as a deadline means the end of that day in the agreement's
  time zone, i.e. the instant the next day begins there; a month (`2023-11`) means its end;
- a date as an `as-of` moment means the last instant of that day in the agreement's time zone:
  the state of things when the day is over, before anything dated the next day;
- a datetime without an offset is read in the agreement's time zone; with an offset, as written.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Precision(StrEnum):
    EXACT = "exact"
    DAY = "day"
    MONTH = "month"


@dataclass(frozen=True)
class TimeRef:
    """A written time (`label`) and the instants it spans: [start, end)."""

    label: str
    start: dt.datetime
    end: dt.datetime
    precision: Precision


def parse_timeref(value: object, tz: ZoneInfo) -> TimeRef:
    """Parse a date, month or datetime written in a file or on the command line.

    Raises ValueError with a message that says what was expected.
    """
    if isinstance(value, dt.datetime):
        start = value if value.tzinfo else value.replace(tzinfo=tz)
        return TimeRef(value.isoformat(), start, start, Precision.EXACT)
    if isinstance(value, dt.date):
        return _day(value, tz)
    if not isinstance(value, str):
        raise ValueError(
            f"expected a date (YYYY-MM-DD), month (YYYY-MM) or datetime, got {value!r}"
        )
    text = value.strip()
    month = _MONTH.match(text)
    if month:
        year, mon = int(month.group(1)), int(month.group(2))
        if not 1 <= mon <= 12:
            raise ValueError(f"malformed month {text!r}: month must be 01 to 12")
        first = dt.datetime(year, mon, 1, tzinfo=tz)
        last_day = calendar.monthrange(year, mon)[1]
        end = dt.datetime.combine(
            dt.date(year, mon, last_day) + dt.timedelta(days=1), dt.time(), tz
        )
        return TimeRef(text, first, end, Precision.MONTH)
    if _DATE.match(text):
        try:
            return _day(dt.date.fromisoformat(text), tz)
        except ValueError as exc:
            raise ValueError(f"malformed date {text!r}: {exc}") from None
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(
            f"malformed date {text!r}: expected YYYY-MM-DD, YYYY-MM or an ISO 8601 datetime"
        ) from None
    start = moment if moment.tzinfo else moment.replace(tzinfo=tz)
    return TimeRef(text, start, start, Precision.EXACT)


def _day(day: dt.date, tz: ZoneInfo) -> TimeRef:
    start = dt.datetime.combine(day, dt.time(), tz)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tz)
    return TimeRef(day.isoformat(), start, end, Precision.DAY)


def deadline_instant(ref: TimeRef) -> dt.datetime:
    """The instant a deadline expires: the end of the written day or month, or the exact moment."""
    return ref.end


def as_of_instant(value: object, tz: ZoneInfo) -> dt.datetime:
    """The instant an `as of` date or datetime stands for: a date means its last instant (the
    state once the day is over, before anything dated the next day), a datetime itself."""
    ref = parse_timeref(value, tz)
    return ref.end - dt.timedelta(microseconds=1) if ref.end > ref.start else ref.start


def query_window(
    start: str | None, end: str | None, tz: ZoneInfo | None = None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The [from, before) instants of a filter written as dates, months or ISO datetimes (in `tz`,
    UTC by default, when no offset is given): a date or month `end` is included whole, an exact
    `end` is included itself. Raises ValueError naming the parameter."""
    zone = tz or ZoneInfo("UTC")
    begin = before = None
    try:
        if start:
            begin = parse_timeref(start, zone).start
    except ValueError as exc:
        raise ValueError(f"start: {exc}") from None
    try:
        if end:
            ref = parse_timeref(end, zone)
            before = ref.end if ref.end > ref.start else ref.end + dt.timedelta(microseconds=1)
    except ValueError as exc:
        raise ValueError(f"end: {exc}") from None
    return begin, before


def add_months(moment: dt.datetime, months: int) -> dt.datetime:
    """`moment` moved by whole calendar months, clamping the day to the month's length."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)
