"""The kinds of job and the runner that gives each attempt its claim, progress and transaction.

A job that writes the store does it in one transaction (`Run.writing`), which also marks the
job done: killed before the commit, nothing of it is stored and the job runs again; killed after
it, the job is done. Ingest is the exception the news channel already makes safe: each article
is its own transaction and an article stored once is recognised when read again."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ceasefire.agreements import service as agreements_service
from ceasefire.alerts import delivery as alerts_delivery
from ceasefire.alerts import service as alerts_service
from ceasefire.audit.models import AuditEntry
from ceasefire.db import transaction, utcnow
from ceasefire.errors import CeasefireError
from ceasefire.incidents import formats, transfer
from ceasefire.incidents.filters import IncidentFilter
from ceasefire.ingest import service as ingest_service
from ceasefire.jobs import service as jobs_service
from ceasefire.jobs.models import Job
from ceasefire.reports import render
from ceasefire.reports import service as reports_service
from ceasefire.settings import Settings


@dataclass
class Run:
    """One attempt of one job: its parameters, its progress, its writing transaction."""

    engine: Engine
    settings: Settings
    job_id: int
    token: str
    params: dict[str, Any]
    started_by: str
    result: dict[str, Any] = field(default_factory=dict)
    finished: bool = False

    @property
    def lease(self) -> dt.timedelta:
        return dt.timedelta(seconds=self.settings.job_lease_seconds)

    def progress(self, done: int, total: int, note: str) -> None:
        with transaction(self.engine) as session:
            jobs_service.progress(
                session,
                job_id=self.job_id,
                token=self.token,
                done=done,
                total=total,
                note=note,
                lease=self.lease,
                now=utcnow(),
            )

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """The job's one transaction: its work and its being done commit together."""
        with transaction(self.engine) as session:
            yield session
            jobs_service.succeed(
                session, job_id=self.job_id, token=self.token, result=self.result, now=utcnow()
            )
        self.finished = True


def _path(params: dict[str, Any], name: str) -> Path:
    value = params.get(name)
    if not isinstance(value, str) or not value:
        raise CeasefireError(f"{name}: a file path is needed")
    return Path(value)


def import_incidents(run: Run) -> None:
    path = _path(run.params, "path")
    fmt = formats.ImportFormat(run.params.get("format", "csv"))
    run.progress(0, 2, f"reading {path.name}")
    content = path.read_bytes()
    run.progress(1, 2, f"checking and storing {len(content)} bytes")
    with run.writing() as session:
        outcome = transfer.import_incidents(
            session,
            fmt=fmt,
            content=content,
            source_name=path.name,
            actor=run.started_by,
            agreement=run.params.get("agreement"),
        )
        run.result = {"report_id": outcome.report_id, "imported": outcome.imported}


def _write_atomically(path: Path, chunks: Iterator[str]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    size = 0
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        for chunk in chunks:
            out.write(chunk)
            size += len(chunk)
    Path(tmp).replace(path)
    return size


def export_incidents(run: Run) -> None:
    path = _path(run.params, "path")
    fmt = run.params.get("format", "geojson")
    flt = IncidentFilter(agreement=run.params.get("agreement"))
    export = transfer.export_geojson if fmt == "geojson" else transfer.export_acled_csv
    run.progress(0, 1, f"writing {path.name}")
    size = _write_atomically(path, export(run.engine, flt=flt, everything=True))
    run.result = {"path": str(path), "characters": size}
    with run.writing():
        pass


def ingest(run: Run) -> None:
    sources = [Path(p) for p in run.params.get("paths", [])]
    run.progress(0, 1, f"ingesting {len(sources)} source(s)")
    report = ingest_service.ingest_paths(
        run.engine,
        paths=sources,
        source=str(run.params.get("source", "scheduled")),
        actor=run.started_by,
        processes=1,
    )
    run.result = {
        "stored": report.stored,
        "duplicates": report.duplicates,
        "incidents_proposed": report.incidents_proposed,
        "problems": [str(p) for p in report.problems[:50]],
    }
    with run.writing():
        pass


def daily_report(run: Run) -> None:
    agreement_id = str(run.params["agreement"])
    day = dt.date.fromisoformat(str(run.params["day"]))
    with transaction(run.engine) as session:
        report = reports_service.daily_report(
            session, agreement_id=agreement_id, day=day, cutoff=run.settings.report_cutoff
        )
    path = run.settings.data_dir / "reports" / agreement_id / f"{day.isoformat()}.json"
    size = _write_atomically(path, iter([render.to_json(report).decode("utf-8")]))
    run.result = {"path": str(path), "bytes": size}
    with run.writing():
        pass


def evaluate_alerts(run: Run) -> None:
    moment = run.params.get("at")
    now = dt.datetime.fromisoformat(moment) if isinstance(moment, str) else utcnow()
    with run.writing() as session:
        outcome = alerts_service.evaluate(
            session, now=now, cfg=alerts_service.settings_config(session, run.settings)
        )
        run.result = {
            "raised": outcome.raised,
            "resolved": outcome.resolved,
            "notified": outcome.notified,
            "deliveries": outcome.deliveries,
        }
    deliver(run.engine, run.settings)


def deliver(engine: Engine, settings: Settings) -> dict[str, int]:
    mail = alerts_delivery.Mail(settings.smtp_host, settings.smtp_port, settings.smtp_sender)
    return alerts_delivery.deliver_due(
        engine, mail=mail, max_attempts=settings.alert_delivery_attempts
    )


KINDS: dict[str, Callable[[Run], None]] = {
    "import-incidents": import_incidents,
    "export-incidents": export_incidents,
    "ingest": ingest,
    "daily-report": daily_report,
    "alerts-evaluate": evaluate_alerts,
}


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise CeasefireError(
            f"kind: unknown job kind {kind!r} (expected one of {', '.join(KINDS)})"
        )
    return kind


def run_job(engine: Engine, settings: Settings, *, job_id: int, worker: str) -> dt.timedelta | None:
    """Run one attempt of the job if it can be claimed; returns the wait before a retry."""
    lease = dt.timedelta(seconds=settings.job_lease_seconds)
    with transaction(engine) as session:
        claimed = jobs_service.claim(
            session, job_id=job_id, worker=worker, lease=lease, now=utcnow()
        )
        if claimed is None:
            return None
        job, token = claimed
        kind, params, started_by = job.kind, dict(job.params), job.started_by
    run = Run(engine, settings, job_id, token, params, started_by)
    try:
        KINDS[check_kind(kind)](run)
        if not run.finished:
            with run.writing():
                pass
    except jobs_service.LostClaimError:
        return None
    except Exception as exc:
        error = str(exc) if isinstance(exc, CeasefireError) else traceback.format_exc(limit=8)
        with transaction(engine) as session:
            return jobs_service.fail(
                session,
                job_id=job_id,
                token=token,
                error=error or type(exc).__name__,
                backoff=dt.timedelta(seconds=settings.job_backoff_seconds),
                now=utcnow(),
            )
    return None


#: Audit actions after which the alerts are evaluated at the next tick (within a minute), not only
#: every `alert_interval_minutes`.
ALERT_TRIGGERS = (
    "agreement-loaded",
    "agreement-replaced",
    "incident-created",
    "incidents-imported",
    "candidate-event-proposed-as-incident",
    "assessment-recorded",
    "co-head-decision-recorded",
    "finding-changed",
    "complaint-filed",
    "complaint-status-changed",
)


def _events_since_last_evaluation(session: Session) -> bool:
    last = session.scalar(select(func.max(Job.created_at)).where(Job.kind == "alerts-evaluate"))
    recent = select(AuditEntry.seq).where(AuditEntry.action.in_(ALERT_TRIGGERS))
    if last is not None:
        recent = recent.where(AuditEntry.time > last)
    return session.scalar(recent.limit(1)) is not None


def scheduled(
    session: Session, settings: Settings, now: dt.datetime
) -> list[tuple[str, dict[str, Any], str]]:
    """What the clock asks for now: (kind, params, key) of each scheduled job. The keys carry
    the period, so two workers' schedulers asking at once submit one job."""
    out: list[tuple[str, dict[str, Any], str]] = []
    minute = int(now.timestamp() // 60)
    alerts_every = max(1, settings.alert_interval_minutes)
    out.append(("alerts-evaluate", {}, f"alerts-evaluate:{minute // alerts_every}"))
    if _events_since_last_evaluation(session):
        out.append(("alerts-evaluate", {}, f"alerts-evaluate:event:{minute}"))
    sources = [s.strip() for s in settings.ingest_sources.split(",") if s.strip()]
    if sources:
        every = max(1, settings.ingest_interval_minutes)
        out.append(
            ("ingest", {"paths": sources, "source": "scheduled"}, f"ingest:{minute // every}")
        )
    hour, mins = (int(x) for x in settings.report_cutoff.split(":"))
    for agreement in agreements_service.list_agreements(session):
        local = now.astimezone(ZoneInfo(agreement.timezone))
        if (local.hour, local.minute) >= (hour, mins):
            day = local.date().isoformat()
            out.append(
                (
                    "daily-report",
                    {"agreement": agreement.id, "day": day},
                    f"daily-report:{agreement.id}:{day}",
                )
            )
    return out
