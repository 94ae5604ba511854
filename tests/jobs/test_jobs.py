"""The jobs table on both stores: the same job twice is one job, a failing job is retried with a
doubled wait and then shown failed with its error, a worker that lost its claim cannot commit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from ceasefire import db as store
from ceasefire.audit.models import AuditEntry
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents.models import Incident
from ceasefire.incidents.schemas import IncidentCreate
from ceasefire.jobs import kinds
from ceasefire.jobs import service as jobs_service
from ceasefire.jobs.models import Job, JobStatus
from ceasefire.settings import Settings

NOW = dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC)


def submit(
    engine: Engine, params: dict[str, object], kind: str = "import-incidents"
) -> tuple[int, bool]:
    with store.transaction(engine) as session:
        job, new = jobs_service.submit(
            session, kind=kind, params=params, started_by="monitor-tur", max_attempts=2, now=NOW
        )
        return job.id, new


def get(engine: Engine, job_id: int) -> Job:
    with store.transaction(engine) as session:
        return session.get_one(Job, job_id)


def test_a_job_submitted_twice_is_recognised_as_the_same_job(engine: Engine) -> None:
    first, new = submit(engine, {"path": "a.csv", "format": "csv"})
    again, new_again = submit(engine, {"format": "csv", "path": "a.csv"})
    other, other_new = submit(engine, {"path": "b.csv", "format": "csv"})
    assert (new, new_again, other_new) == (True, False, True)
    assert again == first and other != first


def test_a_failing_job_is_retried_with_backoff_then_shown_failed(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("type,summary,occurred\nnot-a-type,x,yesterday-ish\n", encoding="utf-8")
    settings = Settings(database_url=db_url, job_backoff_seconds=10)
    job_id, _ = submit(engine, {"path": str(bad), "format": "csv"})
    wait = kinds.run_job(engine, settings, job_id=job_id, worker="test:1")
    assert wait == dt.timedelta(seconds=10)
    retrying = get(engine, job_id)
    assert retrying.status == JobStatus.RETRYING.value and retrying.attempts == 1
    assert "bad.csv:2:" in retrying.error  # the refused row, by file and line
    assert kinds.run_job(engine, settings, job_id=job_id, worker="test:1") is None
    failed = get(engine, job_id)
    assert failed.status == JobStatus.FAILED.value and failed.attempts == 2
    assert "bad.csv:2:" in failed.error
    # shown failed, never lost; and a failed job may be submitted again
    assert submit(engine, {"path": str(bad), "format": "csv"})[1] is True
    with store.transaction(engine) as session:
        actions = list(
            session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("job-%")))
        )
    assert "job-failed" in actions


def half_written() -> Incident:
    return Incident(
        type="x",
        status="open",
        origin="monitor",
        summary="half",
        start_at=NOW,
        end_at=NOW,
        time_label="t",
        time_precision="day",
        location_precision="exact",
        created_by="stale",
    )


def test_a_worker_that_lost_its_claim_cannot_commit_its_work(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    good = tmp_path / "good.csv"
    good.write_text(
        "type,summary,occurred\nceasefire-violation,shots,2020-12-11\n", encoding="utf-8"
    )
    job_id, _ = submit(engine, {"path": str(good), "format": "csv"})
    lease = dt.timedelta(minutes=5)
    with store.transaction(engine) as session:
        claimed = jobs_service.claim(session, job_id=job_id, worker="gone:1", lease=lease, now=NOW)
        assert claimed is not None
        _, stale = claimed
    with store.transaction(engine) as session:
        # the first worker vanished; its job is given out again and taken by another
        assert jobs_service.recover(session, now=NOW, alive=lambda w: w != "gone:1") == [job_id]
        assert jobs_service.claim(session, job_id=job_id, worker="next:2", lease=lease, now=NOW)

    def stale_commit() -> None:
        with store.transaction(engine) as session:
            session.add(half_written())
            jobs_service.succeed(session, job_id=job_id, token=stale, result={}, now=NOW)

    with pytest.raises(jobs_service.LostClaimError):
        stale_commit()
    with store.transaction(engine) as session:
        assert session.scalar(select(func.count()).select_from(Incident)) == 0


@pytest.mark.parametrize(
    ("kind", "message"),
    [("import-incidnets", "kind: unknown job kind 'import-incidnets'")],
)
def test_an_unknown_kind_is_refused_by_name(kind: str, message: str) -> None:
    with pytest.raises(Exception, match=message):
        kinds.check_kind(kind)


def test_the_schedule_evaluates_alerts_soon_after_an_event_that_matters(
    db_url: str, engine: Engine
) -> None:
    settings = Settings(database_url=db_url, alert_interval_minutes=5)
    with store.transaction(engine) as session:
        first = {key for _, _, key in kinds.scheduled(session, settings, NOW)}
    assert first == {f"alerts-evaluate:{int(NOW.timestamp() // 60) // 5}"}
    with store.transaction(engine) as session:
        jobs_service.submit(
            session,
            kind="alerts-evaluate",
            params={},
            started_by="schedule",
            max_attempts=1,
            key=next(iter(first)),
            now=NOW,
        )
    later = NOW + dt.timedelta(minutes=1)
    with store.transaction(engine) as session:
        quiet = {key for _, _, key in kinds.scheduled(session, settings, later)}
    assert not any(":event:" in k for k in quiet)
    with store.transaction(engine) as session:
        incidents_service.create_incident(
            session,
            data=IncidentCreate(type="ceasefire-violation", summary="shots", occurred="2020-12-11"),
            actor="monitor",
        )
    with store.transaction(engine) as session:
        after = {key for _, _, key in kinds.scheduled(session, settings, store.utcnow())}
    assert any(":event:" in k for k in after)
