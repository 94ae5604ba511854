"""The sweep (`compliance_series`) against `compliance_at` one moment at a time: cases, properties."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
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
from ceasefire.compliance.rules import ComplianceRow, Status, compliance_at, compliance_series

MSK = ZoneInfo("Europe/Moscow")
BERLIN = ZoneInfo("Europe/Berlin")  # has DST: ambiguous and skipped wall-clock times
UTC = dt.UTC
START = dt.datetime(2020, 11, 10, tzinfo=MSK)

Workload = tuple[list[ObligationSpec], list[AmendmentSpec], list[Observation]]


def at(text: str) -> dt.datetime:
    """An exact instant written in Moscow time."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=MSK)


def one_off(**overrides: object) -> ObligationSpec:
    values: dict[str, object] = {
        "id": "ob",
        "provision": "2",
        "parties": ("ARM",),
        "action": "hand-over",
        "effective_from": START,
        "deadline": parse_timeref("2020-11-20", MSK),
    }
    values.update(overrides)
    return ObligationSpec(**values)  # type: ignore[arg-type]


def standing(**overrides: object) -> ObligationSpec:
    return one_off(**{"deadline": None, "standing": True, **overrides})


def seen(
    on: str, effect: Effect, ident: str = "x", figures: dict[str, float] | None = None
) -> Observation:
    ref = parse_timeref(on, MSK)
    return Observation(ident, "ob", effect, ref.start, ref.end, figures or {}, ref.label)


def last_of(on: str) -> dt.datetime:
    return seen(on, Effect.FULFILS).last


def amend(
    decided: dt.datetime, deadline: str | None = None, limits: tuple[Limit, ...] | None = None
) -> AmendmentSpec:
    return AmendmentSpec(
        "am", "ob", decided, parse_timeref(deadline, MSK) if deadline else None, limits
    )


def check(workload: Workload, moments: list[dt.datetime]) -> list[list[ComplianceRow]]:
    """The series equals one moment at a time; returns the series for further checks."""
    specs, amendments, observations = workload
    series = compliance_series(specs, amendments, observations, moments)
    assert series == [compliance_at(specs, amendments, observations, m) for m in moments]
    return series


CAP_100 = (Limit("personnel", 100),)
CAP_200 = (Limit("personnel", 200),)
TWO_MONTHS = Term(months=2, renewal_months=2, notice_months=1)  # ends 2021-01-10, cut 2020-12-10

# (workload, instant, expected (status, deadline label) just before / at / just after it)
CHANGES = [
    pytest.param(
        ([one_off()], [], []),
        START,
        [(Status.NOT_IN_FORCE, "2020-11-20")] + [(Status.PENDING, "2020-11-20")] * 2,
        id="effective-from",
    ),
    pytest.param(
        ([one_off()], [], [seen("2020-11-18", Effect.FULFILS)]),
        last_of("2020-11-18"),
        [(Status.PENDING, "2020-11-20")] + [(Status.FULFILLED, "2020-11-20")] * 2,
        id="fulfilment-day-last-instant",
    ),
    pytest.param(
        ([one_off()], [], [seen("2020-11-18T10:00:00", Effect.FULFILS)]),
        at("2020-11-18T10:00:00"),
        [(Status.PENDING, "2020-11-20")] + [(Status.FULFILLED, "2020-11-20")] * 2,
        id="exact-fulfilment",
    ),
    pytest.param(
        ([one_off()], [], [seen("2020-11-22", Effect.FULFILS)]),
        last_of("2020-11-22"),
        [(Status.OVERDUE, "2020-11-20")] + [(Status.FULFILLED_LATE, "2020-11-20")] * 2,
        id="late-fulfilment-last-instant",
    ),
    pytest.param(
        (
            [one_off()],
            [],
            [seen("2020-11-25T10:00:00", Effect.FULFILS, "x1"), seen("2020-11", Effect.FULFILS)],
        ),
        last_of("2020-11"),
        [(Status.FULFILLED_LATE, "2020-11-20")] + [(Status.FULFILLED, "2020-11-20")] * 2,
        id="earlier-starting-fulfilment-counts-later",
    ),
    pytest.param(
        ([one_off()], [], [seen("2020-11-12", Effect.COMPLIES)]),
        at("2020-11-21T00:00:00"),
        [(Status.PENDING, "2020-11-20")] + [(Status.OVERDUE, "2020-11-20")] * 2,
        id="deadline-end",
    ),
    pytest.param(
        ([one_off()], [amend(at("2020-11-15T12:00:00"), "2020-11-25")], []),
        at("2020-11-15T12:00:00"),
        [(Status.PENDING, "2020-11-20")] + [(Status.PENDING, "2020-11-25")] * 2,
        id="amendment-decision",
    ),
    pytest.param(
        ([one_off()], [amend(at("2020-11-22T09:00:00"), "2020-11-25")], []),
        at("2020-11-22T09:00:00"),
        [(Status.OVERDUE, "2020-11-20")] + [(Status.PENDING, "2020-11-25")] * 2,
        id="amendment-after-the-deadline-extends-it",
    ),
    pytest.param(
        ([one_off()], [amend(at("2020-11-15T12:00:00"), "2020-11-25")], []),
        at("2020-11-26T00:00:00"),
        [(Status.PENDING, "2020-11-25")] + [(Status.OVERDUE, "2020-11-25")] * 2,
        id="amended-deadline-end",
    ),
    pytest.param(
        ([one_off()], [amend(at("2020-11-10T00:00:00"), "2020-11-25")], []),
        START,
        [(Status.NOT_IN_FORCE, "2020-11-20")] + [(Status.PENDING, "2020-11-25")] * 2,
        id="amendment-decided-as-it-takes-effect",
    ),
    pytest.param(
        ([standing()], [], [seen("2020-12-11", Effect.BREACHES)]),
        last_of("2020-12-11"),
        [(Status.IN_FORCE, None)] + [(Status.BREACHED, None)] * 2,
        id="breach-last-instant",
    ),
    pytest.param(
        (
            [standing(limits=CAP_100)],
            [],
            [seen("2020-12-05", Effect.FIGURE, figures={"personnel": 150})],
        ),
        last_of("2020-12-05"),
        [(Status.IN_FORCE, None)] + [(Status.BREACHED, None)] * 2,
        id="figure-above-the-limit-last-instant",
    ),
    pytest.param(
        (
            [standing(limits=CAP_100)],
            [amend(at("2020-12-10T00:00:00"), limits=CAP_200)],
            [seen("2020-12-05", Effect.FIGURE, figures={"personnel": 150})],
        ),
        at("2020-12-10T00:00:00"),
        [(Status.BREACHED, None)] + [(Status.IN_FORCE, None)] * 2,
        id="limit-raised-by-amendment",
    ),
    pytest.param(
        (
            [standing(limits=CAP_200)],
            [amend(at("2020-12-10T00:00:00"), limits=CAP_100)],
            [seen("2020-12-05", Effect.FIGURE, figures={"personnel": 150})],
        ),
        at("2020-12-10T00:00:00"),
        [(Status.IN_FORCE, None)] + [(Status.BREACHED, None)] * 2,
        id="limit-lowered-by-amendment",
    ),
    pytest.param(
        (
            [standing(limits=CAP_100)],
            [amend(at("2020-12-10T00:00:00"), limits=())],
            [seen("2020-12-05", Effect.FIGURE, figures={"personnel": 150})],
        ),
        at("2020-12-10T00:00:00"),
        [(Status.BREACHED, None)] + [(Status.IN_FORCE, None)] * 2,
        id="limits-lifted-by-amendment",
    ),
    pytest.param(
        ([standing(term=Term(months=1))], [], []),
        add_months(START, 1),
        [(Status.IN_FORCE, None)] + [(Status.EXPIRED, None)] * 2,
        id="term-end-without-renewal",
    ),
    pytest.param(
        ([standing(term=Term(months=1, renewal_months=1))], [], []),
        add_months(START, 1),
        [(Status.IN_FORCE, None)] * 3,
        id="term-end-renewed",
    ),
    pytest.param(
        ([standing(term=TWO_MONTHS)], [], [seen("2020-12-05", Effect.NOTICE)]),
        add_months(START, 2),
        [(Status.IN_FORCE, None)] + [(Status.EXPIRED, None)] * 2,
        id="term-end-after-timely-notice",
    ),
    pytest.param(
        ([standing(term=TWO_MONTHS)], [], [seen("2020-12-10T00:00:00", Effect.NOTICE)]),
        add_months(START, 2),
        [(Status.IN_FORCE, None)] * 3,
        id="notice-at-the-cut-off-is-late",
    ),
    pytest.param(
        ([standing(term=TWO_MONTHS)], [], [seen("2020-12-05", Effect.NOTICE)]),
        last_of("2020-12-05"),
        [(Status.IN_FORCE, None)] * 3,
        id="notice-counted-changes-nothing-yet",
    ),
    pytest.param(
        ([standing(term=TWO_MONTHS)], [], [seen("2021-01-20", Effect.NOTICE)]),
        add_months(START, 4),
        [(Status.IN_FORCE, None)] + [(Status.EXPIRED, None)] * 2,
        id="notice-during-a-renewed-term",
    ),
    pytest.param(
        ([standing(term=Term(months=1))], [], [seen("2020-12-09", Effect.BREACHES)]),
        add_months(START, 1),
        [(Status.BREACHED, None)] + [(Status.EXPIRED, None)] * 2,
        id="breached-then-expired",
    ),
]


@pytest.mark.parametrize(("workload", "instant", "expected"), CHANGES)
def test_series_at_the_instants_where_something_changes(
    workload: Workload, instant: dt.datetime, expected: list[tuple[Status, str | None]]
) -> None:
    before, after = instant - TICK, instant + TICK
    # unsorted, repeated, and one moment written in another zone
    moments = [after, before, instant, instant.astimezone(UTC), instant, before]
    series = check(workload, moments)
    got = {}
    for moment, (row,) in zip(moments, series, strict=True):
        got[moment] = (row.status, row.deadline.label if row.deadline else None)
    assert [got[before], got[instant], got[after]] == expected


def test_terms_renewed_before_a_notice_that_counts_later() -> None:
    # notice_months < 0 puts the cut-off after the term's end (files forbid it, the rule takes
    # it): the notice of 2021-01-20 ends the first term in hindsight, so at the last moment
    # `_term_end` stops at the first term, while before the notice it walks two renewals on
    spec = standing(term=Term(months=1, renewal_months=1, notice_months=-2))
    notice = seen("2021-01-20T00:00:00", Effect.NOTICE)
    moments = [at("2020-12-20T00:00:00"), at("2021-01-15T00:00:00"), at("2021-01-25T00:00:00")]
    series = check(([spec], [], [notice]), moments)
    assert [rows[0].reason for rows in series] == [
        "in force, no breach observed; term to 2021-01-10T00:00:00+03:00",
        "in force, no breach observed; term to 2021-02-10T00:00:00+03:00",
        "term ended 2020-12-10T00:00:00+03:00",
    ]


def test_support_counts_change_the_reason_not_the_status() -> None:
    workload = ([standing()], [], [seen("2020-12-01", Effect.COMPLIES)])
    instant = last_of("2020-12-01")
    (before,), (at_instant,) = check(workload, [instant - TICK, instant])
    assert before.status is at_instant.status is Status.IN_FORCE
    assert "1 supporting observation(s)" in at_instant.reason


def test_an_unchanged_row_is_the_same_object() -> None:
    workload = ([standing(), one_off()], [], [seen("2020-11-15", Effect.FULFILS)])
    moments = [START + dt.timedelta(days=d, hours=12) for d in range(8, 14)]
    series = check(workload, moments)
    standing_rows = [rows[0] for rows in series]
    assert all(row is standing_rows[0] for row in standing_rows)
    fulfilled = [rows[1] for rows in series]
    assert all(row is fulfilled[0] for row in fulfilled)


def test_series_refuses_a_naive_moment() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        compliance_series([one_off()], [], [], [START, dt.datetime(2020, 11, 21)])


def test_series_of_no_moments_or_no_obligations() -> None:
    assert compliance_series([one_off()], [], [], []) == []
    assert compliance_series([], [], [], [START, START]) == [[], []]


def test_a_wall_clock_time_repeated_by_dst_is_evaluated_as_compliance_at_does() -> None:
    # Berlin's clocks went back at 03:00 on 2021-10-31: 02:30 happened twice. A breach at the
    # first 02:45 (00:45 UTC) compares *after* the second 02:30 (01:30 UTC) by Berlin's wall clock,
    # and before 01:00 UTC: no sorted order of the moments fits both, the series must not assume one
    spec = standing(effective_from=dt.datetime(2021, 10, 1, tzinfo=BERLIN))
    breach_at = dt.datetime(2021, 10, 31, 2, 45, tzinfo=BERLIN)
    breach = Observation("b", "ob", Effect.BREACHES, breach_at, breach_at)
    second_0230 = dt.datetime(2021, 10, 31, 2, 30, fold=1, tzinfo=BERLIN)
    utc_0100 = dt.datetime(2021, 10, 31, 1, 0, tzinfo=UTC)
    series = check(([spec], [], [breach]), [second_0230, utc_0100])
    assert [rows[0].status for rows in series] == [Status.IN_FORCE, Status.BREACHED]


# The property ---------------------------------------------------------------------------------

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
