"""The admin page over HTTP on both stores: users and tokens, for admins only."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from ceasefire.app import create_app
from ceasefire.settings import Settings
from tests.web.conftest import PASSWORD
from tests.web.signin import sign_in


def _sign_in(client: TestClient, name: str, password: str = PASSWORD) -> str:
    return sign_in(client, name, password)


def test_an_admin_adds_a_user_and_issues_then_revokes_a_token(client: TestClient) -> None:
    csrf = _sign_in(client, "admin")
    added = client.post(
        "/admin/users",
        data={
            "name": "monitor-tur-2",
            "role": "monitor",
            "party": "tur",
            "password": "a long enough password",
            "csrf_token": csrf,
        },
    )
    assert 'data-user="monitor-tur-2"' in added.text
    page = client.post(
        "/admin/tokens", data={"owner": "monitor-tur-2", "label": "uav feed", "csrf_token": csrf}
    )
    token = page.text.split('<code class="token">')[1].split("</code>")[0]
    # the token works on the API as that user, until revoked
    me = TestClient(client.app).get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["name"] == "monitor-tur-2"
    token_id = page.text.split('data-token="')[-1].split('"')[0]
    client.post(f"/admin/tokens/{token_id}/revoke", data={"csrf_token": csrf})
    again = TestClient(client.app).get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert again.status_code == 401
    assert token not in client.get("/admin").text  # shown once only


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("name", ["monitor-tur", "cohead-rus", "liaison-aze"])
def test_only_admins_reach_it(client: TestClient, name: str) -> None:
    csrf = _sign_in(client, name)
    assert client.get("/admin").status_code == 404
    refused = client.post(
        "/admin/users",
        data={"name": "x", "role": "admin", "password": "p" * 20, "csrf_token": csrf},
    )
    assert refused.status_code == 404


def test_a_sign_in_form_from_elsewhere_is_refused(db_url: str) -> None:
    """Login CSRF: a post without this server's sign-in token signs nobody in."""
    client = TestClient(
        create_app(Settings(database_url=db_url, development=True, secret_key="k" * 40))
    )
    response = client.post("/signin", data={"name": "x", "password": "y"}, follow_redirects=False)
    assert response.status_code == 403
    assert "ceasefire_session" not in client.cookies
