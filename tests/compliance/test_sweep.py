"""The sweep (`compliance_series`) against `compliance_at` at the instants where rows change."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ceasefire.agreements.specs import (
    TICK,
    AmendmentSpec,
    Effect,
    Limit,
    ObligationSpec,
    Observation,
    Term,
)
from ceasefire.agreements.timeref import add_months, parse_timeref
from ceasefire.compliance.rules import ComplianceRow, Status, compliance_at
from ceasefire.compliance.sweep import compliance_series

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
        [(Status.NO_REPORT, None)] + [(Status.BREACHED, None)] * 2,
        id="figure-above-the-limit-last-instant",
    ),
    pytest.param(
        (
            [standing(limits=CAP_100)],
            [],
            [
                seen("2020-12-05", Effect.FIGURE, "above", figures={"personnel": 150}),
                seen("2020-12-08", Effect.FIGURE, "within", figures={"personnel": 90}),
            ],
        ),
        last_of("2020-12-08"),
        [(Status.BREACHED, None)] + [(Status.IN_FORCE, None)] * 2,
        id="a-report-within-supersedes-one-above",
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
