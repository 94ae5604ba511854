"""An account's party must fit its role at every entry (CLI, API, web, demo), wrong accounts are
reported, deactivation kills sessions and tokens at once, passwords change and reset: on both stores."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from ceasefire import db as store
from ceasefire.accounts import service as accounts_service
from ceasefire.accounts.models import User
from ceasefire.app import create_app
from ceasefire.audit.models import AuditEntry
from ceasefire.cli import app as cli_app
from ceasefire.demo import DEMO_USERS, add_demo
from ceasefire.errors import CeasefireError
from ceasefire.settings import Settings
from tests.web.signin import sign_in
from tests.world import PASSWORD, load_default, make_world

#: (role, party, words the refusal must say): the wrong kinds of party for each role
WRONG = [
    ("monitor", "ARM", "ARM is a conflict party: use one of RUS, TUR"),
    ("co-head", "AZE", "AZE is a conflict party: use one of RUS, TUR"),
    ("admin", "ARM", "ARM is a conflict party: use one of RUS, TUR"),
    ("liaison", "TUR", "TUR is a monitoring party: use one of ARM, AZE"),
    ("liaison", "RUS", "RUS is a monitoring party: use one of ARM, AZE"),
]


def _count_users(db_url: str) -> int:
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        count = len(accounts_service.list_users(session))
    engine.dispose()
    return count


@pytest.mark.parametrize(("role", "party", "words"), WRONG)
def test_the_cli_refuses_a_wrong_party(db_url: str, role: str, party: str, words: str) -> None:
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        load_default(session)
    engine.dispose()
    result = CliRunner().invoke(
        cli_app,
        ["users", "add", "x", "--role", role, "--party", party, "--db", db_url],
        input="a long password\n",
    )
    assert result.exit_code == 1
    assert words in result.output
    assert _count_users(db_url) == 0


@pytest.mark.parametrize(("role", "party", "words"), WRONG)
def test_the_api_refuses_a_wrong_party(db_url: str, role: str, party: str, words: str) -> None:
    world = make_world(db_url, {"admin": ("admin", "TUR")})
    answer = world.client("admin").post(
        "/api/v1/users", json={"name": "x", "role": role, "party": party, "password": PASSWORD}
    )
    assert answer.status_code == 422
    assert words in answer.json()["detail"]
    assert _count_users(db_url) == 1
    right = "TUR" if role != "liaison" else "ARM"
    body = {"name": "x", "role": role, "party": right, "password": PASSWORD}
    assert world.client("admin").post("/api/v1/users", json=body).status_code == 201


@pytest.mark.parametrize(("role", "party", "words"), WRONG)
def test_the_admin_page_refuses_a_wrong_party(
    db_url: str, role: str, party: str, words: str
) -> None:
    make_world(db_url, {"admin": ("admin", "TUR")})
    app = create_app(Settings(database_url=db_url, development=True, secret_key="k" * 40))
    with TestClient(app) as client:
        csrf = sign_in(client, "admin", PASSWORD)
        data = {"name": "x", "role": role, "party": party, "password": PASSWORD}
        page = client.post("/admin/users", data={**data, "csrf_token": csrf})
    assert page.status_code == 422
    assert words in page.text
    assert 'data-user="x"' not in page.text
    assert _count_users(db_url) == 1


def test_the_demo_makes_only_fitting_accounts(engine: Engine) -> None:
    with store.transaction(engine) as session:
        load_default(session)
        add_demo(session, password=PASSWORD)
    with store.transaction(engine) as session:
        assert accounts_service.wrong_accounts(session) == []
        assert {u.name for u in accounts_service.list_users(session)} == set(DEMO_USERS)


def test_no_account_before_an_agreement_is_loaded(engine: Engine) -> None:
    with (
        pytest.raises(CeasefireError, match="no agreement is loaded"),
        store.transaction(engine) as session,
    ):
        accounts_service.create_user(
            session, name="m", role="monitor", party="TUR", password=PASSWORD, actor="t"
        )


def test_wrong_accounts_already_stored_are_reported(db_url: str) -> None:
    make_world(db_url, {"monitor-tur": ("monitor", "TUR")})
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:  # as an older version let them in
        hashed = accounts_service.hash_password(PASSWORD)
        session.add(User(name="monitor-arm", role="monitor", party="ARM", password_hash=hashed))
        session.add(User(name="liaison-tur", role="liaison", party="TUR", password_hash=hashed))
    engine.dispose()
    runner = CliRunner()
    result = runner.invoke(cli_app, ["users", "check", "--format", "json", "--db", db_url])
    assert result.exit_code == 1
    found = {r["name"]: r["problem"] for r in json.loads(result.stdout)}
    assert set(found) == {"monitor-arm", "liaison-tur"}
    assert "ARM is a conflict party" in found["monitor-arm"]
    assert "TUR is a monitoring party" in found["liaison-tur"]


def test_deactivation_kills_a_session_and_a_token_at_once(db_url: str) -> None:
    world = make_world(db_url, {"admin": ("admin", "TUR"), "mon": ("monitor", "TUR")})
    app = create_app(Settings(database_url=db_url, development=True, secret_key="k" * 40))
    with TestClient(app) as browser:
        sign_in(browser, "mon", PASSWORD)
        assert browser.get("/incidents", follow_redirects=False).status_code == 200
        bearer = world.client("mon")
        assert bearer.get("/api/v1/me").status_code == 200
        # another admin's request through the API deactivates the account
        answer = world.client("admin").post("/api/v1/users/mon/deactivate")
        assert answer.status_code == 200, answer.text
        assert answer.json() == {"name": "mon", "active": False, "tokens_revoked": 1}
        # the very next request of the session is anonymous: sent to sign in; the token is dead
        assert browser.get("/incidents", follow_redirects=False).status_code == 303
        assert browser.get("/api/v1/me").status_code == 401
        assert bearer.get("/api/v1/me").status_code == 401
        # and it cannot sign in again
        browser.get("/signin")
        token = browser.cookies["ceasefire_signin"]
        again = browser.post(
            "/signin",
            data={"name": "mon", "password": PASSWORD, "signin_token": token},
            follow_redirects=False,
        )
        assert again.status_code == 401
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        names = list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))
    engine.dispose()
    assert "user-deactivated" in names


def test_deactivation_by_the_cli_and_the_admin_page(db_url: str) -> None:
    world = make_world(
        db_url, {"admin": ("admin", "TUR"), "m1": ("monitor", "RUS"), "m2": ("monitor", "TUR")}
    )
    result = CliRunner().invoke(cli_app, ["users", "deactivate", "m1", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "1 token(s) revoked" in result.output
    assert world.client("m1").get("/api/v1/me").status_code == 401
    app = create_app(Settings(database_url=db_url, development=True, secret_key="k" * 40))
    with TestClient(app) as admin, TestClient(app) as m2:
        sign_in(m2, "m2", PASSWORD)
        csrf = sign_in(admin, "admin", PASSWORD)
        page = admin.post("/admin/users/m2/deactivate", data={"csrf_token": csrf})
        assert page.status_code == 200
        assert "User m2 deactivated" in page.text
        assert m2.get("/incidents", follow_redirects=False).status_code == 303
        # an admin cannot lock themselves out
        assert (
            admin.post("/admin/users/admin/deactivate", data={"csrf_token": csrf}).status_code
            == 409
        )


def test_passwords_change_by_their_owner_and_reset_by_an_admin(db_url: str) -> None:
    world = make_world(db_url, {"admin": ("admin", "TUR"), "mon": ("monitor", "TUR")})
    mon = world.client("mon")
    wrong = {"current": "not it at all", "new": "a new long password"}
    assert mon.post("/api/v1/me/password", json=wrong).status_code == 403
    short = {"current": PASSWORD, "new": "short"}
    assert mon.post("/api/v1/me/password", json=short).status_code == 422
    right = {"current": PASSWORD, "new": "a new long password"}
    assert mon.post("/api/v1/me/password", json=right).status_code == 204
    assert mon.post("/api/v1/users/admin/password", json={"new": "x" * 12}).status_code == 403
    reset = world.client("admin").post(
        "/api/v1/users/mon/password", json={"new": "reset by admin 1"}
    )
    assert reset.status_code == 204
    app = create_app(Settings(database_url=db_url, development=True, secret_key="k" * 40))
    with TestClient(app) as browser:
        csrf = sign_in(browser, "mon", "reset by admin 1")
        page = browser.post(
            "/account/password",
            data={"current": "reset by admin 1", "new": "changed in the page", "csrf_token": csrf},
        )
        assert "Password changed." in page.text
    with TestClient(app) as browser:
        sign_in(browser, "mon", "changed in the page")
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        names = list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))
    engine.dispose()
    assert names.count("password-changed") == 2
    assert names.count("password-reset") == 1
