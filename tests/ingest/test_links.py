"""Linking extracted events to obligations by what the loaded agreements' files say: the action
table, the area rules as case tables on plain values, and, on both stores, any loaded agreement
(the Idlib protocol alone, or beside the 2020 statement) with the real model."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ceasefire import db as store
from ceasefire import scenarios
from ceasefire.agreements import service as agreements_service
from ceasefire.agreements.document import parse_agreement
from ceasefire.agreements.specs import Effect
from ceasefire.agreements.vocabulary import ACTIONS
from ceasefire.geo.areas import AreaShape
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents.models import Incident, IncidentStatus
from ceasefire.ingest import links
from ceasefire.ingest.links import EventFacts, Match, ObligationTarget
from ceasefire.ingest.models import CandidateEvent
from ceasefire.ingest.service import ingest_paths
from ceasefire.taxonomy.incident_types import TAXONOMY
from ceasefire.taxonomy.obligations import ACTION_EVENTS

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "000_77c0046b41c2e20f.txt"
DOCS = Path(__file__).resolve().parents[2] / "docs"

# An article written for this test: a joint Russian-Turkish patrol on the M4 highway.
JOINT_PATROL = """Russian and Turkish troops patrol the M4 highway together

16 March 2020

Russian military police and Turkish troops carried out a joint patrol on the M4 highway on Sunday,
the defence ministry in Moscow said. The convoy of armoured vehicles set off from Trumba, west of
Saraqib, and turned back early after protesters blocked the road further west.
"""


def load(session: Session, name: str) -> None:
    document = parse_agreement(scenarios.agreement_file(name).read_bytes(), name)
    agreements_service.store_document(session, document=document, source_name=name)


# --- the action table ----------------------------------------------------------------------------


def test_every_action_of_the_format_has_its_row_and_every_type_exists() -> None:
    assert set(ACTION_EVENTS) == set(ACTIONS)
    for action, types in ACTION_EVENTS.items():
        assert set(types) <= set(TAXONOMY), action


def test_the_table_is_printed_in_the_taxonomy_page() -> None:
    page = (DOCS / "taxonomy.md").read_text(encoding="utf-8")
    section = page.split("## Events and obligations", 1)[1].split("\n## ", 1)[0]
    for action, types in ACTION_EVENTS.items():
        row = next((x for x in section.splitlines() if x.startswith(f"| `{action}` |")), "")
        assert row, f"docs/taxonomy.md lacks the row of {action}"
        for event_type, bearing in types.items():
            assert f"`{event_type}`" in row, (action, event_type)
            assert bearing.value in row, (action, bearing)


# --- the rules, on plain values ------------------------------------------------------------------

DISTRICT = {
    "type": "Polygon",
    "coordinates": [[[36.0, 35.0], [36.2, 35.0], [36.2, 35.2], [36.0, 35.2], [36.0, 35.0]]],
}
ROAD = {"type": "LineString", "coordinates": [[36.0, 35.5], [36.4, 35.5]]}


def target(obligation: str, action: str, **fields: object) -> ObligationTarget:
    values: dict[str, object] = {
        "agreement_id": "test-agreement",
        "obligation_id": obligation,
        "action": action,
        "standing": False,
        "parties": frozenset({"AAA"}),
    }
    values.update(fields)
    return ObligationTarget(**values)  # type: ignore[arg-type]


HAND_OVER = target(
    "hand-over-district",
    "hand-over",
    names=links.area_names("Example district", ["Exampletown district"], None),
    shape=AreaShape(DISTRICT),
    has_area=True,
    order=(0, 1),
)
PATROL = target(
    "patrol-road",
    "patrol",
    standing=True,
    names=links.area_names("R9 road (2020 route)", ["R9 road"], None),
    shape=AreaShape(ROAD, width_km=4),
    has_area=True,
    order=(0, 2),
)
CEASEFIRE = target("ceasefire", "cease-fire", standing=True, region=(35.9, 34.9, 36.5, 35.6))
EXCHANGE = target("exchange", "exchange-detainees", parties=frozenset({"AAA", "BBB"}))
TARGETS = [HAND_OVER, PATROL, CEASEFIRE, EXCHANGE]


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        # the area named by the event's place, or in its sentence
        (EventFacts("handover-of-territory", place_name="Example district"), ("hand-over-district", Match.NAMED)),
        (EventFacts("withdrawal", sentence="Troops left Exampletown district today."), ("hand-over-district", Match.NAMED)),
        (EventFacts("patrol", sentence="A joint patrol drove along the R9 road."), ("patrol-road", Match.NAMED)),
        # the point inside the shape, near it, too far
        (EventFacts("handover-of-territory", lat=35.1, lon=36.1, place_kind="city"), ("hand-over-district", Match.INSIDE)),
        (EventFacts("handover-of-territory", lat=35.1, lon=36.28, place_kind="city"), ("hand-over-district", Match.NEAR)),
        (EventFacts("handover-of-territory", lat=35.1, lon=36.4, place_kind="city"), None),
        # a corridor of 4 km: 1.5 km off the road is inside, 8 km near, 15 km out
        (EventFacts("patrol", lat=35.5135, lon=36.2, place_kind="village"), ("patrol-road", Match.INSIDE)),
        (EventFacts("patrol", lat=35.572, lon=36.2, place_kind="village"), ("patrol-road", Match.NEAR)),
        (EventFacts("patrol", lat=35.635, lon=36.2, place_kind="village"), None),
        # a country's point says nothing of where in it
        (EventFacts("handover-of-territory", lat=35.1, lon=36.1, place_kind="country"), None),
        # an obligation without an area: in the agreement's region, or its parties without a place
        (EventFacts("armed-clash", lat=35.3, lon=36.3, place_kind="city"), ("ceasefire", Match.REGION)),
        (EventFacts("armed-clash", lat=40.0, lon=44.0, place_kind="city"), None),
        (EventFacts("exchange-of-detainees", countries=frozenset({"AAA", "BBB", "CCC"})), ("exchange", Match.REGION)),
        (EventFacts("exchange-of-detainees", countries=frozenset({"AAA"})), None),
        # a type no action here asks for, or forbids
        (EventFacts("peaceful-protest", place_name="Example district"), None),
        # the type decides between obligations of one area
        (EventFacts("patrol", place_name="Example district"), None),
    ],
)  # fmt: skip
def test_which_obligation_an_event_bears_on(
    event: EventFacts, expected: tuple[str, Match] | None
) -> None:
    found = links.link(event, TARGETS)
    assert (None if found is None else (found.obligation_id, found.match)) == expected


@pytest.mark.parametrize(
    ("event_type", "obligation", "effect"),
    [
        ("handover-of-territory", HAND_OVER, Effect.FULFILS),  # one-off: fulfilled
        ("patrol", PATROL, Effect.COMPLIES),  # standing: supported
        ("shelling-artillery-missile-attack", CEASEFIRE, Effect.BREACHES),
    ],
)
def test_the_effect_follows_the_bearing_and_the_obligation(
    event_type: str, obligation: ObligationTarget, effect: Effect
) -> None:
    event = EventFacts(event_type, lat=35.1, lon=36.1, place_kind="city", sentence="R9 road")
    found = links.link(event, [obligation])
    assert found is not None
    assert found.effect is effect


def test_a_better_fit_wins_and_ties_go_to_the_agreement_loaded_first() -> None:
    inside = target("b", "hand-over", shape=AreaShape(DISTRICT), has_area=True, order=(1, 0))
    named = target("c", "hand-over", names=frozenset({"faraway"}), has_area=True, order=(2, 0))
    first = target("a", "hand-over", shape=AreaShape(DISTRICT), has_area=True, order=(0, 5))
    event = EventFacts("handover-of-territory", place_name="Faraway", lat=35.1, lon=36.1)
    assert links.link(event, [inside, named, first]) == links.Link(
        "test-agreement", "c", Effect.FULFILS, Match.NAMED
    )
    event = EventFacts("handover-of-territory", lat=35.1, lon=36.1, place_kind="city")
    found = links.link(event, [inside, first])
    assert found is not None
    assert found.obligation_id == "a"


@pytest.mark.parametrize(
    ("name", "alternates", "place", "expected"),
    [
        ("Line of contact (November 2020)", [], None, {"line of contact (november 2020)", "line of contact"}),
        ("Example district", ["Exampleville"], "Example", {"example district", "exampleville", "example"}),
        ("M4 road", ["M4"], None, {"m4 road"}),  # two letters alone would match too much
    ],
)  # fmt: skip
def test_the_names_an_area_goes_by(
    name: str, alternates: list[str], place: str | None, expected: set[str]
) -> None:
    assert links.area_names(name, alternates, place) == expected


# --- on both stores: every loaded agreement, with the real model ---------------------------------


def test_targets_come_from_every_loaded_agreement(session: Session) -> None:
    load(session, "idlib-2020")
    load(session, scenarios.DEFAULT)
    targets = links.obligation_targets(session)
    agreements = [t.agreement_id for t in targets]
    assert agreements[0] == "idlib-2020"  # loaded first
    assert set(agreements) == {"idlib-2020", scenarios.DEFAULT}
    patrol = next(t for t in targets if t.action == "patrol")
    assert patrol.agreement_id == "idlib-2020"
    assert patrol.has_area
    assert "m4 highway" in patrol.names


def _candidates(engine: Engine) -> list[CandidateEvent]:
    with store.transaction(engine) as session:
        return list(session.scalars(select(CandidateEvent).order_by(CandidateEvent.span_start)))


def _ingest(engine: Engine, tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = ingest_paths(engine, paths=[path], source="test")
    assert not report.failed, report.problems


@pytest.mark.model
@pytest.mark.parametrize("also_default", [False, True], ids=["idlib-alone", "both"])
def test_a_joint_patrol_on_the_m4_links_to_the_idlib_patrols(
    engine: Engine, tmp_path: Path, also_default: bool
) -> None:
    with store.transaction(engine) as session:
        load(session, "idlib-2020")
        if also_default:
            load(session, scenarios.DEFAULT)
    _ingest(engine, tmp_path, "patrol.txt", JOINT_PATROL)
    patrols = [c for c in _candidates(engine) if c.event_type == "patrol"]
    assert patrols, [(c.event_type, c.sentence) for c in _candidates(engine)]
    assert {(c.agreement_id, c.obligation_id) for c in patrols} == {("idlib-2020", "joint-patrols")}
    with store.transaction(engine) as session:  # in the queue, linked, supporting the obligation
        incident = session.get(Incident, int(patrols[0].incident_id or 0))
        assert incident is not None
        assert incident.status == IncidentStatus.CANDIDATE
        assert incident.agreement_id == "idlib-2020"
        assert [(x.obligation_id, x.effect) for x in incidents_service.links(
            session, incident_id=incident.id)] == [("joint-patrols", "complies")]  # fmt: skip


@pytest.mark.model
@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not beside the project")
def test_with_both_agreements_the_seed_links_its_deployment_to_the_2020_statement(
    engine: Engine, tmp_path: Path
) -> None:
    with store.transaction(engine) as session:
        load(session, "idlib-2020")
        load(session, scenarios.DEFAULT)
    _ingest(engine, tmp_path, "seed.txt", SEED.read_text(encoding="utf-8"))
    _ingest(engine, tmp_path, "patrol.txt", JOINT_PATROL)
    found = {(c.event_type, c.agreement_id, c.obligation_id) for c in _candidates(engine)}
    assert ("deployment", scenarios.DEFAULT, "peacekeeper-deployment") in found
    assert ("patrol", "idlib-2020", "joint-patrols") in found
    assert not {a for t, a, _ in found if t == "patrol"} - {"idlib-2020"}
    assert not {a for t, a, _ in found if t == "deployment"} - {scenarios.DEFAULT}


# --- the 2020 statement's own file, without a store -----------------------------------------------

STATEMENT = links.document_targets(
    parse_agreement(scenarios.agreement_file(scenarios.DEFAULT).read_bytes(), scenarios.DEFAULT)
)


@pytest.mark.parametrize(
    ("event", "obligation"),
    [
        (EventFacts("handover-of-territory", place_name="Aghdam"), "return-aghdam"),
        (EventFacts("withdrawal", place_name="Kelbajar"), "return-kalbajar"),
        (EventFacts("handover-of-territory", place_name="Lachin"), "return-lachin"),
        (EventFacts("handover-of-territory", lat=39.99, lon=46.93, place_kind="city"), "return-aghdam"),
        (EventFacts("deployment", place_name="Nagorno-Karabakh", lat=39.82, lon=46.75, place_kind="region"), "peacekeeper-deployment"),
        (EventFacts("exchange-of-detainees", countries=frozenset({"ARM", "AZE"})), "exchange-detainees"),
        (EventFacts("corridor-obstruction", sentence="Trucks were stopped on the Lachin corridor."), "lachin-corridor-passage"),
        (EventFacts("shelling-artillery-missile-attack", lat=39.52, lon=47.03, place_kind="village"), "complete-ceasefire"),
        (EventFacts("peaceful-protest", place_name="Aghdam"), None),
        (EventFacts("handover-of-territory", place_name="Idlib", lat=35.93, lon=36.63, place_kind="city"), None),
    ],
)  # fmt: skip
def test_the_statement_file_alone_links_its_obligations(
    event: EventFacts, obligation: str | None
) -> None:
    found = links.link(event, STATEMENT)
    assert (found.obligation_id if found else None) == obligation
