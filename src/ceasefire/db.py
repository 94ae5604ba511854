"""The store: engines for SQLite and PostgreSQL, sessions, shared column types and migrations."""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import JSON, Connection, DateTime, Engine, MetaData, create_engine, event
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Every table of every domain hangs off this one metadata, so Alembic sees them all."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


JSONType = JSON().with_variant(JSONB(), "postgresql")


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A moment stored in UTC and always read back timezone-aware (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()} given where a moment is needed")
        utc = value.astimezone(dt.UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


#: Execution option of a connection whose transaction writes: on SQLite it begins with
#: `BEGIN IMMEDIATE` under the process's writer lock (see `make_engine`). Without it the driver
#: begins a transaction just before its first write, as it always did.
WRITE_OPTION = "ceasefire_write"
#: How long a writer waits for SQLite's write lock (and a request for a pooled connection)
#: before giving up with `StoreBusyError`/a pool timeout, unless the caller says otherwise.
DEFAULT_WAIT_SECONDS = 10.0


class StoreBusyError(OperationalError):
    """The store did not give us its write lock (or a connection) within the bounded wait."""

    def __init__(self, message: str) -> None:
        super().__init__(message, None, Exception(message))


class _WriterLock:
    """SQLite has one writer at a time: writers of this process queue here, off the event loop,
    for a bounded time, instead of spinning in SQLite's busy handler against each other. Writers
    of other processes (a CLI import beside the server) are met by `BEGIN IMMEDIATE` waiting up to
    the busy timeout."""

    def __init__(self, wait_seconds: float) -> None:
        self._lock = threading.Lock()
        self.wait_seconds = wait_seconds

    def acquire(self, info: dict[Any, Any]) -> None:
        if not self._lock.acquire(timeout=self.wait_seconds):
            raise StoreBusyError(
                f"database is locked: no write lock within {self.wait_seconds:g} s"
            )
        info["ceasefire.writer"] = True

    def release(self, info: dict[Any, Any]) -> None:
        if info.pop("ceasefire.writer", False):
            self._lock.release()


def _sqlite_events(engine: Engine, wait_seconds: float) -> None:
    writer = _WriterLock(wait_seconds)
    busy_ms = int(wait_seconds * 1000)

    def pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    def begin(connection: Connection) -> None:
        if not connection.get_execution_options().get(WRITE_OPTION):
            return  # the driver begins (deferred) before the first write, as it always did
        writer.acquire(connection.info)
        try:
            # take the write lock before reading, so what the transaction read is still true
            # when it writes (no "database is locked" half-way through a request)
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            writer.release(connection.info)
            raise

    def end(connection: Connection) -> None:
        writer.release(connection.info)

    def checkin(_dbapi_connection: Any, record: Any) -> None:
        writer.release(record.info)  # a connection returned to the pool never keeps the lock

    event.listen(engine, "connect", pragmas)
    event.listen(engine, "begin", begin)
    event.listen(engine, "commit", end)
    event.listen(engine, "rollback", end)
    event.listen(engine.pool, "checkin", checkin)
    event.listen(engine.pool, "invalidate", lambda _c, record, _e: writer.release(record.info))


def make_engine(
    url: str, *, wait_seconds: float = DEFAULT_WAIT_SECONDS, pool_size: int = 5
) -> Engine:
    """An engine for `url`; `transaction(engine, write=True)` makes a session a declared writer.

    SQLite gets WAL, foreign keys, `BEGIN IMMEDIATE` for writers behind one writer lock per
    process, and a busy timeout of `wait_seconds`. Both stores keep up to `pool_size` connections
    (twice that at peak) and wait at most `wait_seconds` for one."""
    pool = {"pool_size": pool_size, "max_overflow": pool_size, "pool_timeout": wait_seconds}
    if url.startswith("sqlite"):
        if ":memory:" in url or url.rstrip("/") in {"sqlite:", "sqlite://"}:
            pool = {}  # one in-memory database lives in one connection
        engine = create_engine(url, connect_args={"check_same_thread": False}, **pool)
        _sqlite_events(engine, wait_seconds)
        return engine
    return create_engine(url, pool_pre_ping=True, **pool)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def transaction(engine: Engine, *, write: bool = False) -> Iterator[Session]:
    """A session whose work commits when the block ends and rolls back whole on any error.

    `write` declares a writer: on SQLite it takes the write lock first (`BEGIN IMMEDIATE`, one
    writer of this process at a time, waiting a bounded time), so what it read is still true
    when it writes. A writer must not open another transaction that writes to SQLite before it
    ends: that one would wait for the lock the first holds."""
    bind = engine.execution_options(**{WRITE_OPTION: True}) if write else engine
    with session_factory(bind)() as session, session.begin():
        yield session


def _alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("ceasefire").joinpath("migrations"))
    )
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> list[str]:
    """Create or upgrade the schema to the newest migration; returns the revisions applied."""
    with engine.connect() as connection:
        before = set(MigrationContext.configure(connection).get_current_heads())
    command.upgrade(_alembic_config(engine), "heads")
    with engine.connect() as connection:
        after = set(MigrationContext.configure(connection).get_current_heads())
    return sorted(after - before)


def current_revisions(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return sorted(MigrationContext.configure(connection).get_current_heads())


@functools.cache
def newest_revisions() -> tuple[str, ...]:
    """The heads of the migrations this code ships: what a current store has applied."""
    script = ScriptDirectory(str(resources.files("ceasefire").joinpath("migrations")))
    return tuple(sorted(script.get_heads()))


def is_current(engine: Engine) -> bool:
    """Whether the store answers and has every migration of this code applied."""
    return tuple(current_revisions(engine)) == newest_revisions()
