"""The server survives its users (issue 17, findings 1-3 and 5): the event loop never waits on
the database, a write is committed before it is acknowledged, SQLite's one writer is taken in
turn, a busy store answers 503 with Retry-After, and signing out ends the session everywhere.

These run a real server on loopback (`tests.api.live`): the in-process TestClient runs every
request on a loop of its own and waits for the dependencies to end, which hides all of it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from ceasefire.accounts import service as accounts_service
from ceasefire.app import create_app
from ceasefire.cli.core import uvicorn_options
from ceasefire.settings import Settings
from tests.api.live import at_once, live_server
from tests.world import AGREEMENT, PASSWORD, World, incident_body, make_world

ROOT = Path(__file__).resolve().parents[2]
CLIENT_TIMEOUT = 60.0


@pytest.fixture
def sqlite_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh migrated SQLite store (for what only SQLite has: one writer at a time)."""
    template: Path = request.getfixturevalue("_sqlite_template")
    path = tmp_path / "ceasefire.db"
    path.write_bytes(template.read_bytes())
    return f"sqlite:///{path}"


def _bearer(world: World, name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {world.tokens[name]}"}


def _status(call: httpx.Response | Exception) -> int | str:
    return call.status_code if isinstance(call, httpx.Response) else type(call).__name__


def test_forty_requests_at_once_are_all_answered_and_the_server_serves_on(db_url: str) -> None:
    """Finding 1: 16 (SQLite) or 20 (PostgreSQL) concurrent reads wedged the server for good:
    the `async def` authentication held the loop in the pool's checkout."""
    world = make_world(db_url)
    headers = _bearer(world, "monitor-tur")
    with live_server(world.app) as base:

        def read(_: int) -> int | str:
            try:
                return _status(
                    httpx.get(
                        f"{base}/api/v1/incidents",
                        params={"limit": 50},
                        headers=headers,
                        timeout=CLIENT_TIMEOUT,
                    )
                )
            except httpx.HTTPError as exc:
                return _status(exc)

        answers = at_once(40, read)
        assert answers == [200] * 40
        assert httpx.get(f"{base}/healthz", timeout=10).status_code == 200
        assert read(0) == 200


def test_a_write_is_readable_as_soon_as_it_is_acknowledged(db_url: str) -> None:
    """Finding 3: the request's transaction was committed after the response had been sent, so
    a read sent right after a 201 on the same connection missed the write."""
    world = make_world(db_url)
    missed: list[str] = []
    with (
        live_server(world.app) as base,
        httpx.Client(
            base_url=base, headers=_bearer(world, "monitor-tur"), timeout=CLIENT_TIMEOUT
        ) as tur,
    ):
        for i in range(100):
            created = tur.post("/api/v1/incidents", json=incident_body(summary=f"Shots {i}."))
            assert created.status_code == 201, created.text
            read = tur.get(f"/api/v1/incidents/{created.json()['id']}")
            if read.status_code != 200:
                missed.append(f"incident {created.json()['id']}: {read.status_code}")
    assert missed == []


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    code = "import sys; from ceasefire.cli import main; sys.argv[0] = 'ceasefire'; sys.exit(main())"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        check=False,
    )


def test_four_writers_and_a_cli_import_all_succeed_on_sqlite(
    tmp_path: Path, sqlite_url: str
) -> None:
    """Finding 2: four clients posting 25 incidents each beside a CLI import got `database is
    locked` (500), resets and timeouts, and the import failed likewise."""
    db_url = sqlite_url
    world = make_world(db_url)
    rows = "".join(
        f"ceasefire-violation,Shots {i},2020-12-11,hadrut,complete-ceasefire:breaches\n"
        for i in range(300)
    )
    csv_file = tmp_path / "import.csv"
    csv_file.write_text("type,summary,occurred,area,obligations\n" + rows, encoding="utf-8")
    with live_server(world.app) as base:

        def write(i: int) -> list[int | str] | subprocess.CompletedProcess[str]:
            if i == 4:
                return _cli(
                    "incidents", "import", str(csv_file), "--format", "csv",
                    "--agreement", AGREEMENT, "--db", db_url,
                )  # fmt: skip
            with httpx.Client(
                base_url=base, headers=_bearer(world, "monitor-tur"), timeout=CLIENT_TIMEOUT
            ) as client:
                answers: list[int | str] = []
                for n in range(25):
                    body = incident_body(summary=f"Writer {i}, incident {n}.")
                    try:
                        answers.append(client.post("/api/v1/incidents", json=body).status_code)
                    except httpx.HTTPError as exc:
                        answers.append(_status(exc))
                return answers

        *writers, cli = at_once(5, write)
        assert httpx.get(f"{base}/healthz", timeout=10).status_code == 200
        listed = httpx.get(
            f"{base}/api/v1/incidents",
            params={"limit": 1, "status": "candidate"},
            headers=_bearer(world, "monitor-tur"),
            timeout=CLIENT_TIMEOUT,
        )
    assert writers == [[201] * 25] * 4
    assert isinstance(cli, subprocess.CompletedProcess)
    assert cli.returncode == 0, cli.stderr
    assert listed.json()["total"] == 300


def test_a_locked_store_answers_503_with_retry_after_and_reads_go_on(sqlite_url: str) -> None:
    """A writer that cannot get SQLite's write lock within the bounded wait answers 503 with
    Retry-After (not 500 `database is locked` after stalling everything); reads and /healthz
    are answered meanwhile."""
    path = make_url(sqlite_url).database
    assert path is not None
    world = make_world(sqlite_url)
    app = create_app(Settings(database_url=sqlite_url, secret_key="x" * 40, busy_wait_seconds=0.5))
    client = TestClient(app, headers=_bearer(world, "monitor-tur"))
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process's writer, holding the lock
    try:
        refused = client.post("/api/v1/incidents", json=incident_body())
        assert refused.status_code == 503, refused.text
        assert refused.headers["Retry-After"].isdigit()
        assert client.get("/api/v1/incidents").status_code == 200
        assert client.get("/healthz").status_code == 200
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert client.post("/api/v1/incidents", json=incident_body()).status_code == 201


def test_readyz_says_whether_the_store_answers_and_is_migrated(db_url: str, tmp_path: Path) -> None:
    world = make_world(db_url)
    assert TestClient(world.app).get("/readyz").json()["status"] == "ready"
    empty = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'empty.db'}"))
    answer = TestClient(empty).get("/readyz")
    assert answer.status_code == 503
    assert "Retry-After" in answer.headers
    assert TestClient(empty).get("/healthz").status_code == 200


HTTPS = "https://testserver"  # session cookies are Secure outside development


def _sign_in(client: TestClient, name: str) -> None:
    answer = client.post("/api/v1/session", json={"name": name, "password": PASSWORD})
    assert answer.status_code == 200, answer.text


def test_signing_out_ends_the_session_in_every_server_process(db_url: str) -> None:
    """Finding 5: after signing out, the signed cookie still answered on /api/v1/me for its
    12 hours. The session is kept in the store, so another process refuses it too."""
    world = make_world(db_url)
    other_process = create_app(Settings(database_url=db_url, secret_key="x" * 40))
    client = TestClient(world.app, base_url=HTTPS)
    _sign_in(client, "monitor-tur")
    cookies = dict(client.cookies)
    assert client.get("/api/v1/me").json()["name"] == "monitor-tur"
    assert (
        TestClient(other_process, base_url=HTTPS, cookies=cookies).get("/api/v1/me").status_code
        == 200
    )
    assert client.delete("/api/v1/session").status_code == 204
    for app in (world.app, other_process):
        replayed = TestClient(app, base_url=HTTPS, cookies=cookies).get("/api/v1/me")
        assert replayed.status_code == 401, replayed.text


def test_signing_out_of_the_pages_ends_the_session(db_url: str) -> None:
    world = make_world(db_url)
    client = TestClient(world.app, base_url=HTTPS, follow_redirects=False)
    _sign_in(client, "monitor-rus")
    cookies = dict(client.cookies)
    out = client.post("/signout", headers={"X-CSRF-Token": client.cookies["ceasefire_csrf"]})
    assert out.status_code == 303
    assert (
        TestClient(world.app, base_url=HTTPS, cookies=cookies).get("/api/v1/me").status_code == 401
    )


def test_a_deactivated_users_sessions_end(db_url: str) -> None:
    world = make_world(db_url)
    client = TestClient(world.app, base_url=HTTPS)
    _sign_in(client, "liaison-arm")
    engine = world.app.state.engine
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE users SET active = false WHERE name = 'liaison-arm'")
    assert client.get("/api/v1/me").status_code == 401


def _failed_sign_ins(base: str, count: int, forwarded: bool) -> list[int]:
    answers = []
    with httpx.Client(base_url=base, timeout=CLIENT_TIMEOUT) as client:
        for i in range(count):
            headers = {"X-Forwarded-For": f"203.0.113.{i % 250}"} if forwarded else {}
            body = {"name": f"nobody{i}", "password": "wrong password"}
            answers.append(client.post("/api/v1/session", json=body, headers=headers).status_code)
    return answers


def _uvicorn_options() -> dict[str, object]:
    # what `ceasefire serve` gives uvicorn, less what the test server sets itself
    options = uvicorn_options(Settings(), host="127.0.0.1", port=0, workers=1)
    return {k: v for k, v in options.items() if k not in {"host", "port", "workers", "log_level"}}


def test_forwarded_for_from_an_untrusted_peer_does_not_escape_the_address_lock(
    db_url: str,
) -> None:
    """Finding 5: `X-Forwarded-For` sent from loopback was believed (uvicorn's default), so
    each failed sign-in came from a new address and the per-address lock never closed."""
    world = make_world(db_url)
    limit = accounts_service.MAX_FAILURES_PER_SOURCE
    with live_server(world.app, **_uvicorn_options()) as base:
        answers = _failed_sign_ins(base, limit + 1, forwarded=True)
    assert answers == [401] * (limit + 1)
    engine = world.app.state.engine
    with engine.connect() as connection:
        sources = {
            row[0] for row in connection.exec_driver_sql("SELECT source FROM sign_in_failures")
        }
    assert sources == {"127.0.0.1"}


def test_forwarded_for_is_believed_from_a_configured_proxy(db_url: str) -> None:
    world = make_world(db_url)
    app = create_app(
        Settings(database_url=db_url, secret_key="x" * 40, trusted_proxies="127.0.0.1")
    )
    with live_server(app, **_uvicorn_options()) as base:
        _failed_sign_ins(base, 2, forwarded=True)
    with world.app.state.engine.connect() as connection:
        sources = {
            row[0] for row in connection.exec_driver_sql("SELECT source FROM sign_in_failures")
        }
    assert sources == {"203.0.113.0", "203.0.113.1"}


def test_the_store_url_of_a_test_is_never_a_file_of_the_repository(db_url: str) -> None:
    # guard for the CLI subprocess above: it must not touch a default ceasefire.db
    assert make_url(db_url).database != "ceasefire.db"


def test_fifty_clients_half_writing_all_get_an_answer(db_url: str) -> None:
    """50 clients at once for a few seconds, half of them writing: every request is answered
    (201/200, or 503 with Retry-After when the turn did not come within the bounded wait), every
    acknowledged write is readable at once, and the server still serves afterwards. No timing
    is asserted."""
    world = make_world(db_url)
    headers = _bearer(world, "monitor-tur")
    with live_server(world.app) as base:

        def client(number: int) -> list[str]:
            problems: list[str] = []
            with httpx.Client(base_url=base, headers=headers, timeout=CLIENT_TIMEOUT) as http:
                for n in range(6):
                    try:
                        if number % 2:
                            body = incident_body(summary=f"Client {number}, write {n}.")
                            answer = http.post("/api/v1/incidents", json=body)
                            if answer.status_code == 201:
                                read = http.get(f"/api/v1/incidents/{answer.json()['id']}")
                                if read.status_code != 200:
                                    problems.append(f"write not readable: {read.status_code}")
                                continue
                        else:
                            answer = http.get("/api/v1/incidents", params={"limit": 20})
                            if answer.status_code == 200:
                                continue
                        if answer.status_code != 503 or "Retry-After" not in answer.headers:
                            problems.append(f"{answer.status_code}: {answer.text[:200]}")
                    except httpx.HTTPError as exc:
                        problems.append(f"no answer: {type(exc).__name__}")
            return problems

        problems = [p for answers in at_once(50, client) for p in answers]
        assert httpx.get(f"{base}/healthz", timeout=10).status_code == 200
        assert httpx.get(f"{base}/readyz", timeout=CLIENT_TIMEOUT).status_code == 200
    assert problems == []


def test_a_value_the_store_refuses_is_the_requests_fault(db_url: str) -> None:
    """An id beyond PostgreSQL's integers answered 500 (found by schemathesis): the store's
    refusal of a value is a 4xx like any refused input."""
    world = make_world(db_url)
    client = world.client("monitor-tur")
    for path in ("/api/v1/incidents/2147483648", "/api/v1/incidents/2147483648/finding"):
        answer = client.get(path)
        assert answer.status_code in {404, 422}, answer.text
        assert isinstance(answer.json()["detail"], str)
