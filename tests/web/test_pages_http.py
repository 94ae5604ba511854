"""Pages over HTTP on both stores: status codes, the security headers, the as-of rendering."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from ceasefire.app import create_app
from ceasefire.settings import Settings
from tests.web.conftest import load_scenario


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    load_scenario(db_url)
    app = create_app(Settings(database_url=db_url, development=True))
    with TestClient(app) as c:
        yield c


def test_agreement_page_renders_compliance_as_of_a_date(client: TestClient) -> None:
    response = client.get("/agreements/nagorno-karabakh-2020", params={"as_of": "2020-11-21"})
    assert response.status_code == 200
    html = response.text
    assert 'data-obligation="return-aghdam" data-status="fulfilled"' in html
    assert 'data-obligation="return-kalbajar" data-status="pending"' in html
    assert '<span class="deadline-now">2020-11-25</span>' in html


def test_every_page_carries_a_policy_that_forbids_other_hosts(client: TestClient) -> None:
    for path in ("/agreements/nagorno-karabakh-2020", "/map", "/static/app.css"):
        response = client.get(path)
        assert response.status_code == 200, path
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "http" not in policy  # no other origin without a tile server


def test_unknown_agreement_and_bad_date_are_explained(client: TestClient) -> None:
    missing = client.get("/agreements/nowhere")
    assert missing.status_code == 404
    assert "nowhere" in missing.text
    bad = client.get("/agreements/nagorno-karabakh-2020", params={"as_of": "21/11/2020"})
    assert bad.status_code == 422
    assert "21/11/2020" in bad.text


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_tile_server_is_the_only_other_host_allowed(db_url: str) -> None:
    load_scenario(db_url)
    settings = Settings(database_url=db_url, tile_url="https://tiles.example.org/{z}/{x}/{y}.png")
    with TestClient(create_app(settings)) as c:
        policy = c.get("/map").headers["content-security-policy"]
    assert "img-src 'self' data: https://tiles.example.org" in policy
    assert policy.count("https://") == 1
