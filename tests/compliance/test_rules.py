"""The compliance rule as case tables and properties, on plain values (no database)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.agreements.specs import (
    AmendmentSpec,
    Effect,
    Limit,
    ObligationSpec,
    Observation,
    Term,
)
from ceasefire.agreements.timeref import as_of_instant, parse_timeref
from ceasefire.compliance.rules import Status, compliance_at
from ceasefire.compliance.sweep import compliance_series

MSK = ZoneInfo("Europe/Moscow")
START = dt.datetime(2020, 11, 10, tzinfo=MSK)


def day(text: str) -> dt.datetime:
    """The as-of instant of a date: the last instant of that day in Moscow."""
    return as_of_instant(text, MSK)


def obligation(**overrides: object) -> ObligationSpec:
    values: dict[str, object] = {
        "id": "return-aghdam",
        "provision": "2",
        "parties": ("ARM",),
        "action": "hand-over",
        "effective_from": START,
        "deadline": parse_timeref("2020-11-20", MSK),
    }
    values.update(overrides)
    return ObligationSpec(**values)  # type: ignore[arg-type]


def seen(on: str, effect: Effect = Effect.FULFILS, ident: str = "obs", **kw: object) -> Observation:
    ref = parse_timeref(on, MSK)
    return Observation(
        ident,
        str(kw.pop("obligation", "return-aghdam")),
        effect,
        ref.start,
        ref.end,
        kw.pop("figures", {}),
        ref.label,
    )  # type: ignore[arg-type]


def status_of(
    spec: ObligationSpec,
    observations: list[Observation],
    at: str,
    amendments: list[AmendmentSpec] | None = None,
) -> tuple[Status, str | None, tuple[str, ...]]:
    (row,) = compliance_at([spec], amendments or [], observations, day(at))
    return row.status, row.deadline.label if row.deadline else None, row.evidence


DEADLINE_CASES = [
    # (observations, as of, expected status)
    pytest.param([], "2020-11-09", Status.NOT_IN_FORCE, id="before-effective"),
    pytest.param([], "2020-11-14", Status.PENDING, id="pending-before-deadline"),
    pytest.param([], "2020-11-20", Status.PENDING, id="pending-on-deadline-day"),
    pytest.param([], "2020-11-21", Status.OVERDUE, id="overdue-day-after"),
    pytest.param(["2020-11-20"], "2020-11-19", Status.PENDING, id="not-before-the-fact"),
    pytest.param(["2020-11-20"], "2020-11-20", Status.FULFILLED, id="fulfilled-on-deadline-day"),
    pytest.param(["2020-11-18"], "2020-11-30", Status.FULFILLED, id="fulfilled-early"),
    pytest.param(["2020-11-22"], "2020-11-21", Status.OVERDUE, id="overdue-until-fact"),
    pytest.param(["2020-11-22"], "2020-11-22", Status.FULFILLED_LATE, id="fulfilled-late"),
    pytest.param(
        ["2020-11-22", "2020-11-19"], "2020-11-25", Status.FULFILLED, id="earliest-fact-wins"
    ),
    pytest.param(
        ["2020-11-20T23:30:00+03:00"],
        "2020-11-20",
        Status.FULFILLED,
        id="exact-time-before-midnight",
    ),
    pytest.param(
        ["2020-11-21T00:00:00+03:00"],
        "2020-11-21",
        Status.FULFILLED_LATE,
        id="exact-midnight-is-late",
    ),
    pytest.param(
        ["2020-11"], "2020-11-30", Status.FULFILLED, id="month-precision-benefit-of-doubt"
    ),
    pytest.param(["2020-11"], "2020-11-29", Status.OVERDUE, id="month-fact-counts-once-month-over"),
]


@pytest.mark.parametrize(("facts", "as_of", "expected"), DEADLINE_CASES)
def test_deadline_obligation(facts: list[str], as_of: str, expected: Status) -> None:
    observations = [seen(f, ident=f"obs-{i}") for i, f in enumerate(facts)]
    assert status_of(obligation(), observations, as_of)[0] is expected


EXTENSION = AmendmentSpec(
    "kalbajar-extension",
    "return-aghdam",
    dt.datetime(2020, 11, 15, tzinfo=MSK),
    parse_timeref("2020-11-25", MSK),
)


@pytest.mark.parametrize(
    ("facts", "as_of", "expected"),
    [
        pytest.param(
            [], "2020-11-14", (Status.PENDING, "2020-11-20"), id="before-decision-old-deadline"
        ),
        pytest.param(
            [], "2020-11-15", (Status.PENDING, "2020-11-25"), id="from-decision-day-new-deadline"
        ),
        pytest.param([], "2020-11-24", (Status.PENDING, "2020-11-25"), id="extended-not-overdue"),
        pytest.param(
            [], "2020-11-26", (Status.OVERDUE, "2020-11-25"), id="overdue-after-new-deadline"
        ),
        pytest.param(
            ["2020-11-25"], "2020-11-25", (Status.FULFILLED, "2020-11-25"), id="on-time-by-amended"
        ),
    ],
)
def test_amended_deadline(facts: list[str], as_of: str, expected: tuple[Status, str]) -> None:
    observations = [seen(f) for f in facts]
    assert status_of(obligation(), observations, as_of, [EXTENSION])[:2] == expected


LIMITS = (Limit("personnel", 1960, "troops"), Limit("armoured-vehicles", 90))


@pytest.mark.parametrize(
    ("facts", "as_of", "expected"),
    [
        pytest.param([], "2020-11-12", Status.NO_REPORT, id="no-report"),
        pytest.param(
            [("2020-11-11", {"personnel": 1960})], "2020-11-12", Status.IN_FORCE, id="at-the-limit"
        ),
        pytest.param(
            [("2020-11-11", {"personnel": 1961})],
            "2020-11-12",
            Status.BREACHED,
            id="above-the-limit",
        ),
        pytest.param(
            [("2020-11-13", {"personnel": 2000})],
            "2020-11-12",
            Status.NO_REPORT,
            id="future-report-ignored",
        ),
        pytest.param(
            [("2020-11-11", {"armoured-vehicles": 91})],
            "2020-11-12",
            Status.BREACHED,
            id="second-limit",
        ),
        pytest.param(
            [("2020-11-11", {"helicopters": 10})],
            "2020-11-12",
            Status.IN_FORCE,
            id="unlimited-measure",
        ),
        pytest.param(
            [("2020-11-11", {"personnel": 2000}), ("2020-11-20", {"personnel": 1900})],
            "2020-11-21",
            Status.IN_FORCE,
            id="a-later-report-within-supersedes",
        ),
        pytest.param(
            [("2020-11-11", {"personnel": 1900}), ("2020-11-20", {"personnel": 2000})],
            "2020-11-21",
            Status.BREACHED,
            id="a-later-report-above-supersedes",
        ),
        pytest.param(
            [("2020-11-11", {"personnel": 2000}), ("2020-11-20", {"personnel": 1900})],
            "2020-11-15",
            Status.BREACHED,
            id="above-until-superseded",
        ),
    ],
)
def test_limits(facts: list[tuple[str, dict[str, float]]], as_of: str, expected: Status) -> None:
    spec = obligation(id="peacekeeper-limits", deadline=None, standing=True, limits=LIMITS)
    observations = [
        seen(on, Effect.FIGURE, f"r{i}", obligation="peacekeeper-limits", figures=f)
        for i, (on, f) in enumerate(facts)
    ]
    assert status_of(spec, observations, as_of)[0] is expected


def test_a_report_above_two_limits_is_the_evidence_once_with_both_in_the_reason() -> None:
    spec = obligation(id="peacekeeper-limits", deadline=None, standing=True, limits=LIMITS)
    report = seen(
        "2020-11-11",
        Effect.FIGURE,
        "r",
        obligation="peacekeeper-limits",
        figures={"personnel": 2000, "armoured-vehicles": 95},
    )
    (row,) = compliance_at([spec], [], [report], day("2020-11-12"))
    assert row.status is Status.BREACHED
    assert row.evidence == ("r",)
    assert "personnel 2000 above the limit 1960" in row.reason
    assert "armoured-vehicles 95 above the limit 90" in row.reason


def test_a_limit_raised_by_amendment_applies_from_its_decision() -> None:
    spec = obligation(id="caps", deadline=None, standing=True, limits=(Limit("personnel", 100),))
    raise_cap = AmendmentSpec(
        "raise", "caps", dt.datetime(2020, 12, 1, tzinfo=MSK), None, (Limit("personnel", 200),)
    )
    report = [seen("2020-12-05", Effect.FIGURE, "r", obligation="caps", figures={"personnel": 150})]
    assert status_of(spec, report, "2020-12-06", [raise_cap])[0] is Status.IN_FORCE
    assert status_of(spec, report, "2020-12-06")[0] is Status.BREACHED


@pytest.mark.parametrize(
    ("facts", "as_of", "expected"),
    [
        pytest.param([], "2020-11-10", Status.IN_FORCE, id="in-force"),
        pytest.param(
            [("2020-12-11", Effect.BREACHES)], "2020-12-10", Status.IN_FORCE, id="before-breach"
        ),
        pytest.param(
            [("2020-12-11", Effect.BREACHES)], "2020-12-11", Status.BREACHED, id="breached"
        ),
        pytest.param(
            [("2020-12-11", Effect.COMPLIES)], "2020-12-12", Status.IN_FORCE, id="complies-supports"
        ),
        pytest.param(
            [("2020-12-11", Effect.FULFILS)],
            "2020-12-12",
            Status.IN_FORCE,
            id="standing-never-fulfilled",
        ),
    ],
)
def test_standing_obligation(facts: list[tuple[str, Effect]], as_of: str, expected: Status) -> None:
    spec = obligation(id="complete-ceasefire", deadline=None, standing=True)
    observations = [
        seen(on, eff, f"o{i}", obligation="complete-ceasefire") for i, (on, eff) in enumerate(facts)
    ]
    assert status_of(spec, observations, as_of)[0] is expected


TERM = Term(months=60, renewal_months=60, notice_months=6)


@pytest.mark.parametrize(
    ("notice", "as_of", "expected"),
    [
        pytest.param(None, "2025-11-09", Status.IN_FORCE, id="first-term"),
        pytest.param(None, "2025-11-10", Status.IN_FORCE, id="renewed-automatically"),
        pytest.param(None, "2035-11-10", Status.IN_FORCE, id="renewed-twice"),
        pytest.param("2025-04-01", "2025-11-09", Status.IN_FORCE, id="notice-given-term-runs-out"),
        pytest.param("2025-04-01", "2025-11-10", Status.EXPIRED, id="expired-after-timely-notice"),
        pytest.param("2025-06-01", "2025-11-10", Status.IN_FORCE, id="late-notice-renews"),
        pytest.param("2025-06-01", "2030-11-10", Status.EXPIRED, id="late-notice-ends-next-term"),
    ],
)
def test_term_and_renewal(notice: str | None, as_of: str, expected: Status) -> None:
    spec = obligation(id="peacekeeper-deployment", deadline=None, standing=True, term=TERM)
    observations = (
        [seen(notice, Effect.NOTICE, "notice", obligation="peacekeeper-deployment")]
        if notice
        else []
    )
    assert status_of(spec, observations, as_of)[0] is expected


def test_no_deadline_stays_pending_until_fulfilled() -> None:
    spec = obligation(id="exchange-detainees", deadline=None)
    assert status_of(spec, [], "2030-01-01")[0] is Status.PENDING
    fact = [seen("2020-12-14", obligation="exchange-detainees")]
    assert status_of(spec, fact, "2020-12-14") == (Status.FULFILLED, None, ("obs",))


def test_reason_and_evidence_name_the_fact() -> None:
    (row,) = compliance_at(
        [obligation()], [], [seen("2020-11-20", ident="aghdam-handed-over")], day("2020-11-21")
    )
    assert row.evidence == ("aghdam-handed-over",)
    assert "2020-11-20" in row.reason


def test_naive_moment_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        compliance_at([obligation()], [], [], dt.datetime(2020, 11, 21))


# Properties ---------------------------------------------------------------------------------

days = st.integers(min_value=-5, max_value=40)


def _moment(offset: int, hour: int) -> dt.datetime:
    return START + dt.timedelta(days=offset, hours=hour)


@settings(max_examples=300, deadline=None)
@given(fact_day=days, fact_hour=st.integers(0, 23), at_day=days, at_hour=st.integers(0, 23))
def test_nothing_is_fulfilled_before_its_fulfilling_observation(
    fact_day: int, fact_hour: int, at_day: int, at_hour: int
) -> None:
    fact_at = _moment(fact_day, fact_hour)
    fact = Observation("f", "return-aghdam", Effect.FULFILS, fact_at, fact_at)
    moment = _moment(at_day, at_hour)
    (row,) = compliance_at([obligation()], [], [fact], moment)
    if moment < fact_at:
        assert row.status not in {Status.FULFILLED, Status.FULFILLED_LATE}
    elif moment >= START:
        assert row.status in {Status.FULFILLED, Status.FULFILLED_LATE}


@settings(max_examples=300, deadline=None)
@given(
    decided_day=days,
    at_day=days,
    at_hour=st.integers(0, 23),
    new_day=st.integers(min_value=1, max_value=60),
)
def test_an_amendment_never_applies_before_it_was_decided(
    decided_day: int, at_day: int, at_hour: int, new_day: int
) -> None:
    decided = _moment(decided_day, 0)
    new_deadline = parse_timeref((START + dt.timedelta(days=new_day)).date().isoformat(), MSK)
    amendment = AmendmentSpec("a", "return-aghdam", decided, new_deadline)
    moment = _moment(at_day, at_hour)
    (row,) = compliance_at([obligation()], [amendment], [], moment)
    if moment < decided:
        assert row.amendments == ()
        assert row.deadline is not None and row.deadline.label == "2020-11-20"
    else:
        assert row.amendments == ("a",)
        assert row.deadline == new_deadline


@settings(max_examples=100, deadline=None)
@given(
    facts=st.lists(st.tuples(days, st.sampled_from(list(Effect))), max_size=8),
    moments=st.lists(days, min_size=1, max_size=6),
)
def test_series_equals_one_moment_at_a_time(
    facts: list[tuple[int, Effect]], moments: list[int]
) -> None:
    specs = [
        obligation(),
        obligation(id="complete-ceasefire", deadline=None, standing=True, limits=LIMITS),
    ]
    observations = [
        Observation(
            f"o{i}",
            specs[i % 2].id,
            effect,
            _moment(d, 0),
            _moment(d + 1, 0),
            {"personnel": 2000.0},
        )
        for i, (d, effect) in enumerate(facts)
    ]
    instants = [_moment(m, 12) for m in moments]
    series = compliance_series(specs, [], observations, instants)
    assert series == [compliance_at(specs, [], observations, m) for m in instants]


@settings(max_examples=200, deadline=None)
@given(fact_day=days, at1=days, at2=days)
def test_fulfilment_is_never_undone_by_time(fact_day: int, at1: int, at2: int) -> None:
    fact = Observation(
        "f", "return-aghdam", Effect.FULFILS, _moment(fact_day, 0), _moment(fact_day + 1, 0)
    )
    early, late = sorted((_moment(at1, 12), _moment(at2, 12)))
    (first,) = compliance_at([obligation()], [], [fact], early)
    (second,) = compliance_at([obligation()], [], [fact], late)
    if first.status in {Status.FULFILLED, Status.FULFILLED_LATE}:
        assert second.status is first.status


@pytest.mark.parametrize(("months", "renewal"), [(0, None), (-1, None), (12, 0), (12, -6)])
def test_a_term_without_an_end_is_refused(months: int, renewal: int | None) -> None:
    with pytest.raises(ValueError, match="at least one month"):
        Term(months=months, renewal_months=renewal)
