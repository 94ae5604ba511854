"""The sweep (`compliance_series`) against `compliance_at` on random workloads and moments."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ceasefire.agreements.specs import (
    TICK,
    AmendmentSpec,
    Effect,
    Limit,
    ObligationSpec,
    Observation,
    Term,
)
from ceasefire.agreements.timeref import TimeRef, add_months, parse_timeref
from tests.compliance.test_sweep import BERLIN, MSK, START, UTC, Workload, check

MEASURES = ("personnel", "vehicles")
DURATIONS = [
    dt.timedelta(0),  # exact
    TICK,
    dt.timedelta(hours=1),
    dt.timedelta(days=1),
    dt.timedelta(days=31),
]
hours = st.integers(min_value=-72, max_value=24 * 380)
# wall-clock times around Berlin's DST changes: 02:xx is skipped on 2021-03-28 and happens twice
# (fold 0, then fold 1) on 2021-10-31
DST_TIMES = [
    dt.datetime(day.year, day.month, day.day, h, m, fold=f)
    for day in (dt.date(2021, 3, 28), dt.date(2021, 10, 31))
    for h in (1, 2, 3)
    for m in (0, 15, 45)
    for f in (0, 1)
]
limits = st.builds(Limit, st.sampled_from(MEASURES), st.sampled_from([10.0, 20.0]))
limit_sets = st.lists(limits, max_size=2).map(tuple)
some_limits = st.lists(limits, min_size=1, max_size=2).map(tuple)
terms = st.builds(
    Term,
    months=st.integers(1, 4),
    renewal_months=st.none() | st.integers(1, 3),
    # agreement files have notice_months >= 0; the rule takes any, and so must the sweep
    notice_months=st.integers(-1, 2),
)


@st.composite
def timerefs(draw: st.DrawFn, zone: ZoneInfo) -> TimeRef:
    """A deadline written as a day, a month or an exact time."""
    moment = START.astimezone(zone) + dt.timedelta(hours=draw(st.integers(0, 24 * 200)))
    kind = draw(st.sampled_from(["day", "month", "exact"]))
    if kind == "day":
        return parse_timeref(moment.date().isoformat(), zone)
    if kind == "month":
        return parse_timeref(moment.strftime("%Y-%m"), zone)
    return parse_timeref(moment.replace(tzinfo=None).isoformat(), zone)


@st.composite
def workloads(draw: st.DrawFn, around_dst: bool = False) -> tuple[Workload, list[dt.datetime]]:
    """Obligations of every kind, amendments, observations and moments (`around_dst`: in Berlin,
    mostly at the wall-clock times its DST changes skip or repeat)."""
    zone = BERLIN if around_dst else draw(st.sampled_from([MSK, BERLIN]))
    base = START.astimezone(zone)

    def instant() -> dt.datetime:
        if draw(st.integers(0, 9)) < (8 if around_dst else 1):
            return draw(st.sampled_from(DST_TIMES)).replace(tzinfo=zone)
        # wall-clock arithmetic in the zone
        return base + dt.timedelta(hours=draw(hours), minutes=draw(st.sampled_from([0, 30])))

    # every kind at least once, then a few drawn freely
    kinds = ["deadline", "no-deadline", "standing", "term", "limits"]
    kinds += draw(st.lists(st.sampled_from(kinds), max_size=3))
    specs = []
    for i, kind in enumerate(kinds):
        specs.append(
            ObligationSpec(
                id=f"ob{i}",
                provision=str(i),
                parties=("ARM",),
                action="hand-over",
                effective_from=base + dt.timedelta(hours=draw(st.integers(0, 24 * 30))),
                deadline=draw(timerefs(zone))
                if kind == "deadline" or (kind != "no-deadline" and draw(st.booleans()))
                else None,
                standing=kind in {"standing", "term", "limits"} or draw(st.booleans()),
                term=draw(terms) if kind == "term" else draw(st.none() | terms),
                limits=draw(some_limits) if kind == "limits" else draw(limit_sets),
            )
        )
    ids = [s.id for s in specs]
    amendments = [
        AmendmentSpec(
            f"a{j}",
            draw(st.sampled_from(ids)),
            instant(),
            draw(st.none() | timerefs(zone)),
            draw(st.none() | limit_sets),
        )
        for j in range(draw(st.integers(0, 5)))
    ]
    observations = []
    for _ in range(draw(st.integers(0, 40))):
        start = instant()
        effect = draw(st.sampled_from(list(Effect)))
        figures = {
            m: draw(st.sampled_from([5.0, 10.0, 15.0, 20.0, 25.5]))
            for m in draw(st.lists(st.sampled_from(MEASURES), max_size=2, unique=True))
        }
        observations.append(
            Observation(
                f"x{draw(st.integers(0, 30))}",  # repeated ids, ties in the order
                draw(st.sampled_from([*ids, "unknown"])),
                effect,
                start,
                start + draw(st.sampled_from(DURATIONS)),
                figures if effect is Effect.FIGURE or draw(st.booleans()) else {},
                draw(st.sampled_from(["", "as written"])),
            )
        )
    # the moments: around every instant something may change, and some anywhere
    marks = [s.effective_from for s in specs] + [a.decided_at for a in amendments]
    marks += [
        ref.end for ref in [*(s.deadline for s in specs), *(a.deadline for a in amendments)] if ref
    ]
    marks += [x for o in observations for x in (o.start, o.last, o.end)]
    for s in specs:
        if s.term is not None:
            end = add_months(s.effective_from, s.term.months)
            for _ in range(6):
                marks += [end, add_months(end, -s.term.notice_months)]
                end = add_months(end, s.term.renewal_months or 1)
    steps = [-dt.timedelta(hours=1), -TICK, dt.timedelta(0), TICK, dt.timedelta(hours=1)]
    near = st.builds(lambda m, d: m + d, st.sampled_from(marks), st.sampled_from(steps))
    anywhere = hours.map(lambda h: base + dt.timedelta(hours=h))
    moments = draw(st.lists(near | anywhere, min_size=1, max_size=25))
    moments += draw(st.lists(st.sampled_from(moments), max_size=5))  # repeats
    if draw(st.booleans()):  # some moments written in another zone
        moments = [m.astimezone(UTC) if draw(st.booleans()) else m for m in moments]
    return (specs, amendments, observations), draw(st.permutations(moments))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workloads())
def test_series_equals_compliance_at_at_every_moment(
    case: tuple[Workload, list[dt.datetime]],
) -> None:
    workload, moments = case
    check(workload, moments)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workloads(around_dst=True))
def test_series_equals_compliance_at_across_dst_changes(
    case: tuple[Workload, list[dt.datetime]],
) -> None:
    # where wall clock and UTC disagree, with some moments in UTC: the series must still give
    # what compliance_at gives, however it gets there
    workload, moments = case
    check(workload, moments)
