"""The period of a daily report: local cut-offs, time zones, daylight saving, bad input."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ceasefire.reports.period import parse_cutoff, parse_day, report_period

UTC = dt.UTC


@pytest.mark.parametrize(
    ("day", "cutoff", "zone", "start", "end"),
    [
        (
            "2020-12-11",
            "19:30",
            "Europe/Moscow",
            dt.datetime(2020, 12, 10, 16, 30, tzinfo=UTC),
            dt.datetime(2020, 12, 11, 16, 30, tzinfo=UTC),
        ),
        (
            "2020-12-11",
            "00:00",
            "Asia/Baku",
            dt.datetime(2020, 12, 9, 20, 0, tzinfo=UTC),
            dt.datetime(2020, 12, 10, 20, 0, tzinfo=UTC),
        ),
        (  # the night the clocks go forward: a 23-hour period
            "2020-03-29",
            "19:30",
            "Europe/Berlin",
            dt.datetime(2020, 3, 28, 18, 30, tzinfo=UTC),
            dt.datetime(2020, 3, 29, 17, 30, tzinfo=UTC),
        ),
        (
            "2021-01-01",
            "23:59",
            "UTC",
            dt.datetime(2020, 12, 31, 23, 59, tzinfo=UTC),
            dt.datetime(2021, 1, 1, 23, 59, tzinfo=UTC),
        ),
    ],
)
def test_period(day: str, cutoff: str, zone: str, start: dt.datetime, end: dt.datetime) -> None:
    period = report_period(parse_day(day), parse_cutoff(cutoff), ZoneInfo(zone))
    assert (period.start, period.end) == (start, end)
    assert period.contains(end)
    assert not period.contains(start)


@pytest.mark.parametrize("value", ["19.30", "24:00", "7:30", "19:60", "", "noon"])
def test_bad_cutoff_is_explained(value: str) -> None:
    with pytest.raises(ValueError, match="HH:MM"):
        parse_cutoff(value)


@pytest.mark.parametrize("value", ["11/12/2020", "2020-13-01", "yesterday"])
def test_bad_day_is_explained(value: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_day(value)
