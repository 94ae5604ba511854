"""The field report form over HTTP on both stores: a monitor files a report with a photo (kept as
received with its SHA-256), a town's name places it, a report is attached to an incident; what is
refused is named and leaves nothing behind; liaisons are told there is no such page."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from ceasefire import db as store
from ceasefire.app import create_app
from ceasefire.incidents.models import Incident, IncidentReport, Report
from ceasefire.settings import Settings
from tests.web.conftest import PASSWORD, load_scenario, populate
from tests.web.signin import sign_in

#: the smallest PNG there is: 1x1, one transparent pixel
PHOTO = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5f0000000049454e44ae426082"
)
LIMIT = 50_000


@pytest.fixture
def app_url(db_url: str) -> Iterator[tuple[TestClient, str]]:
    load_scenario(db_url)
    populate(db_url)
    app = create_app(
        Settings(database_url=db_url, development=True, secret_key="k" * 40, max_upload_bytes=LIMIT)
    )
    with TestClient(app) as client:
        yield client, db_url


def _count(db_url: str, table: type) -> int:
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        n = session.scalar(select(func.count()).select_from(table)) or 0
    engine.dispose()
    return n


FORM = {
    "type": "ceasefire-violation",
    "summary": "Small-arms fire heard from the ridge.",
    "occurred": "2020-12-11T06:10",
    "occurred_end": "2020-12-11T06:40",
    "place_name": "",
    "latitude": "39.52",
    "longitude": "46.95",
    "actors": "Armed forces, AZE, attacker\nArmed forces, ARM, target",
    "casualty_side": "ARM",
    "wounded_military": "2",
}


def test_a_monitor_files_a_report_with_a_photo(app_url: tuple[TestClient, str]) -> None:
    client, db_url = app_url
    csrf = sign_in(client, "monitor-tur", PASSWORD)
    page = client.get("/incidents/new")
    assert page.status_code == 200
    assert '<datalist id="towns">' in page.text and "data-lat=" in page.text
    answer = client.post(
        "/incidents/new",
        data={**FORM, "csrf_token": csrf},
        files=[("files", ("ridge.png", PHOTO, "image/png"))],
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    incident_id = int(answer.headers["location"].split("/incidents/")[1].split("?")[0])
    detail = client.get(answer.headers["location"])
    assert "Field report filed." in detail.text
    assert "ridge.png" in detail.text
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        incident = session.get(Incident, incident_id)
        assert incident is not None
        assert incident.origin == "monitor"
        assert incident.created_by == "monitor-tur"
        assert [a["party"] for a in incident.actors] == ["AZE", "ARM"]
        assert incident.casualties[0]["wounded_military"] == 2
        reports = list(
            session.scalars(
                select(Report)
                .join(IncidentReport, IncidentReport.report_id == Report.id)
                .where(IncidentReport.incident_id == incident_id)
                .order_by(Report.id)
            )
        )
        form, photo = reports
        assert form.media_type == "application/json" and b"Small-arms fire" in form.content
        assert photo.content == PHOTO
        assert photo.sha256 == hashlib.sha256(PHOTO).hexdigest()
        assert photo.media_type == "image/png"
        photo_id = photo.id
    engine.dispose()
    raw = client.get(f"/incidents/{incident_id}/reports/{photo_id}")
    assert raw.content == PHOTO
    assert raw.headers["content-disposition"].startswith("attachment")
    assert raw.headers["content-type"] == "application/octet-stream"


def test_a_town_name_places_the_report_and_attaching_adds_to_an_incident(
    app_url: tuple[TestClient, str],
) -> None:
    client, db_url = app_url
    csrf = sign_in(client, "monitor-rus", PASSWORD)
    form = {**FORM, "latitude": "", "longitude": "", "place_name": "Shusha", "csrf_token": csrf}
    answer = client.post("/incidents/new", data=form, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    incident_id = int(answer.headers["location"].split("/incidents/")[1].split("?")[0])
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        incident = session.get(Incident, incident_id)
        assert incident is not None
        assert incident.min_lat is not None and abs(incident.min_lat - 39.76) < 0.05
        assert incident.location_precision == "near"
    engine.dispose()
    before = _count(db_url, Incident)
    attach = client.post(
        "/incidents/new",
        data={"attach_to": str(incident_id), "type": "", "summary": "", "occurred": "",
              "csrf_token": csrf},
        files=[("files", ("later.png", PHOTO, "image/png"))],
        follow_redirects=False,
    )  # fmt: skip
    assert attach.status_code == 303, attach.text
    assert _count(db_url, Incident) == before
    assert "later.png" in client.get(attach.headers["location"]).text


@pytest.mark.parametrize(
    ("change", "files", "words"),
    [
        ({"actors": "Armed forces, Azerbaijan"}, [], "not an ISO3 code"),
        ({"latitude": "39.5", "longitude": ""}, [], "both latitude and longitude"),
        ({"summary": " "}, [], "describe it"),
        ({"attach_to": "99999"}, [], "no incident 99999"),
        ({}, [("files", ("big.bin", b"x" * (LIMIT - 5000), "image/png"))] * 2, "413"),
        ({}, [("files", ("empty.png", b"", "image/png"))], "the file is empty"),
        ({"wounded_military": "two"}, [], "whole number"),
    ],
)
def test_what_is_refused_is_named_and_leaves_nothing(
    app_url: tuple[TestClient, str], change: dict[str, str], files: list, words: str
) -> None:
    client, db_url = app_url
    csrf = sign_in(client, "monitor-tur", PASSWORD)
    reports, incidents = _count(db_url, Report), _count(db_url, Incident)
    answer = client.post(
        "/incidents/new", data={**FORM, **change, "csrf_token": csrf}, files=files or None
    )
    if words == "413":
        assert answer.status_code == 413
    else:
        assert answer.status_code == 422
        assert words in answer.text
        assert 'id="report-form"' in answer.text  # the form again, with what was typed
    assert (_count(db_url, Report), _count(db_url, Incident)) == (reports, incidents)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_liaisons_and_the_public_cannot_file(app_url: tuple[TestClient, str]) -> None:
    client, _db = app_url
    assert client.get("/incidents/new", follow_redirects=False).status_code == 303
    csrf = sign_in(client, "liaison-arm", PASSWORD)
    assert client.get("/incidents/new").status_code == 404
    assert client.post("/incidents/new", data={**FORM, "csrf_token": csrf}).status_code == 404
