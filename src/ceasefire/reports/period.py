"""The period a daily report covers: from the previous day's cut-off to this day's (pure)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

_CUTOFF = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Period:
    """Moments after `start` up to and including `end` (both timezone-aware UTC)."""

    start: dt.datetime
    end: dt.datetime

    def contains(self, moment: dt.datetime) -> bool:
        return self.start < moment <= self.end


def parse_cutoff(value: str) -> dt.time:
    """`HH:MM` (24-hour clock) as a time of day."""
    match = _CUTOFF.match(value.strip())
    if match is None:
        raise ValueError(f"expected a cut-off time as HH:MM (e.g. 19:30), got {value!r}")
    return dt.time(int(match.group(1)), int(match.group(2)))


def parse_day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(
            f"expected a date as YYYY-MM-DD (e.g. 2020-12-11), got {value!r}"
        ) from None


def parse_moment(value: str) -> dt.datetime:
    """An ISO 8601 moment with its offset (`Z` for UTC)."""
    try:
        moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise ValueError(
            f"expected an ISO 8601 moment with its offset (e.g. 2020-12-11T16:30:00Z), got {value!r}"
        )
    return moment.astimezone(dt.UTC)


def report_period(day: dt.date, cutoff: dt.time, zone: ZoneInfo) -> Period:
    """The period of the report for `day`: (previous day at cut-off, `day` at cut-off], on the
    local clock of `zone` (so a day with a daylight-saving change is 23 or 25 hours long)."""
    end = dt.datetime.combine(day, cutoff, tzinfo=zone)
    start = dt.datetime.combine(day - dt.timedelta(days=1), cutoff, tzinfo=zone)
    return Period(start.astimezone(dt.UTC), end.astimezone(dt.UTC))
