"""The incidents API on both stores: list filters read in the agreement's time zone."""

from __future__ import annotations

from typing import Any

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
