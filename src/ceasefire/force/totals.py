"""Running totals of counted series (returns of displaced people, demining): pure.

A source gives a day's figure, a running total, or both. The total at a moment is the latest
total the source gave by then plus the day's figures dated after it; a series with no total
given yet adds up its days' figures. Where a source's total disagrees with the figures before it,
the source's total wins from its date on (it is what the source says), and the gap is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ceasefire.agreements.specs import TICK


@dataclass(frozen=True)
class Entry:
    """One entry of a series, as stored."""

    id: str
    series: str
    start: dt.datetime
    end: dt.datetime
    label: str
    value: float | None
    total: float | None
    unit: str = ""
    source: str = ""


@dataclass(frozen=True)
class Point:
    """A series at one entry: the day's figure, the running total after it, and how far the
    source's own total (if it gave one) differs from the figures added up before it."""

    entry: Entry
    total: float
    gap: float | None


def running(entries: Iterable[Entry]) -> dict[str, list[Point]]:
    """Each series' points in date order (then id), with the running total after each."""
    by_series: dict[str, list[Entry]] = {}
    for entry in entries:
        by_series.setdefault(entry.series, []).append(entry)
    out: dict[str, list[Point]] = {}
    for series, items in by_series.items():
        items.sort(key=lambda e: (e.end, e.start, e.id))
        total = 0.0
        points = []
        for position, entry in enumerate(items):
            added = total + (entry.value or 0.0)
            gap = None
            if entry.total is not None:
                if position and entry.total != added:
                    gap = entry.total - added
                total = entry.total
            else:
                total = added
            points.append(Point(entry, total, gap))
        out[series] = points
    return out


def as_of(points: list[Point], moment: dt.datetime) -> Point | None:
    """The series' last point counted by `moment` (an entry counts once its day is over)."""
    counted = [p for p in points if last_instant(p.entry) <= moment]
    return counted[-1] if counted else None


def last_instant(entry: Entry) -> dt.datetime:
    return entry.end - TICK if entry.end > entry.start else entry.start
