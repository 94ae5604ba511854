"""The incidents API on both stores: list filters read in the agreement's time zone, and dismissal
with a reason."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ceasefire import db as store
from ceasefire.audit.models import AuditEntry
from ceasefire.incidents.models import IncidentReport, Report
from tests.world import AGREEMENT, World, incident_body, make_world


def _late_evening_and_just_after_midnight(world: World) -> tuple[int, int]:
    """Two incidents in Moscow time (the agreement's zone, +03:00): 23:30 on 11 December (20:30
    UTC) and 00:30 on 12 December (21:30 UTC on the 11th)."""
    tur = world.client("monitor-tur")
    ids = []
    for occurred in ("2020-12-11T23:30:00", "2020-12-12T00:30:00"):
        answer = tur.post("/api/v1/incidents", json=incident_body(occurred=occurred))
        assert answer.status_code == 201, answer.text
        ids.append(answer.json()["id"])
    return ids[0], ids[1]


def _ids(world: World, **params: Any) -> list[int]:
    answer = world.client("monitor-tur").get("/api/v1/incidents", params=params)
    assert answer.status_code == 200, answer.text
    return sorted(x["id"] for x in answer.json()["items"])


def test_dates_are_read_in_the_named_agreements_zone(db_url: str) -> None:
    world = make_world(db_url)
    evening, after_midnight = _late_evening_and_just_after_midnight(world)
    # end=2020-12-11 with the agreement: the whole 11th in Moscow, up to 21:00 UTC
    assert _ids(world, agreement=AGREEMENT, end="2020-12-11") == [evening]
    assert _ids(world, agreement=AGREEMENT, start="2020-12-12") == [after_midnight]
    assert _ids(world, agreement=AGREEMENT, start="2020-12-11", end="2020-12-12") == [
        evening,
        after_midnight,
    ]
    # a datetime without an offset is Moscow time too; with one, the offset written
    assert _ids(world, agreement=AGREEMENT, end="2020-12-11T23:30:00") == [evening]
    assert _ids(world, agreement=AGREEMENT, end="2020-12-11T20:30:00Z") == [evening]
    assert _ids(world, agreement=AGREEMENT, start="2020-12-11T21:00:00Z") == [after_midnight]


def test_without_an_agreement_dates_are_read_in_utc(db_url: str) -> None:
    world = make_world(db_url)
    evening, after_midnight = _late_evening_and_just_after_midnight(world)
    # both happened on 11 December in UTC
    assert _ids(world, end="2020-12-11") == [evening, after_midnight]
    assert _ids(world, start="2020-12-12") == []


def test_the_export_and_the_list_read_the_same_filter(db_url: str) -> None:
    world = make_world(db_url)
    evening, _after_midnight = _late_evening_and_just_after_midnight(world)
    params = {"agreement": AGREEMENT, "end": "2020-12-11", "format": "geojson"}
    answer = world.client("monitor-tur").get("/api/v1/incidents/export", params=params)
    assert answer.status_code == 200, answer.text
    assert [f["id"] for f in answer.json()["features"]] == [evening]


def test_filters_not_understood_name_the_parameter(db_url: str) -> None:
    world = make_world(db_url)
    tur = world.client("monitor-tur")
    for params, name in [
        ({"start": "yesterday"}, "start"),
        ({"end": "11/12/2020", "agreement": AGREEMENT}, "end"),
        ({"bbox": "47,39,46,40"}, "bbox"),
        ({"party": "Armenia"}, "party"),
    ]:
        for path in ("/api/v1/incidents", "/api/v1/incidents/export"):
            answer = tur.get(path, params=params)
            assert answer.status_code == 422, (path, params)
            assert answer.json()["detail"].startswith(f"{name}: "), answer.json()


def test_the_party_filter_finds_an_actors_state(db_url: str) -> None:
    world = make_world(db_url)
    tur = world.client("monitor-tur")
    actors = [{"name": "Armed forces of Armenia", "party": "ARM"}]
    armenian = tur.post("/api/v1/incidents", json=incident_body(actors=actors)).json()["id"]
    tur.post("/api/v1/incidents", json=incident_body())
    assert _ids(world, party="arm") == [armenian]


def _dismissal_reports(db_url: str, incident_id: int) -> list[tuple[str, str, bytes]]:
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        rows = session.execute(
            select(Report.channel, Report.title, Report.content)
            .join(IncidentReport, IncidentReport.report_id == Report.id)
            .where(IncidentReport.incident_id == incident_id, Report.title.like("Dismissal%"))
        )
        found = [(channel, title, content) for channel, title, content in rows]
    engine.dispose()
    return found


def _audit_actions(db_url: str, incident_id: int) -> list[str]:
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        actions = list(
            session.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.object_type == "incident")
                .where(AuditEntry.object_id == str(incident_id))
                .order_by(AuditEntry.seq)
            )
        )
    engine.dispose()
    return actions


def test_a_monitor_dismisses_an_incident_with_a_reason(db_url: str) -> None:
    world = make_world(db_url)
    tur = world.client("monitor-tur")
    incident = tur.post("/api/v1/incidents", json=incident_body()).json()
    path = f"/api/v1/incidents/{incident['id']}/dismiss"
    answer = tur.post(path, json={"reason": "  A festival, not a shooting.  "})
    assert answer.status_code == 200, answer.text
    dismissed = answer.json()
    assert dismissed["status"] == "dismissed"
    assert len(dismissed["reports"]) == len(incident["reports"]) + 1
    # the reason is a monitor's report backing the incident, as written (trimmed), hashed
    assert _dismissal_reports(db_url, incident["id"]) == [
        ("monitor", f"Dismissal of incident {incident['id']}", b"A festival, not a shooting.")
    ]
    # the incident's own record: its creation and its dismissal (the reason's report has its own)
    assert _audit_actions(db_url, incident["id"]) == ["incident-created", "incident-dismissed"]
    # already dismissed: a conflict, and nothing more is stored
    again = tur.post(path, json={"reason": "Still not one."})
    assert again.status_code == 409, again.text
    assert len(_dismissal_reports(db_url, incident["id"])) == 1


def test_a_merged_incident_is_not_dismissed(db_url: str) -> None:
    world = make_world(db_url)
    tur = world.client("monitor-tur")
    keep = tur.post("/api/v1/incidents", json=incident_body()).json()["id"]
    other = tur.post("/api/v1/incidents", json=incident_body()).json()["id"]
    assert tur.post(f"/api/v1/incidents/{keep}/merge/{other}").status_code == 200
    answer = tur.post(f"/api/v1/incidents/{other}/dismiss", json={"reason": "Duplicate."})
    assert answer.status_code == 409
    assert f"merged into {keep}" in answer.json()["detail"]


def test_a_dismissal_needs_a_reason(db_url: str) -> None:
    world = make_world(db_url)
    tur = world.client("monitor-tur")
    incident = tur.post("/api/v1/incidents", json=incident_body()).json()["id"]
    path = f"/api/v1/incidents/{incident}/dismiss"
    for body in ({"reason": ""}, {"reason": "   "}, {}, {"reason": "x" * 5001}):
        answer = tur.post(path, json=body)
        assert answer.status_code == 422, body
        assert "reason" in answer.text, answer.text
    assert tur.get(f"/api/v1/incidents/{incident}").json()["status"] == "open"
    assert _dismissal_reports(db_url, incident) == []


def test_a_liaison_cannot_dismiss(db_url: str) -> None:
    world = make_world(db_url)
    tur, rus = world.client("monitor-tur"), world.client("monitor-rus")
    liaison = world.client("liaison-arm")
    hidden = tur.post("/api/v1/incidents", json=incident_body()).json()["id"]
    published = tur.post("/api/v1/incidents", json=incident_body()).json()["id"]
    for monitor in (tur, rus):
        answer = monitor.post(
            f"/api/v1/incidents/{published}/assessments",
            json={"verdict": "confirmed", "rationale": "seen by both"},
        )
        assert answer.status_code == 201, answer.text
    assert liaison.get(f"/api/v1/incidents/{published}").status_code == 200
    # as the other incident routes: an unpublished incident does not exist for a liaison, and a
    # published one is not theirs to change
    reason = {"reason": "We say it did not happen."}
    assert liaison.post(f"/api/v1/incidents/{hidden}/dismiss", json=reason).status_code == 404
    assert liaison.post(f"/api/v1/incidents/{published}/dismiss", json=reason).status_code == 403
    assert (
        world.client(None).post(f"/api/v1/incidents/{hidden}/dismiss", json=reason).status_code
        == 401
    )
    for incident in (hidden, published):
        assert tur.get(f"/api/v1/incidents/{incident}").json()["status"] == "open"
        assert _dismissal_reports(db_url, incident) == []
