"""Accounts on both stores: argon2id passwords, limited sign-ins, tokens, sessions and CSRF."""

from __future__ import annotations

from typing import Annotated

import pytest
from fastapi import Form, Request
from sqlalchemy import Engine, func, select

from ceasefire import db as store
from ceasefire.accounts import service as accounts_service
from ceasefire.accounts.models import SignInFailure
from ceasefire.audit.events import DomainEvent, subscribe, unsubscribe
from ceasefire.errors import CeasefireError, ConflictError
from ceasefire.http.auth import CurrentUser, csrf_token
from tests.world import PASSWORD, incident_body, load_default, make_world


def _add(
    engine: Engine, name: str = "mon", role: str = "monitor", party: str | None = "TUR"
) -> None:
    with store.transaction(engine) as session:
        load_default(session)
        accounts_service.create_user(
            session, name=name, role=role, party=party, password=PASSWORD, actor="test"
        )


def test_passwords_are_argon2id_and_names_unique(engine: Engine) -> None:
    _add(engine)
    with store.transaction(engine) as session:
        user = accounts_service.get_user(session, name="mon")
        assert user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash
    with pytest.raises(ConflictError):
        _add(engine)


@pytest.mark.parametrize(
    ("role", "party", "message"),
    [
        ("boss", "TUR", "role"),
        ("liaison", None, "conflict party"),
        ("monitor", None, "monitoring party"),
        ("monitor", "TURKEY", "ISO3"),
    ],
)
def test_bad_user_fields_are_refused(
    engine: Engine, role: str, party: str | None, message: str
) -> None:
    with pytest.raises(CeasefireError, match=message):
        _add(engine, role=role, party=party)


def test_failed_sign_ins_are_recorded_and_limited(engine: Engine) -> None:
    _add(engine)
    events: list[DomainEvent] = []
    subscribe(events.append)
    try:
        for _ in range(accounts_service.MAX_FAILURES):
            with pytest.raises(accounts_service.SignInError), store.transaction(engine) as session:
                accounts_service.authenticate(
                    session, name="mon", password="wrong", source="10.0.0.9"
                )
        # Locked now: even the right password is refused, and that attempt is recorded too.
        with (
            pytest.raises(accounts_service.SignInError, match="too many"),
            store.transaction(engine) as session,
        ):
            accounts_service.authenticate(session, name="mon", password=PASSWORD, source="10.0.0.9")
    finally:
        unsubscribe(events.append)
    with store.transaction(engine) as session:
        count = session.scalar(select(func.count()).select_from(SignInFailure))
        assert count == accounts_service.MAX_FAILURES + 1
        assert accounts_service.is_locked(session, name="mon")
    assert [e.name for e in events].count("sign-in-failed") == accounts_service.MAX_FAILURES + 1


def test_a_good_sign_in_works_and_unknown_names_fail(engine: Engine) -> None:
    _add(engine)
    with store.transaction(engine) as session:
        assert (
            accounts_service.authenticate(session, name="mon", password=PASSWORD, source="t").name
            == "mon"
        )
    with pytest.raises(accounts_service.SignInError), store.transaction(engine) as session:
        accounts_service.authenticate(session, name="nobody", password=PASSWORD, source="t")


def test_tokens_are_stored_hashed_and_can_be_revoked(engine: Engine) -> None:
    _add(engine)
    with store.transaction(engine) as session:
        new = accounts_service.create_token(session, user_name="mon", actor="test")
    with store.transaction(engine) as session:
        ((token, owner),) = accounts_service.list_tokens(session)
        assert owner == "mon"
        assert new.token not in token.token_hash
        user = accounts_service.user_for_token(session, token=new.token)
        assert user is not None
        assert user.name == "mon"
        accounts_service.revoke_token(session, token_id=new.id, actor="test")
    with store.transaction(engine) as session:
        assert accounts_service.user_for_token(session, token=new.token) is None


def test_session_cookie_csrf_and_bearer_tokens(db_url: str) -> None:
    world = make_world(db_url, {"mon": ("monitor", "TUR")})
    client = world.client(None)
    assert client.get("/api/v1/me").status_code == 401
    assert (
        client.post("/api/v1/session", json={"name": "mon", "password": "nope"}).status_code == 401
    )
    answer = client.post("/api/v1/session", json={"name": "mon", "password": PASSWORD})
    assert answer.status_code == 200
    cookies = answer.headers.get_list("set-cookie")
    session_cookie = next(c for c in cookies if c.startswith("ceasefire_session="))
    assert "HttpOnly" in session_cookie
    assert "samesite=lax" in session_cookie.lower()
    assert "Secure" in session_cookie  # not development
    # TestClient speaks plain http, so resend the Secure cookies by hand.
    client.cookies.set("ceasefire_session", answer.cookies["ceasefire_session"])
    client.cookies.set("ceasefire_csrf", answer.cookies["ceasefire_csrf"])
    assert client.get("/api/v1/me").json() == {
        "id": 1,
        "name": "mon",
        "role": "monitor",
        "party": "TUR",
    }
    # An unsafe request with the session cookie but no CSRF token is refused.
    assert client.post("/api/v1/incidents", json=incident_body()).status_code == 403
    wrong = {"X-CSRF-Token": "forged"}
    assert client.post("/api/v1/incidents", json=incident_body(), headers=wrong).status_code == 403
    right = {"X-CSRF-Token": answer.cookies["ceasefire_csrf"]}
    assert client.post("/api/v1/incidents", json=incident_body(), headers=right).status_code == 201
    # A bearer token needs no CSRF token.
    bearer = world.client("mon")
    assert bearer.post("/api/v1/incidents", json=incident_body()).status_code == 201
    # Signing out clears the cookies.
    out = client.delete("/api/v1/session", headers=right)
    assert out.status_code == 204
    assert any(c.startswith('ceasefire_session=""') for c in out.headers.get_list("set-cookie"))
    bad = world.client(None)
    bad.headers["Authorization"] = "Bearer cf_not-a-token"
    assert bad.get("/api/v1/me").status_code == 401


def test_request_bodies_are_size_limited(db_url: str) -> None:
    world = make_world(db_url, {"mon": ("monitor", "TUR")})
    client = world.client("mon")
    huge = incident_body(summary="x" * (21 * 1024 * 1024))
    assert client.post("/api/v1/incidents", json=huge).status_code == 413


def test_forms_carry_the_csrf_token_in_a_field(db_url: str) -> None:
    world = make_world(db_url, {"mon": ("monitor", "TUR")})

    @world.app.post("/test-form")
    def form_route(user: CurrentUser, note: Annotated[str, Form()]) -> dict[str, str]:
        return {"user": user.name, "note": note}

    @world.app.get("/test-token")
    def token_route(request: Request, user: CurrentUser) -> dict[str, str]:
        return {"token": csrf_token(request)}

    client = world.client(None)
    answer = client.post("/api/v1/session", json={"name": "mon", "password": PASSWORD})
    client.cookies.set("ceasefire_session", answer.cookies["ceasefire_session"])
    got = client.get("/test-token")
    assert got.status_code == 200, got.text
    token = got.json()["token"]
    assert token == answer.cookies["ceasefire_csrf"]
    assert client.post("/test-form", data={"note": "hi"}).status_code == 403
    ok = client.post("/test-form", data={"note": "hi", "csrf_token": token})
    assert ok.json() == {"user": "mon", "note": "hi"}


def test_one_source_spraying_many_names_is_locked(engine: Engine) -> None:
    _add(engine)
    for i in range(accounts_service.MAX_FAILURES_PER_SOURCE):
        with pytest.raises(accounts_service.SignInError), store.transaction(engine) as session:
            accounts_service.authenticate(
                session, name=f"guess{i}", password="x", source="10.6.6.6"
            )
    with (
        pytest.raises(accounts_service.SignInError, match="too many"),
        store.transaction(engine) as session,
    ):
        accounts_service.authenticate(session, name="mon", password=PASSWORD, source="10.6.6.6")
    with store.transaction(engine) as session:
        assert accounts_service.authenticate(
            session, name="mon", password=PASSWORD, source="10.0.0.1"
        )
