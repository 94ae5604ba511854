"""The compliance timeline: where each obligation's window, deadlines, amendments and evidence sit
on a common time axis. Pure functions over plain values; positions are percentages of the axis."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from ceasefire import i18n


class MarkKind(StrEnum):
    DEADLINE = "deadline"
    SUPERSEDED_DEADLINE = "superseded-deadline"
    AMENDMENT = "amendment"
    EVIDENCE = "evidence"


@dataclass(frozen=True)
class Span:
    """One obligation as the timeline needs it: instants only, labels for people."""

    obligation: str
    effective_from: dt.datetime
    deadline: dt.datetime | None = None  # the deadline in force at the as-of moment
    original_deadline: dt.datetime | None = None  # before any amendment applied
    standing: bool = False
    amendments: tuple[tuple[str, dt.datetime], ...] = ()  # (id, decided at), applied ones
    evidence: tuple[tuple[str, dt.datetime], ...] = ()  # (id, last instant), counted ones


@dataclass(frozen=True)
class Mark:
    kind: MarkKind
    position: float
    label: str


@dataclass(frozen=True)
class Row:
    obligation: str
    bar_start: float
    bar_end: float
    open_ended: bool  # the window runs past the axis' end
    marks: tuple[Mark, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Axis:
    start: dt.datetime
    end: dt.datetime
    ticks: tuple[tuple[float, str], ...]
    as_of: float | None


def axis_bounds(
    effective: dt.datetime, as_of: dt.datetime, *, min_days: int = 30, margin_days: int = 3
) -> tuple[dt.datetime, dt.datetime]:
    """From a few days before the agreement took effect to a few days after the as-of moment,
    at least `min_days` long, so the first weeks (when the deadlines fall) stay readable."""
    start = effective - dt.timedelta(days=margin_days)
    end = max(as_of, effective + dt.timedelta(days=min_days)) + dt.timedelta(days=margin_days)
    return start, end


def position(moment: dt.datetime, start: dt.datetime, end: dt.datetime) -> float:
    """Where `moment` falls on [start, end], in percent, clamped to 0..100."""
    span = (end - start).total_seconds()
    if span <= 0:
        return 0.0
    value = (moment - start).total_seconds() / span * 100
    return round(min(100.0, max(0.0, value)), 2)


def _within(moment: dt.datetime, start: dt.datetime, end: dt.datetime) -> bool:
    return start <= moment <= end


def ticks(start: dt.datetime, end: dt.datetime, *, most: int = 8) -> tuple[tuple[float, str], ...]:
    """Tick marks on day, week, month or year boundaries (UTC), at most `most` of them."""
    days = (end - start).total_seconds() / 86400
    if days <= most:
        step, fmt = "day", "d MMM"
    elif days <= most * 7:
        step, fmt = "week", "d MMM"
    elif days <= most * 31:
        step, fmt = "month", "LLL y"
    else:
        step, fmt = "year", "y"
    moment = start.astimezone(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    found: list[tuple[float, str]] = []
    years_per_tick = max(1, int(days / 365 / most) + 1)
    while moment <= end and len(found) < 200:
        if step == "day":
            moment += dt.timedelta(days=1)
        elif step == "week":
            moment += dt.timedelta(days=7 - moment.weekday())  # next Monday
        elif step == "month":
            moment = (moment.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        else:
            moment = moment.replace(year=moment.year + years_per_tick, month=1, day=1)
        if start <= moment <= end:
            found.append((position(moment, start, end), i18n.format_date(moment, fmt)))
    return tuple(found[:most])


def build_row(span: Span, start: dt.datetime, end: dt.datetime) -> Row:
    """The bar (effective -> deadline, or to the axis' end when standing) and its marks."""
    window_end = span.deadline if span.deadline is not None and not span.standing else end
    marks: list[Mark] = []
    if span.deadline is not None and _within(span.deadline, start, end):
        marks.append(Mark(MarkKind.DEADLINE, position(span.deadline, start, end), "deadline"))
    if (
        span.original_deadline is not None
        and span.original_deadline != span.deadline
        and _within(span.original_deadline, start, end)
    ):
        marks.append(
            Mark(
                MarkKind.SUPERSEDED_DEADLINE,
                position(span.original_deadline, start, end),
                "original deadline",
            )
        )
    for amendment, decided in span.amendments:
        if _within(decided, start, end):
            marks.append(Mark(MarkKind.AMENDMENT, position(decided, start, end), amendment))
    for evidence, moment in span.evidence:
        if _within(moment, start, end):
            marks.append(Mark(MarkKind.EVIDENCE, position(moment, start, end), evidence))
    return Row(
        obligation=span.obligation,
        bar_start=position(span.effective_from, start, end),
        bar_end=position(window_end, start, end),
        open_ended=window_end > end,
        marks=tuple(sorted(marks, key=lambda m: (m.position, m.kind))),
    )


def build_axis(
    effective: dt.datetime, as_of: dt.datetime, **bounds: int
) -> tuple[Axis, dt.datetime, dt.datetime]:
    start, end = axis_bounds(effective, as_of, **bounds)
    as_of_pos = position(as_of, start, end) if _within(as_of, start, end) else None
    return Axis(start, end, ticks(start, end), as_of_pos), start, end
