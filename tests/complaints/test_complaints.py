"""Complaints: received -> under-review -> answered (with the finding) | withdrawn."""

from __future__ import annotations

import pytest

from ceasefire.complaints.schemas import ComplaintStatus
from ceasefire.complaints.status import can_move
from tests.world import incident_body, make_world

S = ComplaintStatus


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        (S.RECEIVED, S.UNDER_REVIEW, True),
        (S.RECEIVED, S.WITHDRAWN, True),
        (S.RECEIVED, S.ANSWERED, False),
        (S.UNDER_REVIEW, S.ANSWERED, True),
        (S.UNDER_REVIEW, S.WITHDRAWN, True),
        (S.UNDER_REVIEW, S.RECEIVED, False),
        (S.ANSWERED, S.WITHDRAWN, False),
        (S.ANSWERED, S.UNDER_REVIEW, False),
        (S.WITHDRAWN, S.UNDER_REVIEW, False),
    ],
)
def test_life_cycle(current: ComplaintStatus, new: ComplaintStatus, allowed: bool) -> None:
    assert can_move(current, new) is allowed


def test_a_complaint_is_answered_with_a_published_finding(db_url: str) -> None:
    world = make_world(db_url)
    arm, aze, tur, rus = (
        world.client(n) for n in ("liaison-arm", "liaison-aze", "monitor-tur", "monitor-rus")
    )
    filed = arm.post(
        "/api/v1/complaints",
        json={
            "occurred": "2020-12-11",
            "place": "Hin Taghe",
            "description": "advance",
            "attachments": [{"name": "photo.jpg"}],
        },
    ).json()
    assert (filed["status"], filed["party"]) == ("received", "ARM")
    path = f"/api/v1/complaints/{filed['id']}/status"
    assert arm.post(path, json={"status": "under-review"}).status_code == 403
    assert tur.post(path, json={"status": "under-review"}).json()["status"] == "under-review"
    incident = tur.post("/api/v1/incidents", json=incident_body()).json()["id"]
    answer = {"status": "answered", "incident": incident, "answer": "verified jointly"}
    assert tur.post(path, json=answer).status_code == 409  # the finding is still pending
    for client in (tur, rus):
        client.post(
            f"/api/v1/incidents/{incident}/assessments",
            json={"verdict": "confirmed", "rationale": "seen"},
        )
    answered = tur.post(path, json=answer).json()
    assert (answered["status"], answered["finding"], answered["incident"]) == (
        "answered",
        "confirmed",
        incident,
    )
    seen = arm.get(f"/api/v1/complaints/{filed['id']}").json()
    assert (seen["finding"], seen["answer"]) == ("confirmed", "verified jointly")
    assert aze.get(f"/api/v1/complaints/{filed['id']}").status_code == 404
    assert arm.post(path, json={"status": "withdrawn"}).status_code == 409


def test_the_filing_liaison_may_withdraw(db_url: str) -> None:
    world = make_world(db_url)
    arm, aze = world.client("liaison-arm"), world.client("liaison-aze")
    filed = arm.post(
        "/api/v1/complaints", json={"occurred": "2020-12-12", "place": "x", "description": "y"}
    ).json()
    path = f"/api/v1/complaints/{filed['id']}/status"
    assert aze.post(path, json={"status": "withdrawn"}).status_code == 404
    assert arm.post(path, json={"status": "withdrawn"}).json()["status"] == "withdrawn"
