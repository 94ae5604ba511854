"""The job engine: huey, with its queue in SQLite (the embedded default, a file beside the
store) or in PostgreSQL (a scaled-out center: huey's own PostgreSQL storage, which takes each
message with `SELECT ... FOR UPDATE SKIP LOCKED`, so many workers on many machines share it).

The queue only carries job ids; the jobs table is what counts. A message lost with a killed
worker is found again by the periodic tick (`jobs_service.recover`). Nothing here connects until
a queue is asked for."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from huey import PostgresHuey, SqliteHuey, crontab
from huey.api import Huey
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from ceasefire.db import make_engine, transaction, utcnow
from ceasefire.jobs import service as jobs_service
from ceasefire.settings import Settings

QUEUE_NAME = "ceasefire"
TABLE_PREFIX = "job_queue"


def queue_url(settings: Settings) -> str:
    """The queue's URL: the setting, else beside the store (see `job_queue_url`)."""
    if settings.job_queue_url:
        return settings.job_queue_url
    store = make_url(settings.database_url)
    if store.get_backend_name() == "sqlite":
        database = store.database or ""
        if not database or database == ":memory:":
            return "sqlite:///ceasefire.jobs.db"
        return f"sqlite:///{database.removesuffix('.db')}.jobs.db"
    return settings.database_url


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def is_alive(worker: str) -> bool | None:
    """Whether the worker `host:pid` still runs: known only for this machine (None elsewhere)."""
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return None
    try:
        os.kill(int(pid), 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class Queue:
    """The huey instance with our two tasks registered on it."""

    huey: Huey
    run: Any  # the huey task that runs one job attempt
    tick: Any  # the periodic task

    def enqueue(self, job_id: int, delay: dt.timedelta | None = None) -> None:
        if delay is None:
            self.run(job_id)
        else:
            self.run.schedule((job_id,), delay=max(0.0, delay.total_seconds()))


_queues: dict[tuple[str, str], Queue] = {}
_engines: dict[str, Engine] = {}


def _engine(url: str) -> Engine:
    if url not in _engines:
        _engines[url] = make_engine(url)
    return _engines[url]


def _huey(url: str) -> Huey:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return SqliteHuey(QUEUE_NAME, filename=parsed.database or "ceasefire.jobs.db")
    dsn = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    return PostgresHuey(QUEUE_NAME, dsn=dsn, table_prefix=TABLE_PREFIX)


def recover_and_schedule(settings: Settings, enqueue: Callable[[int], None]) -> list[int]:
    """The tick: hand lost jobs to the queue again, and submit what the clock asks for."""
    from ceasefire.jobs import kinds  # registration: every domain a job runs (NLP too), worker only

    engine = _engine(settings.database_url)
    now = utcnow()
    with transaction(engine) as session:
        again = jobs_service.recover(session, now=now, alive=is_alive)
        for kind, params, key in kinds.scheduled(session, settings, now):
            job, new = jobs_service.submit(
                session,
                kind=kind,
                params=params,
                started_by="schedule",
                max_attempts=settings.job_attempts,
                key=key,
                now=now,
            )
            if new:
                again.append(job.id)
    for job_id in sorted(set(again)):
        enqueue(job_id)
    return again


def queue_for(settings: Settings) -> Queue:
    """The queue of these settings (made once per process, when first asked for)."""
    cache_key = (queue_url(settings), settings.database_url)
    if cache_key in _queues:
        return _queues[cache_key]
    huey = _huey(cache_key[0])

    @huey.task(name="ceasefire.run_job")  # type: ignore[untyped-decorator]
    def run_job(job_id: int) -> None:
        from ceasefire.jobs import kinds  # registration: see recover_and_schedule

        wait = kinds.run_job(
            _engine(settings.database_url), settings, job_id=job_id, worker=worker_name()
        )
        if wait is not None:
            queue.enqueue(job_id, wait)

    @huey.periodic_task(crontab(minute="*"), name="ceasefire.tick")  # type: ignore[untyped-decorator]
    def tick() -> None:
        recover_and_schedule(settings, queue.enqueue)

    queue = Queue(huey, run_job, tick)
    _queues[cache_key] = queue
    return queue


def submit(
    engine: Engine,
    settings: Settings,
    *,
    kind: str,
    params: dict[str, Any],
    started_by: str,
    key: str | None = None,
) -> tuple[int, bool]:
    """Record a job and hand it to the queue; the same job submitted twice is one job."""
    with transaction(engine) as session:
        job, new = jobs_service.submit(
            session,
            kind=kind,
            params=params,
            started_by=started_by,
            max_attempts=settings.job_attempts,
            key=key,
            now=utcnow(),
        )
        job_id = job.id
    if new:
        queue_for(settings).enqueue(job_id)
    return job_id, new


def run_worker(settings: Settings, *, threads: int) -> None:
    """Run the consumer until stopped (SIGINT or SIGTERM): `threads` jobs at once, and the
    minute tick. Jobs lost with an earlier worker are handed out again first."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    queue = queue_for(settings)
    recover_and_schedule(settings, queue.enqueue)
    consumer = queue.huey.create_consumer(
        workers=max(1, threads), worker_type="thread", periodic=True, check_worker_health=True
    )
    consumer.run()
