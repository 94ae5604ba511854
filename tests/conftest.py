"""Fixtures: every store test runs on SQLite and on PostgreSQL, each test on a fresh database.

PostgreSQL is taken from $CEASEFIRE_TEST_POSTGRES_URL (default: the CI server on 127.0.0.1).
Each test run migrates a template database once and clones it per test, so parallel runs and
tests never see each other's data. Without a reachable server the PostgreSQL runs are skipped,
and the summary says so plainly, except under CI (CI=true), where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from ceasefire import db as store

POSTGRES_URL = os.environ.get(
    "CEASEFIRE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
_skipped_postgres: list[str] = []
_pg_state: dict[str, object] = {}


def _postgres_admin() -> Engine | None:
    if "admin" in _pg_state:
        return _pg_state["admin"]  # type: ignore[return-value]
    engine: Engine | None = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        assert engine is not None
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:
        _pg_state["reason"] = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
        engine = None
    _pg_state["admin"] = engine
    return engine


def _pg_url(database: str) -> str:
    return make_url(POSTGRES_URL).set(database=database).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def _pg_template() -> Iterator[str]:
    admin = _postgres_admin()
    if admin is None:
        reason = f"PostgreSQL not reachable at {POSTGRES_URL} ({_pg_state.get('reason')})"
        if IN_CI:
            pytest.fail(f"{reason}; CI never skips the PostgreSQL runs")
        pytest.skip(reason)
    name = f"cf_tmpl_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = store.make_engine(_pg_url(name))
    store.upgrade(engine)
    engine.dispose()
    yield name
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = store.make_engine(f"sqlite:///{path}")
    store.upgrade(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, migrated, empty database of each kind."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("_sqlite_template")
        path = tmp_path / "ceasefire.db"
        shutil.copyfile(template, path)
        yield f"sqlite:///{path}"
        return
    try:
        template_name: str = request.getfixturevalue("_pg_template")
    except pytest.skip.Exception:
        _skipped_postgres.append(request.node.nodeid)
        raise
    admin = _postgres_admin()
    assert admin is not None
    name = f"cf_{os.getpid()}_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template_name}"'))
    yield _pg_url(name)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = store.make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on the fresh database; the test decides when to commit."""
    with store.session_factory(engine)() as session:
        yield session


@pytest.hookimpl(hookwrapper=True)
def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> Iterator[None]:
    yield
    if _skipped_postgres:
        terminalreporter.write_line(
            f"NOTE: skipped {len(_skipped_postgres)} PostgreSQL runs: "
            f"{_pg_state.get('reason', 'PostgreSQL not reachable')}. "
            "Start PostgreSQL (or set CEASEFIRE_TEST_POSTGRES_URL) to run them.",
            yellow=True,
            bold=True,
        )
