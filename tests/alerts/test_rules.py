"""The pure parts of alerts, by case tables: the rules, the timers, the routing, the checks and
the rules file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from ceasefire.agreements.timeref import Precision, TimeRef
from ceasefire.alerts import checks, config, routing, rules, timers
from ceasefire.alerts.rules import Audience, Firing, Parameters, Rule
from ceasefire.compliance.rows import ComplianceRow, Status
from ceasefire.errors import InvalidInputError

UTC = dt.UTC
T0 = dt.datetime(2020, 11, 28, 9, 0, tzinfo=UTC)


def day(d: dt.date) -> TimeRef:
    start = dt.datetime(d.year, d.month, d.day, tzinfo=UTC)
    return TimeRef(d.isoformat(), start, start + dt.timedelta(days=1), Precision.DAY)


def row(status: Status, deadline: dt.date | None = None, obligation: str = "ob-1") -> ComplianceRow:
    return ComplianceRow(
        obligation,
        "1",
        ("AAA",),
        "hand-over",
        None,
        status,
        day(deadline) if deadline else None,
        (),
        (),
        "why",
    )


@pytest.mark.parametrize(
    ("status", "deadline", "expected"),
    [
        (Status.PENDING, dt.date(2020, 12, 1), Rule.DEADLINE_NEAR),  # its day begins in < 3 days
        (Status.PENDING, dt.date(2020, 12, 2), None),  # begins in 3 days 15 hours
        (Status.PENDING, None, None),  # no deadline: nothing to warn of
        (Status.FULFILLED, dt.date(2020, 12, 1), None),
        (Status.OVERDUE, dt.date(2020, 11, 20), Rule.OVERDUE),
        (Status.BREACHED, None, Rule.LIMIT_BREACHED),
        (Status.IN_FORCE, None, None),
    ],
)
def test_obligation_rules(status: Status, deadline: dt.date | None, expected: Rule | None) -> None:
    firing = rules.obligation_alerts("agr", [row(status, deadline)], T0, Parameters())
    assert [f.rule for f in firing] == ([expected] if expected else [])
    if expected:
        assert firing[0].key == f"{expected}:agr:ob-1"


def test_rules_file_narrows_to_obligations_and_switches_rules_off() -> None:
    rows = [row(Status.OVERDUE, obligation="a"), row(Status.OVERDUE, obligation="b")]
    only_a = Parameters(obligations=frozenset({"a"}))
    assert [f.subject_id for f in rules.obligation_alerts("x", rows, T0, only_a)] == ["a"]
    off = Parameters(disabled=frozenset({Rule.OVERDUE}))
    assert rules.obligation_alerts("x", rows, T0, off) == []


@pytest.mark.parametrize(
    ("waited_hours", "limit", "fires"), [(25, 24, True), (24, 24, True), (23, 24, False)]
)
def test_dispute_waiting_for_co_heads(waited_hours: float, limit: float, fires: bool) -> None:
    disputes = [rules.Dispute(7, T0 - dt.timedelta(hours=waited_hours))]
    firing = rules.dispute_alerts("x", disputes, T0, Parameters(dispute_hours=limit))
    assert bool(firing) is fires


@pytest.mark.parametrize(("days", "fires"), [(8, True), (6.9, False)])
def test_complaint_unanswered_goes_to_its_party(days: float, fires: bool) -> None:
    complaints = [rules.OpenComplaint(3, "AAA", T0 - dt.timedelta(days=days))]
    firing = rules.complaint_alerts("x", complaints, T0, Parameters(complaint_days=7))
    assert bool(firing) is fires
    if fires:
        assert (firing[0].audience, firing[0].party) == (Audience.PARTY, "AAA")


def square(lon: float, lat: float) -> rules.Area:
    return rules.Area(1, 42, "post", checks.disc(lon, lat, 5))


@pytest.mark.parametrize(
    ("lon", "lat", "age_hours", "fires"),
    [
        (46.01, 39.0, 1, True),  # ~1 km from the centre
        (46.2, 39.0, 1, False),  # ~17 km away
        (46.01, 39.0, 30, False),  # inside, but no longer new
    ],
)
def test_watched_area(lon: float, lat: float, age_hours: float, fires: bool) -> None:
    points = rules.Points.of([(9, lon, lat, T0 - dt.timedelta(hours=age_hours))])
    firing = rules.area_alerts([square(46.0, 39.0)], points, T0, Parameters(watch_hours=24))
    assert [f.key for f in firing] == (["watched-area:1:9"] if fires else [])
    if fires:
        assert firing[0].owner == 42 and firing[0].group == "watched-area:1"


def test_five_new_reports_in_one_area_are_one_group() -> None:
    points = rules.Points.of([(i, 46.0, 39.0, T0) for i in range(5)])
    firing = rules.area_alerts([square(46.0, 39.0)], points, T0, Parameters())
    assert len(firing) == 5 and len({f.group for f in firing}) == 1


def test_the_divergence_hook() -> None:
    firing = rules.divergence_alerts(
        [rules.Divergence("mirror-1", "ab12", "heads differ")], Parameters()
    )
    assert [f.key for f in firing] == ["divergence:mirror-1:ab12"]


M = dt.timedelta(minutes=1)
TIMERS = timers.Timers(group_wait=30 * M / 60, group_interval=5 * M, repeat_interval=240 * M)


@pytest.mark.parametrize(
    ("created", "last_sent", "sent", "active", "now", "due"),
    [
        (0, None, set(), {"a"}, 0, False),  # new group: waits
        (0, None, set(), {"a"}, 1, True),  # group wait over
        (0, None, set(), set(), 10, False),  # nothing holds, nothing sent: silence
        (0, 1, {"a"}, {"a"}, 60, False),  # unchanged: not repeated yet
        (0, 1, {"a"}, {"a"}, 241, True),  # repeat interval over
        (0, 1, {"a"}, {"a", "b"}, 3, False),  # a new alert waits for the group interval
        (0, 1, {"a"}, {"a", "b"}, 6, True),
        (0, 1, {"a"}, set(), 6, True),  # resolved: told at the group interval
    ],
)
def test_alertmanager_timers(
    created: int, last_sent: int | None, sent: set[str], active: set[str], now: int, due: bool
) -> None:
    state = timers.GroupState(
        T0 + created * M, None if last_sent is None else T0 + last_sent * M, frozenset(sent)
    )
    assert timers.due(state, active, T0 + now * M, TIMERS) is due


@dataclass
class U:
    id: int
    name: str
    role: str
    party: str | None


def firing(audience: Audience, party: str | None = None, owner: int | None = None) -> Firing:
    return Firing(Rule.OVERDUE, "k", "g", "obligation", "o", "s", audience, party, owner)


@pytest.mark.parametrize(
    ("user", "alert", "receives"),
    [
        (U(1, "m", "monitor", "TUR"), firing(Audience.STAFF), True),
        (U(2, "l", "liaison", "ARM"), firing(Audience.STAFF), False),
        (U(2, "l", "liaison", "ARM"), firing(Audience.PARTY, "ARM"), True),
        (U(3, "l2", "liaison", "AZE"), firing(Audience.PARTY, "ARM"), False),
        (U(1, "m", "monitor", "TUR"), firing(Audience.PARTY, "ARM"), True),
        (U(1, "m", "monitor", "TUR"), firing(Audience.OWNER, owner=1), True),
        (U(4, "c", "co-head", "RUS"), firing(Audience.OWNER, owner=1), False),
    ],
)
def test_who_receives_what(user: U, alert: Firing, receives: bool) -> None:
    assert routing.may_receive(user, alert) is receives


@pytest.mark.parametrize(
    ("url", "field_message"),
    [
        ("ftp://hooks.example/x", "url: expected an http:// or https:// URL"),
        ("javascript:alert(1)", "url: expected an http:// or https:// URL"),
        (
            "http://127.0.0.1:8000/api/v1/x",
            "url: 'http://127.0.0.1:8000/api/v1/x' points at this server",
        ),
        ("http://localhost:8000/", "points at this server"),
    ],
)
def test_webhook_urls_refused(url: str, field_message: str) -> None:
    with pytest.raises(checks.FieldError, match=field_message.replace("(", r"\(")) as caught:
        checks.webhook_url(url, server_host="127.0.0.1", server_port=8000)
    assert caught.value.field == "url"


@pytest.mark.parametrize("url", ["http://127.0.0.1:9000/hook", "https://hooks.example/ceasefire"])
def test_webhook_urls_accepted(url: str) -> None:
    assert checks.webhook_url(url, server_host="127.0.0.1", server_port=8000) == url


@pytest.mark.parametrize(
    ("geometry", "message"),
    [
        ({"type": "Point", "coordinates": [1, 2]}, "geometry: expected a GeoJSON Polygon"),
        # a bow tie: the ring crosses itself
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]},
            "geometry: not a valid polygon",
        ),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1]]]}, "geometry: not a polygon"),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [200, 0], [200, 1], [0, 0]]]},
            "geometry: coordinates must be longitude",
        ),
    ],
)
def test_invalid_polygons_refused(geometry: dict[str, object], message: str) -> None:
    with pytest.raises(checks.FieldError, match=message):
        checks.polygon(geometry)


def test_negative_intervals_refused_by_field() -> None:
    with pytest.raises(checks.FieldError, match="alert_repeat_interval: expected seconds >= 0"):
        timers.Timers.of_seconds(
            group_wait=0, group_interval=1, repeat_interval=-5, source="alert_"
        )
    with pytest.raises(checks.FieldError, match="radius_km: expected kilometres > 0"):
        checks.disc(46, 39, -1)


BASE = config.AlertConfig(Parameters(), timers.Timers())


def test_rules_file_problems_name_file_line_and_field() -> None:
    text = (
        "parameters:\n"
        "  deadline_days: -2\n"
        "obligations: [known, unknwon]\n"
        "disabled: [overdue, not-a-rule]\n"
        "timers:\n"
        "  repeat_interval_seconds: -1\n"
    )
    with pytest.raises(InvalidInputError) as caught:
        config.parse(text, source="alerts.yaml", base=BASE, obligations={"known"})
    assert [str(p) for p in caught.value.problems] == [
        "alerts.yaml:2: parameters.deadline_days: expected a number >= 0, got -2",
        "alerts.yaml:3: obligations[1]: unknown obligation 'unknwon'",
        "alerts.yaml:4: disabled[1]: unknown rule 'not-a-rule' (expected one of complaint-unanswered, "
        "deadline-near, dispute-waiting, divergence, finding-published, limit-breached, overdue, "
        "watched-area)",
        "alerts.yaml:6: timers.repeat_interval_seconds: expected a number >= 0, got -1",
    ]


def test_rules_file_over_the_settings() -> None:
    text = "parameters: {deadline_days: 5}\nobligations: [known]\ntimers: {group_wait_seconds: 0}\n"
    cfg = config.parse(text, source="a.yaml", base=BASE, obligations={"known"})
    assert cfg.parameters.deadline_days == 5 and cfg.parameters.obligations == {"known"}
    assert cfg.timers.group_wait == dt.timedelta(0)
    assert cfg.timers.repeat_interval == timers.Timers().repeat_interval


@pytest.mark.parametrize(("hours_ago", "fires"), [(2, True), (30, False)])
def test_a_published_finding_is_news_for_the_complaining_party(
    hours_ago: float, fires: bool
) -> None:
    published = [
        rules.PublishedFinding(5, "ARM", 9, "confirmed", T0 - dt.timedelta(hours=hours_ago))
    ]
    firing = rules.published_alerts("x", published, T0, Parameters(watch_hours=24))
    assert [(f.key, f.audience, f.party) for f in firing] == (
        [("finding-published:5:9", Audience.PARTY, "ARM")] if fires else []
    )
    if fires:
        assert routing.may_receive(U(2, "l", "liaison", "ARM"), firing[0])
        assert not routing.may_receive(U(3, "l2", "liaison", "AZE"), firing[0])
