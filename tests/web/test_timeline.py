"""The compliance timeline's arithmetic, without a database."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasefire.web import timeline
from ceasefire.web.timeline import MarkKind, Span

UTC = dt.UTC
T0 = dt.datetime(2020, 11, 10, tzinfo=UTC)


def day(n: int) -> dt.datetime:
    return T0 + dt.timedelta(days=n)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [(day(0), 0.0), (day(5), 50.0), (day(10), 100.0), (day(-3), 0.0), (day(30), 100.0)],
)
def test_position_is_a_clamped_percentage(moment: dt.datetime, expected: float) -> None:
    assert timeline.position(moment, day(0), day(10)) == expected


@pytest.mark.parametrize(
    ("as_of", "start", "end"),
    [
        (day(11), day(-3), day(33)),  # at least 30 days after the agreement took effect
        (day(100), day(-3), day(103)),  # a later as-of moment stretches the axis
    ],
)
def test_axis_bounds(as_of: dt.datetime, start: dt.datetime, end: dt.datetime) -> None:
    assert timeline.axis_bounds(T0, as_of) == (start, end)


@pytest.mark.parametrize(
    ("span", "bar", "kinds", "open_ended"),
    [
        (
            Span("a", day(0), deadline=day(10), original_deadline=day(10)),
            (0, 50),
            ["deadline"],
            False,
        ),
        (
            Span(
                "k",
                day(0),
                deadline=day(15),
                original_deadline=day(5),
                amendments=(("ext", day(5)),),
            ),
            (0, 75),
            ["amendment", "superseded-deadline", "deadline"],
            False,
        ),
        (Span("s", day(0), standing=True), (0, 100), [], False),
        (Span("far", day(0), deadline=day(400), original_deadline=day(400)), (0, 100), [], True),
        (
            Span("done", day(0), deadline=day(10), evidence=(("seen", day(8)),)),
            (0, 50),
            ["evidence", "deadline"],
            False,
        ),
    ],
)
def test_rows(span: Span, bar: tuple[float, float], kinds: list[str], open_ended: bool) -> None:
    row = timeline.build_row(span, day(0), day(20))
    assert (row.bar_start, row.bar_end) == bar
    assert [m.kind.value for m in row.marks] == kinds
    assert row.open_ended is open_ended
    assert all(isinstance(m.kind, MarkKind) for m in row.marks)


@pytest.mark.parametrize(
    ("days", "first_label"), [(6, "11 Nov"), (30, "16 Nov"), (200, "Dec 2020"), (2000, "2021")]
)
def test_ticks_fall_on_calendar_boundaries(days: int, first_label: str) -> None:
    ticks = timeline.ticks(day(0), day(days))
    assert ticks[0][1] == first_label
    assert 1 <= len(ticks) <= 8
    assert [p for p, _ in ticks] == sorted(p for p, _ in ticks)
