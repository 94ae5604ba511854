"""The agreement and compliance routes, through the real app on both stores."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from ceasefire import db as store
from ceasefire import scenarios
from ceasefire.agreements import service as agreements_service
from ceasefire.agreements.document import parse_agreement
from ceasefire.app import create_app
from ceasefire.settings import load_settings


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    engine = store.make_engine(db_url)
    document = parse_agreement(scenarios.agreement_file(scenarios.DEFAULT).read_bytes(), "nk")
    with store.transaction(engine) as session:
        agreements_service.store_document(session, document=document, source_name="nk")
    engine.dispose()
    with TestClient(create_app(load_settings(db_url))) as test_client:
        yield test_client


def test_healthz(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["status"] == "ok"


def test_agreements(client: TestClient) -> None:
    assert [a["id"] for a in client.get("/api/v1/agreements").json()] == ["nagorno-karabakh-2020"]
    detail = client.get("/api/v1/agreements/nagorno-karabakh-2020").json()
    assert len(detail["obligations"]) == 15
    assert client.get("/api/v1/agreements/atlantis").status_code == 404


def test_areas_are_geojson(client: TestClient) -> None:
    collection = client.get("/api/v1/agreements/nagorno-karabakh-2020/areas").json()
    kinds = {f["id"]: f["properties"]["kind"] for f in collection["features"]}
    assert kinds["lachin-corridor"] == "corridor" and kinds["aghdam-district"] == "district"


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2020-11-14", "pending"),
        ("2020-11-21", "fulfilled"),
        ("2020-11-21T00:00:00+00:00", "fulfilled"),
    ],
)
def test_compliance(client: TestClient, as_of: str, expected: str) -> None:
    body = client.get("/api/v1/compliance/nagorno-karabakh-2020", params={"as_of": as_of}).json()
    rows = {row["obligation"]: row for row in body["obligations"]}
    assert rows["return-aghdam"]["status"] == expected


def test_compliance_bad_date(client: TestClient) -> None:
    response = client.get("/api/v1/compliance/nagorno-karabakh-2020", params={"as_of": "tomorrow"})
    assert response.status_code == 422 and "malformed date" in response.json()["detail"]


def test_openapi_document(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/compliance/{agreement_id}" in paths
