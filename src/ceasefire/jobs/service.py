"""The jobs table's life: submit (the same job twice is one job), claim, progress, finish, fail
with backoff, and recover the jobs of a worker that vanished. No job is ever deleted.

A claim is a fresh token written when a worker takes a job; the transaction that finishes the
job checks it, so a worker that lost its claim (its job was given to another) cannot commit."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ceasefire.audit.events import DomainEvent, emit
from ceasefire.errors import CeasefireError, NotFoundError
from ceasefire.jobs.models import ACTIVE, Job, JobStatus


class LostClaimError(CeasefireError):
    """The job was given to another worker while this one ran it: its work is rolled back."""


def job_key(kind: str, params: dict[str, Any]) -> str:
    """Two submissions are the same job when kind and parameters are the same."""
    canonical = json.dumps(params, sort_keys=True, separators=(",", ":"), default=str)
    return f"{kind}:{hashlib.sha256(canonical.encode()).hexdigest()[:32]}"


def submit(
    session: Session,
    *,
    kind: str,
    params: dict[str, Any],
    started_by: str,
    max_attempts: int,
    key: str | None = None,
    now: dt.datetime,
) -> tuple[Job, bool]:
    """The job of `kind` with `params`, and whether it is new: a job with the same key that is
    waiting, running or done is the same job (a failed one may be submitted again)."""
    key = key or job_key(kind, params)
    same = session.scalars(
        select(Job)
        .where(Job.key == key, Job.status.in_([*ACTIVE, JobStatus.SUCCEEDED]))
        .order_by(Job.id.desc())
        .limit(1)
    ).first()
    if same is not None:
        return same, False
    job = Job(
        kind=kind,
        key=key,
        params=params,
        status=JobStatus.QUEUED.value,
        started_by=started_by,
        max_attempts=max(1, max_attempts),
        created_at=now,
        next_attempt_at=now,
    )
    session.add(job)
    session.flush()
    emit(
        session,
        DomainEvent(
            "job-submitted",
            started_by,
            "job",
            str(job.id),
            {"kind": kind, "key": key, "params": params},
        ),
    )
    return job, True


def claim(
    session: Session, *, job_id: int, worker: str, lease: dt.timedelta, now: dt.datetime
) -> tuple[Job, str] | None:
    """Take the job for `worker` if it is waiting and due; None if another has it or it is done."""
    token = uuid.uuid4().hex
    taken = session.execute(
        update(Job)
        .where(
            Job.id == job_id,
            Job.status.in_([JobStatus.QUEUED.value, JobStatus.RETRYING.value]),
        )
        .values(
            status=JobStatus.RUNNING.value,
            claim=token,
            worker=worker,
            attempts=Job.attempts + 1,
            lease_until=now + lease,
            started_at=now,
            error="",
        )
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:  # type: ignore[attr-defined]
        return None
    job = session.get_one(Job, job_id)
    session.refresh(job)
    return job, token


def progress(
    session: Session,
    *,
    job_id: int,
    token: str,
    done: int,
    total: int,
    note: str,
    lease: dt.timedelta,
    now: dt.datetime,
) -> None:
    """How far the job is; also renews its claim's lease."""
    session.execute(
        update(Job)
        .where(Job.id == job_id, Job.claim == token)
        .values(
            progress_done=done,
            progress_total=total,
            progress_note=note[:500],
            lease_until=now + lease,
        )
        .execution_options(synchronize_session=False)
    )


def succeed(
    session: Session, *, job_id: int, token: str, result: dict[str, Any], now: dt.datetime
) -> None:
    """Mark the job done, in the transaction of its work; raises LostClaimError (which rolls
    the work back) when the claim is no longer this worker's."""
    done = session.execute(
        update(Job)
        .where(Job.id == job_id, Job.claim == token, Job.status == JobStatus.RUNNING.value)
        .values(
            status=JobStatus.SUCCEEDED.value,
            progress_done=Job.progress_total,
            result=result,
            finished_at=now,
            error="",
            lease_until=None,
            next_attempt_at=None,
        )
        .execution_options(synchronize_session=False)
    )
    if done.rowcount != 1:  # type: ignore[attr-defined]
        raise LostClaimError(f"job {job_id} was taken over by another worker")
    emit(session, DomainEvent("job-succeeded", "jobs", "job", str(job_id), {"result": result}))


def fail(
    session: Session,
    *,
    job_id: int,
    token: str,
    error: str,
    backoff: dt.timedelta,
    now: dt.datetime,
) -> dt.timedelta | None:
    """Record a failed attempt: the wait before the next one (doubled each time), or None when
    it was the last and the job is now shown failed."""
    job = session.get(Job, job_id)
    if job is None or job.claim != token or job.status != JobStatus.RUNNING.value:
        return None
    job.error = error[:10_000]
    job.lease_until = None
    if job.attempts >= job.max_attempts:
        job.status, job.finished_at, job.next_attempt_at = JobStatus.FAILED.value, now, None
        emit(
            session,
            DomainEvent(
                "job-failed",
                "jobs",
                "job",
                str(job_id),
                {"attempts": job.attempts, "error": job.error[:500]},
            ),
        )
        return None
    wait: dt.timedelta = backoff * (2 ** (job.attempts - 1))
    job.status, job.next_attempt_at = JobStatus.RETRYING.value, now + wait
    return wait


def recover(
    session: Session,
    *,
    now: dt.datetime,
    alive: Callable[[str], bool | None],
    grace: dt.timedelta = dt.timedelta(minutes=1),
) -> list[int]:
    """Jobs to hand to the queue again: running ones whose worker is gone (`alive(worker)` says
    False) or whose lease ran out, put back in the queue; and waiting ones that are due but
    whose queue message may be lost (older than `grace`). Handing a job twice is harmless:
    only one claim can take it."""
    again: list[int] = []
    for job in session.scalars(select(Job).where(Job.status == JobStatus.RUNNING.value)):
        gone = alive(job.worker) is False
        expired = job.lease_until is not None and job.lease_until < now
        if gone or expired:
            job.status, job.claim, job.next_attempt_at = JobStatus.QUEUED.value, "", now
            job.error = f"worker {job.worker} stopped during attempt {job.attempts}"
            emit(
                session,
                DomainEvent(
                    "job-recovered",
                    "jobs",
                    "job",
                    str(job.id),
                    {"worker": job.worker, "attempt": job.attempts},
                ),
            )
            again.append(job.id)
    waiting = session.scalars(
        select(Job.id).where(
            Job.status.in_([JobStatus.QUEUED.value, JobStatus.RETRYING.value]),
            Job.next_attempt_at <= now - grace,
        )
    )
    again.extend(waiting)
    session.flush()
    return sorted(set(again))


def list_jobs(session: Session, *, limit: int = 100) -> list[Job]:
    return list(session.scalars(select(Job).order_by(Job.id.desc()).limit(limit)))


def get_job(session: Session, *, job_id: int) -> Job:
    job = session.get(Job, job_id)
    if job is None:
        raise NotFoundError(f"no job {job_id}")
    return job


def job_json(job: Job) -> dict[str, Any]:
    return {
        "id": job.id,
        "kind": job.kind,
        "key": job.key,
        "params": job.params,
        "status": job.status,
        "started_by": job.started_by,
        "attempts": job.attempts,
        "max_attempts": job.max_attempts,
        "progress": {
            "done": job.progress_done,
            "total": job.progress_total,
            "note": job.progress_note,
        },
        "result": job.result,
        "error": job.error,
        "worker": job.worker,
        "created_at": job.created_at.isoformat(),
        "started_at": job.started_at.isoformat() if job.started_at else None,
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
        "next_attempt_at": job.next_attempt_at.isoformat() if job.next_attempt_at else None,
    }
