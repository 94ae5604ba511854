"""Correct, never overwrite: every version kept and shown, the correction kept as a report, and
assessments before a correction known to be on an earlier version; on both stores."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ceasefire.app import create_app
from ceasefire.incidents.corrections import differences, version_at
from ceasefire.settings import Settings
from tests.web.signin import sign_in
from tests.world import PASSWORD, incident_body, make_world

T = dt.datetime(2020, 12, 11, 6, tzinfo=dt.UTC)
H = dt.timedelta(hours=1)


@pytest.mark.parametrize(
    ("moment", "superseded", "version"),
    [
        (T, [], 1),
        (T, [T + H], 1),
        (T + 2 * H, [T + H], 2),
        (T + H, [T + H], 2),  # recorded at the very moment of the correction: on the new one
        (T + 5 * H, [T + H, T + 2 * H, T + 3 * H], 4),
        (T + 2 * H + H / 2, [T + H, T + 2 * H, T + 3 * H], 3),
    ],
)
def test_version_at(moment: dt.datetime, superseded: list[dt.datetime], version: int) -> None:
    assert version_at(moment, superseded) == version


@pytest.mark.parametrize(
    ("was", "became", "diff"),
    [
        ({"place_name": "A"}, {"place_name": "B"}, {"place_name": ["A", "B"]}),
        ({"place_name": "A", "type": "x"}, {"place_name": "A", "type": "x"}, {}),
        ({"min_lat": 1.0}, {"min_lat": 2.0}, {}),  # follows from the geometry, not shown
        ({}, {"place_name": "B"}, {}),  # a version that did not keep a field says nothing of it
    ],
)
def test_differences(was: dict[str, Any], became: dict[str, Any], diff: dict[str, Any]) -> None:
    assert differences(was, became) == diff


def test_a_correction_keeps_the_version_before_and_marks_earlier_assessments(db_url: str) -> None:
    world = make_world(db_url)
    tur, rus = world.client("monitor-tur"), world.client("monitor-rus")
    body = incident_body(place_name="Hadrut", latitude=39.52, longitude=46.95, area=None)
    incident = tur.post("/api/v1/incidents", json=body).json()["id"]
    assessed = tur.post(
        f"/api/v1/incidents/{incident}/assessments",
        json={"verdict": "confirmed", "rationale": "our post saw it"},
    )
    assert assessed.status_code == 201
    correction = {
        "reason": "the post was on the next ridge",
        "place_name": "Tugh",
        "latitude": 39.55,
        "longitude": 47.0,
    }
    answer = rus.post(f"/api/v1/incidents/{incident}/corrections", json=correction)
    assert answer.status_code == 200, answer.text
    assert answer.json()["place_name"] == "Tugh"
    versions = rus.get(f"/api/v1/incidents/{incident}/versions").json()
    assert len(versions) == 1
    (first,) = versions
    assert first["changed_by"] == "monitor-rus"
    assert first["was"]["place_name"] == "Hadrut" and first["became"]["place_name"] == "Tugh"
    assert first["was"]["geometry"]["coordinates"] == [46.95, 39.52]
    assert first["report"] is not None
    # the page says who changed what, and that TUR's assessment was made on version 1
    app = create_app(Settings(database_url=db_url, development=True, secret_key="k" * 40))
    with TestClient(app) as browser:
        sign_in(browser, "cohead-tur", PASSWORD)
        page = browser.get(f"/incidents/{incident}").text
    assert "Changed by monitor-rus at" in page
    assert "place name was “Hadrut”, now “Tugh”" in page
    assert 'data-earlier-version="1"' in page
    # a second correction: a second version, and nothing is lost
    again = tur.post(
        f"/api/v1/incidents/{incident}/corrections",
        json={"reason": "the bulletin gives the time", "occurred": "2020-12-11T06:10",
              "occurred_end": "2020-12-11T06:40", "type": "armed-clash"},
    )  # fmt: skip
    assert again.status_code == 200, again.text
    versions = tur.get(f"/api/v1/incidents/{incident}/versions").json()
    assert [v["version"] for v in versions] == [1, 2]
    assert versions[1]["was"]["time_label"] == "2020-12-11"
    assert versions[1]["became"]["time_label"] == "2020-12-11T06:10/2020-12-11T06:40"
    assert versions[0]["became"]["place_name"] == "Tugh"


@pytest.mark.parametrize(
    ("correction", "status", "words"),
    [
        ({"reason": "nothing new"}, 422, "changes nothing"),
        ({"reason": "bad type", "type": "picnic"}, 422, "unknown incident type"),
        ({"reason": "half a point", "latitude": 39.5}, 422, "give both"),
        ({"reason": "bad date", "occurred": "sometime"}, 422, "occurred"),
        ({"place_name": "no reason"}, 422, "reason"),
    ],
)
def test_a_bad_correction_is_refused_and_changes_nothing(
    db_url: str, correction: dict[str, Any], status: int, words: str
) -> None:
    world = make_world(db_url, {"monitor-tur": ("monitor", "TUR")})
    tur = world.client("monitor-tur")
    incident = tur.post("/api/v1/incidents", json=incident_body()).json()["id"]
    answer = tur.post(f"/api/v1/incidents/{incident}/corrections", json=correction)
    assert answer.status_code == status
    assert words in answer.text
    assert tur.get(f"/api/v1/incidents/{incident}/versions").json() == []
