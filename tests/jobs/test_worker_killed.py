"""Killing a worker (kill -9) during an import leaves the store unchanged, and the job runs again
to completion in the next worker: a real worker process on each store."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text

from ceasefire import db as store
from ceasefire.incidents.models import Incident, Report
from ceasefire.jobs import queue
from ceasefire.jobs.models import Job, JobStatus
from ceasefire.settings import Settings

ROOT = Path(__file__).parent.parent.parent
ROWS = 12000  # six batches of checks and inserts: a wide window to be killed in
WORKER = "import sys; from ceasefire.cli import main; sys.argv[0] = 'ceasefire'; main()"


def import_file(path: Path, rows: int) -> Path:
    lines = ["type,summary,occurred,latitude,longitude"]
    lines += [
        f"ceasefire-violation,Shots fired at post {i},2020-12-{1 + i % 28:02d},"
        f"{39.5 + (i % 100) / 1000},{46.5 + (i % 97) / 1000}"
        for i in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def start_worker(db_url: str, queue_url: str, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "CEASEFIRE_DATABASE_URL": db_url,
        "CEASEFIRE_JOB_QUEUE_URL": queue_url,  # empty: beside the store
        "CEASEFIRE_JOB_THREADS": "1",
    }
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-c", WORKER, "worker"], env=env, stdout=out, stderr=out
        )


def wait_for(what: str, check: Callable[[], bool], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.01)
    pytest.fail(f"timed out waiting for {what}")


def counts(engine: Engine) -> tuple[int, int]:
    with store.transaction(engine) as session:
        return (
            session.scalar(select(func.count()).select_from(Incident)) or 0,
            session.scalar(select(func.count()).select_from(Report)) or 0,
        )


def writing(engine: Engine, db_url: str) -> bool:
    """Whether another connection holds an open write transaction on the incidents store.

    SQLite: the write lock is taken (`BEGIN IMMEDIATE` here is refused at once). PostgreSQL:
    another backend of this database holds a row-exclusive lock on the reports or incidents."""
    if db_url.startswith("sqlite"):
        probe = sqlite3.connect(db_url.removeprefix("sqlite:///"), timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            probe.close()
    with engine.connect() as connection:
        held = connection.scalar(
            text(
                "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
                " WHERE l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                " AND c.relname IN ('reports', 'incidents') AND l.mode = 'RowExclusiveLock'"
                " AND l.pid <> pg_backend_pid()"
            )
        )
    return bool(held)


def job(engine: Engine, job_id: int) -> Job:
    with store.transaction(engine) as session:
        return session.get_one(Job, job_id)


@pytest.mark.slow
def test_a_worker_killed_during_an_import_leaves_nothing_and_the_job_completes(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    # SQLite: the queue in its own file; PostgreSQL: the default, huey's queue in the same database
    queue_url = f"sqlite:///{tmp_path / 'queue.db'}" if db_url.startswith("sqlite") else ""
    settings = Settings(database_url=db_url, job_queue_url=queue_url)

    def in_transaction(job_id: int) -> bool:
        if writing(engine, db_url):
            return True
        state = job(engine, job_id)
        assert state.status != JobStatus.SUCCEEDED.value, "the import ended before it was caught"
        return False

    source = import_file(tmp_path / "incidents.csv", ROWS)
    log = tmp_path / "worker.log"
    first = start_worker(db_url, queue_url, log)
    try:
        job_id, new = queue.submit(
            engine,
            settings,
            kind="import-incidents",
            params={"path": str(source), "format": "csv"},
            started_by="monitor-tur",
        )
        assert new
        wait_for(
            "the import to be checking and storing",
            lambda: job(engine, job_id).progress_note.startswith("checking and storing"),
        )
        # kill it inside its one transaction, once it holds the write lock, not after a fixed
        # time: a fast machine finishes a small import in less than a second
        wait_for("the import's transaction to write", lambda: in_transaction(job_id), 120)
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    killed = job(engine, job_id)
    assert killed.status == JobStatus.RUNNING.value, log.read_text()
    assert counts(engine) == (0, 0), "a killed import left rows behind"

    second = start_worker(db_url, queue_url, log)
    try:
        wait_for(
            "the job to finish in the second worker",
            lambda: job(engine, job_id).status in (JobStatus.SUCCEEDED, JobStatus.FAILED),
        )
    finally:
        second.send_signal(signal.SIGTERM)
        try:
            second.wait(15)
        except subprocess.TimeoutExpired:
            second.kill()
    done = job(engine, job_id)
    assert done.status == JobStatus.SUCCEEDED.value, done.error + log.read_text()[-3000:]
    assert done.attempts == 2
    assert done.result == {"report_id": done.result["report_id"], "imported": ROWS}
    assert counts(engine) == (ROWS, 1)
