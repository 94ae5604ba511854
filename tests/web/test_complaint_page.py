"""A complaint end to end over HTTP on both stores: an ARM liaison files one with a photo and
sees its page, AZE's liaison cannot; a monitor reviews it and answers it with a published
finding; only the filing party's liaison withdraws; buttons only for moves allowed now."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from ceasefire.app import create_app
from ceasefire.settings import Settings
from tests.web.signin import sign_in
from tests.web.test_intake import PHOTO
from tests.world import PASSWORD, incident_body, make_world


@pytest.fixture
def world_app(db_url: str) -> Iterator[tuple[object, TestClient, TestClient, TestClient]]:
    world = make_world(db_url)
    app = create_app(Settings(database_url=db_url, development=True, secret_key="k" * 40))
    with TestClient(app) as arm, TestClient(app) as aze, TestClient(app) as mon:
        yield world, arm, aze, mon


def _moves(page: str) -> list[str]:
    return [part.split('"')[0] for part in page.split('data-move="')[1:]]


def test_a_complaint_from_filing_to_answer(
    world_app: tuple[object, TestClient, TestClient, TestClient],
) -> None:
    world, arm, aze, mon = world_app
    arm_csrf = sign_in(arm, "liaison-arm", PASSWORD)
    filed = arm.post(
        "/complaints",
        data={"occurred": "2020-12-11", "place": "Hin Tager", "description": "Shelling at dawn.",
              "csrf_token": arm_csrf},
        files=[("files", ("crater.png", PHOTO, "image/png"))],
        follow_redirects=False,
    )  # fmt: skip
    assert filed.status_code == 303, filed.text
    path = filed.headers["location"].split("?")[0]
    complaint = int(path.rsplit("/", 1)[1])
    page = arm.get(filed.headers["location"]).text
    assert "crater.png" in page and hashlib.sha256(PHOTO).hexdigest()[:16] in page
    assert _moves(page) == ["withdrawn"]
    assert arm.get(f"{path}/attachments/1").content == PHOTO
    # the other side's liaison: no such complaint, no such file
    sign_in(aze, "liaison-aze", PASSWORD)
    assert aze.get(path).status_code == 404
    assert aze.get(f"{path}/attachments/1").status_code == 404
    # a monitor reviews; it may not withdraw it (page, form and API alike)
    mon_csrf = sign_in(mon, "monitor-tur", PASSWORD)
    assert _moves(mon.get(path).text) == ["under-review"]
    refused = mon.post(f"{path}/status", data={"status": "withdrawn", "csrf_token": mon_csrf})
    assert refused.status_code == 403
    api = world.client("monitor-rus").post(  # type: ignore[attr-defined]
        f"/api/v1/complaints/{complaint}/status", json={"status": "withdrawn"}
    )
    assert api.status_code == 403
    mon.post(f"{path}/status", data={"status": "under-review", "csrf_token": mon_csrf})
    page = mon.get(path).text
    assert _moves(page) == ["answered"]
    assert 'data-audit="complaint-status-changed"' in page
    # an incident whose finding is published answers it
    tur, rus = world.client("monitor-tur"), world.client("monitor-rus")  # type: ignore[attr-defined]
    incident = tur.post("/api/v1/incidents", json=incident_body()).json()["id"]
    for client in (tur, rus):
        client.post(
            f"/api/v1/incidents/{incident}/assessments",
            json={"verdict": "confirmed", "attribution": "AZE", "rationale": "seen"},
        )
    staff = tur.get(f"/api/v1/incidents/{incident}/finding").json()
    assert staff["words"] == "breached by AZE (confirmed by RUS and TUR)"
    liaison = world.client("liaison-arm").get(f"/api/v1/incidents/{incident}/finding")  # type: ignore[attr-defined]
    assert liaison.json()["words"] == "breached by AZE"
    assert "breached by AZE (confirmed by RUS and TUR)" in mon.get(f"/incidents/{incident}").text
    answered = mon.post(
        f"{path}/status",
        data={"status": "answered", "incident": str(incident),
              "answer": "Confirmed by both monitoring parties.", "csrf_token": mon_csrf},
    )  # fmt: skip
    assert answered.status_code == 200, answered.text
    page = arm.get(path).text
    assert 'data-status="answered"' in page
    assert "Confirmed by both monitoring parties." in page
    assert 'data-finding="confirmed"' in page
    assert _moves(page) == []  # nothing left to do: no button at all
