"""Patrols and convoys: routes as lines or places, and the obligations they serve, found through
the agreement-derived links; on both stores through the command line, and on plain values."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from ceasefire.agreements.specs import Effect
from ceasefire.cli import app
from ceasefire.force.links import MovementFacts, movement_links
from ceasefire.force.models import MovementKind
from ceasefire.ingest.links import AreaFacts, Match, ObligationFacts, agreement_targets

runner = CliRunner()
IDLIB = "idlib-2020"
NK = "nagorno-karabakh-2020"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def rows(db_url: str, agreement: str, as_of: str) -> dict[str, dict[str, object]]:
    code, out, err = run(
        "compliance", agreement, "--as-of", as_of, "--format", "json", "--db", db_url
    )
    assert code == 0, err
    return {row["obligation"]: row for row in json.loads(out)}


def record(db_url: str, kind: str, agreement: str, **fields: str) -> tuple[int, str, str]:
    args = ["force", "record", kind, "--agreement", agreement, "--db", db_url]
    for name, value in fields.items():
        args += ["-f", f"{name}={value}"]
    return run(*args)


@pytest.fixture
def idlib(db_url: str) -> str:
    code, _out, err = run("init", "--scenario", IDLIB, "--db", db_url)
    assert code == 0, err
    return db_url


@pytest.fixture
def nk(db_url: str) -> str:
    code, _out, err = run("init", "--db", db_url)
    assert code == 0, err
    return db_url


M4 = "[[36.78, 35.86], [36.61, 35.81], [36.45, 35.80]]"


def test_a_joint_patrol_on_the_highway_serves_that_days_patrol_obligation(idlib: str) -> None:
    before = rows(idlib, IDLIB, "2020-03-23")["joint-patrols"]
    assert not any(str(e).startswith("patrol-") for e in before["evidence"])
    code, _out, err = record(
        idlib, "patrols", IDLIB, start="2020-03-23T10:00", end="2020-03-23T13:00",
        participants="RUS;TUR", route=M4, source="test",
    )  # fmt: skip
    assert code == 0, err
    after = rows(idlib, IDLIB, "2020-03-23")["joint-patrols"]
    assert after["status"] == "in-force"
    assert "patrol-1-joint-patrols" in after["evidence"]
    # it counts from the end of the patrol, not before
    assert (
        "patrol-1-joint-patrols"
        not in rows(idlib, IDLIB, "2020-03-22")["joint-patrols"]["evidence"]
    )


def test_a_patrol_by_one_party_alone_is_no_joint_patrol(idlib: str) -> None:
    code, _out, err = record(
        idlib, "patrols", IDLIB, start="2020-03-23", participants="RUS", route=M4, source="test"
    )
    assert code == 0, err
    assert rows(idlib, IDLIB, "2020-03-23")["joint-patrols"]["evidence"] == ["first-joint-patrol"]


def test_a_route_of_places_resolves_through_the_areas_and_the_gazetteer(idlib: str) -> None:
    code, _out, err = record(
        idlib, "patrols", IDLIB, start="2020-03-23", participants="TUR;RUS",
        places="Saraqib;M4 highway", source="test",
    )  # fmt: skip
    assert code == 0, err
    assert "patrol-1-joint-patrols" in rows(idlib, IDLIB, "2020-03-23")["joint-patrols"]["evidence"]
    code, out, _ = run(
        "force", "list", "patrols", "--agreement", IDLIB, "--db", idlib, "--format", "json"
    )
    (patrol,) = json.loads(out)
    assert patrol["places"] == ["Saraqib", "M4 highway"]
    assert len(patrol["route"]["coordinates"]) == 1 + 5


def test_unknown_places_are_named_and_nothing_stored(idlib: str) -> None:
    code, _out, err = record(
        idlib, "patrols", IDLIB, start="2020-03-23", participants="RUS;TUR",
        places="Saraqib;Qwxzyville", source="test",
    )  # fmt: skip
    assert code == 1
    assert "places: unknown place(s) 'Qwxzyville'" in err
    code, out, _ = run(
        "force", "list", "patrols", "--agreement", IDLIB, "--db", idlib, "--format", "json"
    )
    assert json.loads(out) == []


def test_an_escorted_convoy_through_the_corridor_serves_its_passage(nk: str) -> None:
    code, _out, err = record(
        nk, "convoys", NK, start="2020-11-26", participants="RUS", places="Goris;Lachin;Stepanakert",
        cargo="humanitarian aid", source="test",
    )  # fmt: skip
    assert code == 0, err
    row = rows(nk, NK, "2020-11-26")["lachin-corridor-passage"]
    assert row["status"] == "in-force"
    assert "convoy-1-lachin-corridor-passage" in row["evidence"]


def test_linked_incidents_must_exist(nk: str) -> None:
    code, _out, err = record(
        nk, "patrols", NK, start="2020-11-26", participants="RUS", places="Lachin",
        incidents="9999", source="test",
    )  # fmt: skip
    assert code == 1
    assert "incidents: no incident #9999" in err


# --- the links, on plain values -------------------------------------------------------------------

ROAD = {"type": "LineString", "coordinates": [[36.0, 35.0], [36.5, 35.0]]}
AREAS = [
    AreaFacts("road", "The road", "route", geometry=ROAD, bbox=(36.0, 35.0, 36.5, 35.0)),
    AreaFacts(
        "pass", "The pass", "corridor", geometry=ROAD, width_km=5, bbox=(36.0, 35.0, 36.5, 35.0)
    ),
]
OBLIGATIONS = [
    ObligationFacts("joint", "patrol", True, ("AAA", "BBB"), "road"),
    ObligationFacts("control", "control-corridor", True, ("AAA",), "pass"),
    ObligationFacts("passage", "guarantee-passage", True, ("CCC",), "pass"),
    ObligationFacts("fire", "cease-fire", True, ("CCC",), "road"),
]
TARGETS = agreement_targets("x", obligations=OBLIGATIONS, areas=AREAS)
ON_ROAD = ((36.1, 35.0), (36.3, 35.0))
FAR = ((40.0, 40.0), (40.1, 40.0))


@pytest.mark.parametrize(
    ("kind", "participants", "route", "places", "expected"),
    [
        pytest.param(
            MovementKind.PATROL,
            {"AAA", "BBB"},
            ON_ROAD,
            (),
            ["joint", "control"],
            id="joint-patrol",
        ),
        pytest.param(MovementKind.PATROL, {"AAA"}, ON_ROAD, (), ["control"], id="one-party-patrol"),
        pytest.param(MovementKind.PATROL, {"AAA", "BBB"}, FAR, (), [], id="elsewhere"),
        pytest.param(MovementKind.PATROL, {"AAA", "BBB"}, (), ("The road",), ["joint"], id="named"),
        pytest.param(
            MovementKind.CONVOY, {"AAA"}, ON_ROAD, (), ["control", "passage"], id="convoy"
        ),
    ],
)
def test_links(
    kind: MovementKind,
    participants: set[str],
    route: tuple[tuple[float, float], ...],
    places: tuple[str, ...],
    expected: list[str],
) -> None:
    facts = MovementFacts(kind, frozenset(participants), route, places)
    found = movement_links(facts, TARGETS)
    assert sorted(x.obligation_id for x in found) == sorted(expected)
    assert all(x.effect is Effect.COMPLIES for x in found)
    assert all(x.match >= Match.NEAR for x in found)


def test_a_field_of_another_kind_is_named_not_ignored(nk: str) -> None:
    code, _out, err = record(
        nk, "patrols", NK, start="2020-11-26", participants="RUS", places="Lachin",
        cargo="aid", source="test",
    )  # fmt: skip
    assert code == 1
    assert "cargo: not a field of patrols" in err
