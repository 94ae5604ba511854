"""The map's data on both stores: the same counts as the list, clustered by the database."""

from __future__ import annotations

from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from starlette.datastructures import QueryParams

from ceasefire import db as store
from ceasefire.accounts import service as accounts_service
from ceasefire.app import create_app
from ceasefire.settings import Settings
from ceasefire.web import filters, map_data
from tests.web.conftest import PASSWORD, load_scenario, populate
from tests.web.signin import sign_in

ZONE = ZoneInfo("Europe/Moscow")


@pytest.fixture
def ids(db_url: str) -> dict[str, int]:
    load_scenario(db_url)
    return populate(db_url)


@pytest.fixture
def client(db_url: str, ids: dict[str, int]) -> Iterator[TestClient]:
    app = create_app(Settings(database_url=db_url, development=True, secret_key="k" * 40))
    with TestClient(app) as c:
        yield c


def _sign_in(client: TestClient, name: str) -> None:
    sign_in(client, name, PASSWORD)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "start=2020-12-01&end=2020-12-31",
        "start=2020-12-12&end=2020-12-20",
        "type=armed-clash",
        "party=ARM",
        "finding=confirmed",
        "bbox=46.9,39.5,47.1,39.6",
    ],
)
def test_the_map_counts_what_the_list_counts(client: TestClient, query: str) -> None:
    _sign_in(client, "monitor-tur")
    data = client.get(f"/map/incidents.geojson?{query}").json()
    page = client.get(f"/incidents?{query}")
    assert page.status_code == 200
    assert f'data-total="{data["total"]}"' in page.text
    assert sum(f["properties"]["count"] for f in data["features"]) == data["on_map"]
    assert len(page.text.split("<tr data-incident=")) - 1 == data["total"]


def test_signed_out_people_are_sent_to_sign_in_and_get_no_incident_data(
    client: TestClient,
) -> None:
    response = client.get("/incidents", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/signin?next=/incidents"
    assert client.get("/map/incidents.geojson").status_code == 401
    assert 'data-incidents=""' in client.get("/map").text


def test_a_liaison_sees_no_unpublished_incident_on_the_map(client: TestClient) -> None:
    _sign_in(client, "liaison-aze")
    assert client.get("/map/incidents.geojson").json()["total"] == 0


def test_database_clusters_add_up_on_both_stores(engine: Engine, ids: dict[str, int]) -> None:
    with store.transaction(engine) as session:
        user = accounts_service.get_user(session, name="monitor-tur")
        flt = filters.parse(QueryParams(""), default_agreement="nagorno-karabakh-2020")
        for zoom in (2, 8, 12, 16):
            clustered = map_data.map_data(
                session, flt, user=user, zone=ZONE, zoom=zoom, point_limit=0
            )
            plain = map_data.map_data(session, flt, user=user, zone=ZONE, zoom=zoom)
            assert clustered["clustered"]
            assert not plain["clustered"]
            counts = [f["properties"]["count"] for f in clustered["features"]]
            assert sum(counts) == plain["on_map"] == 3
        # at zoom 2 the three December incidents share one cell; at 16 they are apart
        low = map_data.map_data(session, flt, user=user, zone=ZONE, zoom=2, point_limit=0)
        high = map_data.map_data(session, flt, user=user, zone=ZONE, zoom=16, point_limit=0)
        assert [f["properties"]["count"] for f in low["features"]] == [3]
        december = [ids[k] for k in ("ceasefire-violation", "armed-clash", "exchange-of-detainees")]
        assert sorted(f["properties"]["id"] for f in high["features"]) == sorted(december)


def test_the_slider_range_spans_the_incidents(client: TestClient) -> None:
    _sign_in(client, "monitor-rus")
    assert client.get("/map/incidents.geojson?range=1").json() == {
        "first": "2020-12-11",
        "last": "2020-12-14",
    }
