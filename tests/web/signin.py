"""Signing in through the sign-in form, as a browser does: fetch the form, then post it."""

from __future__ import annotations

from fastapi.testclient import TestClient


def sign_in(client: TestClient, name: str, password: str) -> str:
    """Sign in by the form; returns the CSRF token the session's forms must carry."""
    client.get("/signin")
    token = client.cookies["ceasefire_signin"]
    response = client.post(
        "/signin",
        data={"name": name, "password": password, "signin_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return client.cookies["ceasefire_csrf"]
