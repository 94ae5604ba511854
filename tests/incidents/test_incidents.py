"""Incidents on both stores: intake, filters, duplicates, merging, and compliance from findings."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from ceasefire import db as store
from ceasefire.accounts import service as accounts_service
from ceasefire.agreements import service as agreements_service
from ceasefire.errors import CeasefireError
from ceasefire.incidents import duplicates
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents.models import IncidentStatus, Report
from ceasefire.incidents.schemas import IncidentCreate
from tests.world import AGREEMENT, incident_body, make_world


def _status(world_client: object, as_of: str = "2020-12-13") -> str:
    answer = world_client.get(f"/api/v1/compliance/{AGREEMENT}?as_of={as_of}")  # type: ignore[attr-defined]
    rows = {r["obligation"]: r for r in answer.json()["obligations"]}
    return str(rows["complete-ceasefire"]["status"])


def test_compliance_counts_only_confirmed_findings(db_url: str) -> None:
    world = make_world(db_url)
    tur, rus = world.client("monitor-tur"), world.client("monitor-rus")
    incident = tur.post("/api/v1/incidents", json=incident_body()).json()["id"]
    assert _status(tur) == "in-force"
    path = f"/api/v1/incidents/{incident}/assessments"
    tur.post(path, json={"verdict": "confirmed", "rationale": "crater analysis"})
    assert _status(tur) == "in-force"  # pending: one party only
    rus.post(path, json={"verdict": "not-confirmed", "rationale": "no trace"})
    assert tur.get(f"/api/v1/incidents/{incident}/finding").json()["finding"] == "disputed"
    assert _status(tur) == "in-force"
    rus.post(path, json={"verdict": "confirmed", "rationale": "revised after video"})
    finding = tur.get(f"/api/v1/incidents/{incident}/finding").json()
    assert finding["finding"] == "confirmed"
    assert _status(tur) == "breached"
    assert _status(tur, "2020-12-10") == "in-force"  # not before it happened
    history = tur.get(path).json()
    assert [(a["party"], a["version"], a["verdict"]) for a in history] == [
        ("RUS", 1, "not-confirmed"),
        ("RUS", 2, "confirmed"),
        ("TUR", 1, "confirmed"),
    ]
    rus.post(path, json={"verdict": "inconclusive", "rationale": "doubts again"})
    assert _status(tur) == "in-force"


def test_co_heads_decide_a_dispute_and_dissent_is_kept(db_url: str) -> None:
    world = make_world(db_url)
    tur, rus = world.client("monitor-tur"), world.client("monitor-rus")
    incident = tur.post("/api/v1/incidents", json=incident_body()).json()["id"]
    decide = f"/api/v1/incidents/{incident}/decisions"
    body = {"verdict": "confirmed", "rationale": "joint review"}
    assert world.client("cohead-tur").post(decide, json=body).status_code == 409  # not disputed
    tur.post(
        f"/api/v1/incidents/{incident}/assessments", json={"verdict": "confirmed", "rationale": "a"}
    )
    rus.post(
        f"/api/v1/incidents/{incident}/assessments",
        json={"verdict": "not-confirmed", "rationale": "b"},
    )
    assert tur.post(decide, json=body).status_code == 403  # monitors do not decide
    assert world.client("cohead-tur").post(decide, json={**body, "party": "RUS"}).status_code == 403
    assert world.client("cohead-tur").post(decide, json=body).status_code == 201
    assert (
        world.client("cohead-rus")
        .post(decide, json={**body, "verdict": "not-confirmed"})
        .status_code
        == 201
    )
    finding = tur.get(f"/api/v1/incidents/{incident}/finding").json()
    assert finding["finding"] == "disputed"
    assert finding["dissent"] == ["RUS", "TUR"]
    assert world.client("cohead-rus").post(decide, json=body).status_code == 201
    finding = tur.get(f"/api/v1/incidents/{incident}/finding").json()
    assert finding["finding"] == "confirmed"
    assert [(d["party"], d["version"]) for d in finding["decisions"]] == [("RUS", 2), ("TUR", 1)]
    assert {a["party"]: a["verdict"] for a in finding["assessments"]}["RUS"] == "not-confirmed"


def test_filters_and_pages(db_url: str) -> None:
    world = make_world(db_url)
    tur = world.client("monitor-tur")
    tur.post("/api/v1/incidents", json=incident_body())  # Hadrut, 11 Dec
    tur.post(
        "/api/v1/incidents",
        json=incident_body(
            type="patrol",
            occurred="2020-12-20",
            area=None,
            obligations=[],
            latitude=40.18,
            longitude=44.51,
        ),
    )
    tur.post(
        "/api/v1/incidents",
        json=incident_body(type="statement", occurred="2020-12-14", area=None, obligations=[]),
    )

    def ids(query: str) -> list[str]:
        page = tur.get(f"/api/v1/incidents?{query}").json()
        return [x["type"] for x in page["items"]]

    assert ids("") == ["patrol", "statement", "ceasefire-violation"]
    assert ids("bbox=46.5,39,47.5,40") == ["ceasefire-violation"]
    assert ids("start=2020-12-12&end=2020-12-15") == ["statement"]
    assert ids("type=patrol&type=statement") == ["patrol", "statement"]
    assert ids("limit=1&offset=1") == ["statement"]
    assert tur.get("/api/v1/incidents?limit=1").json()["total"] == 3
    assert ids("status=candidate") == []
    assert tur.get("/api/v1/incidents?bbox=1,2,3").status_code == 422
    assert tur.post("/api/v1/incidents", json=incident_body(type="tea-party")).status_code == 422


def test_close_reports_are_proposed_as_the_same_incident(db_url: str) -> None:
    world = make_world(db_url)
    tur = world.client("monitor-tur")
    first = tur.post("/api/v1/incidents", json=incident_body()).json()
    assert first["possible_duplicates"] == []
    second = tur.post(
        "/api/v1/incidents",
        json=incident_body(
            type="armed-clash",
            occurred="2020-12-11T14:00:00",
            area=None,
            latitude=39.55,
            longitude=47.0,
        ),
    ).json()
    assert second["possible_duplicates"] == [first["id"]]
    far = tur.post(
        "/api/v1/incidents", json=incident_body(area=None, latitude=40.18, longitude=44.51)
    ).json()
    assert far["possible_duplicates"] == []
    later = tur.post("/api/v1/incidents", json=incident_body(occurred="2020-12-20")).json()
    assert later["possible_duplicates"] == []
    # Kept apart: no longer proposed.
    assert tur.post(f"/api/v1/incidents/{first['id']}/keep-apart/{second['id']}").status_code == 204
    assert tur.get(f"/api/v1/incidents/{second['id']}").json()["possible_duplicates"] == []
    third = tur.post("/api/v1/incidents", json=incident_body()).json()
    assert third["possible_duplicates"] == [first["id"], second["id"]]
    merged = tur.post(f"/api/v1/incidents/{first['id']}/merge/{third['id']}").json()
    assert merged["reports"] == sorted(first["reports"] + third["reports"])
    gone = tur.get(f"/api/v1/incidents/{third['id']}").json()
    assert (gone["status"], gone["merged_into"]) == ("merged", first["id"])


def test_being_reviewed_by_is_shown(db_url: str) -> None:
    world = make_world(db_url)
    tur, rus = world.client("monitor-tur"), world.client("monitor-rus")
    incident = tur.post("/api/v1/incidents", json=incident_body()).json()["id"]
    assert tur.post(f"/api/v1/incidents/{incident}/review").json()["reviewing_by"] == "monitor-tur"
    assert rus.get(f"/api/v1/incidents/{incident}").json()["reviewing_by"] == "monitor-tur"
    assert rus.delete(f"/api/v1/incidents/{incident}/review").status_code == 409
    assert tur.delete(f"/api/v1/incidents/{incident}/review").json()["reviewing_by"] is None


def test_proposed_incidents_wait_in_the_queue_and_reports_never_change(engine: Engine) -> None:
    with store.transaction(engine) as session:
        from ceasefire import scenarios
        from ceasefire.agreements.document import parse_agreement

        doc = parse_agreement(scenarios.agreement_file(AGREEMENT).read_bytes(), AGREEMENT)
        agreements_service.store_document(session, document=doc, source_name=AGREEMENT)
        report = incidents_service.store_report(
            session,
            channel="news",
            content=b"Shots near Hadrut",
            actor="news",
            source="https://example.org/a",
        )
        incident = incidents_service.propose_incident(
            session,
            data=IncidentCreate(**incident_body(origin="news")),
            report=report,
            actor="news",
        )
        assert incident.status == IncidentStatus.CANDIDATE
        report_id = report.id
    with store.transaction(engine) as session:
        accounts_service.create_user(
            session, name="m", role="monitor", party="TUR", password="long enough pw", actor="t"
        )
    with store.transaction(engine) as session:
        stored = session.get(Report, report_id)
        assert stored is not None
        stored.content = b"edited"
        with pytest.raises(ValueError, match="immutable"):
            session.flush()
        session.rollback()
    with store.transaction(engine) as session:
        stored = session.get(Report, report_id)
        assert stored is not None
        assert stored.content == b"Shots near Hadrut"
        user = accounts_service.get_user(session, name="m")
        flt = incidents_service.IncidentFilter(statuses=("candidate",))
        rows, total = incidents_service.list_incidents(session, user=user, flt=flt)
        assert total == 1
        with pytest.raises(CeasefireError, match="itself"):
            duplicates.merge_incidents(session, keep_id=rows[0].id, merge_id=rows[0].id, actor=user)


def test_reloading_a_changed_agreement_keeps_incidents_and_their_findings(db_url: str) -> None:
    from ceasefire import scenarios
    from ceasefire.agreements.document import parse_agreement

    world = make_world(db_url)
    tur, rus = world.client("monitor-tur"), world.client("monitor-rus")
    incident = tur.post("/api/v1/incidents", json=incident_body()).json()["id"]
    for client in (tur, rus):
        client.post(
            f"/api/v1/incidents/{incident}/assessments",
            json={"verdict": "confirmed", "rationale": "seen"},
        )
    assert _status(tur) == "breached"
    changed = scenarios.agreement_file(AGREEMENT).read_bytes() + b"\n# a later edit\n"
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        result = agreements_service.store_document(
            session, document=parse_agreement(changed, AGREEMENT), source_name="edited"
        )
        assert result.changed
    engine.dispose()
    kept = tur.get(f"/api/v1/incidents/{incident}").json()
    assert kept["agreement"] == AGREEMENT
    assert kept["obligations"] == [{"obligation": "complete-ceasefire", "effect": "breaches"}]
    assert _status(tur) == "breached"


def test_an_unstored_event_is_matched_to_incidents(engine: Engine) -> None:
    from ceasefire import scenarios
    from ceasefire.agreements.document import parse_agreement

    with store.transaction(engine) as session:
        doc = parse_agreement(scenarios.agreement_file(AGREEMENT).read_bytes(), AGREEMENT)
        agreements_service.store_document(session, document=doc, source_name=AGREEMENT)
        stored = incidents_service.create_incident(
            session, data=IncidentCreate(**incident_body()), actor="news"
        )
        near = IncidentCreate(
            **incident_body(type="armed-clash", area=None, latitude=39.5, longitude=47.0)
        )
        assert [x.id for x in duplicates.similar_to(session, data=near)] == [stored.id]
        far = IncidentCreate(**incident_body(occurred="2021-02-21"))
        assert duplicates.similar_to(session, data=far) == []
