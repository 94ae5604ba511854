"""The jobs table: every job the center ran or will run, who started it, how far it got."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ceasefire.db import Base, JSONType, UTCDateTime, utcnow


class JobStatus(StrEnum):
    """Where a job is (column `jobs.status`)."""

    QUEUED = "queued"  # waiting for a worker
    RUNNING = "running"  # claimed by a worker (`jobs.worker`)
    RETRYING = "retrying"  # failed, waiting for its next attempt (`jobs.next_attempt_at`)
    SUCCEEDED = "succeeded"
    FAILED = "failed"  # every attempt failed: kept, with its error, until a person looks


#: Statuses of a job that has not finished: a second submission of the same key joins it.
ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.RETRYING)


class Job(Base):
    __tablename__ = "jobs"
    __table_args__ = (
        Index("ix_jobs_status_next", "status", "next_attempt_at"),
        Index("ix_jobs_key", "key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(40))
    # what makes two submissions the same job: the kind and its parameters, or a given key
    key: Mapped[str] = mapped_column(String(200))
    params: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    status: Mapped[str] = mapped_column(String(20), default=JobStatus.QUEUED.value)
    started_by: Mapped[str] = mapped_column(String(80))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=3)
    progress_done: Mapped[int] = mapped_column(Integer, default=0)
    progress_total: Mapped[int] = mapped_column(Integer, default=0)
    progress_note: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    error: Mapped[str] = mapped_column(Text, default="")
    # the claim of the attempt running now: a worker that lost its claim cannot commit
    claim: Mapped[str] = mapped_column(String(40), default="")
    worker: Mapped[str] = mapped_column(String(200), default="")
    lease_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
