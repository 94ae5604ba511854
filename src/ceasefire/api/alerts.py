"""Routes of the background: the jobs (monitoring staff), the alerts that hold at a moment, and
the signed-in user's inbox with its acknowledgement."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from ceasefire.accounts import permissions
from ceasefire.alerts import service as alerts_service
from ceasefire.db import utcnow
from ceasefire.errors import CeasefireError, NotFoundError
from ceasefire.http.auth import CurrentUser
from ceasefire.http.deps import SessionDep, SettingsDep
from ceasefire.jobs import service as jobs_service

router = APIRouter(tags=["jobs and alerts"])


class Acknowledgement(BaseModel):
    note: str = Field("", max_length=2000)


def _staff(user: CurrentUser, what: str) -> None:
    if not permissions.is_monitoring_staff(user):
        raise NotFoundError(f"no {what}")


@router.get("/jobs")
def list_jobs(
    session: SessionDep, user: CurrentUser, limit: int = Query(100, ge=1, le=1000)
) -> list[dict[str, Any]]:
    """The latest jobs, newest first: kind, who started it, status, attempts, progress, result,
    error (monitoring staff)."""
    _staff(user, "jobs")
    return [jobs_service.job_json(j) for j in jobs_service.list_jobs(session, limit=limit)]


@router.get("/jobs/{job_id}")
def get_job(job_id: int, session: SessionDep, user: CurrentUser) -> dict[str, Any]:
    _staff(user, "jobs")
    return jobs_service.job_json(jobs_service.get_job(session, job_id=job_id))


@router.get("/alerts")
def holding_alerts(
    session: SessionDep,
    settings: SettingsDep,
    user: CurrentUser,
    as_of: str | None = Query(None, description="ISO 8601 moment with its zone; default: now."),
) -> dict[str, Any]:
    """The alerts that hold at a moment, as `ceasefire alerts evaluate` (monitoring staff);
    nothing is written or sent."""
    _staff(user, "alerts")
    moment = utcnow()
    if as_of:
        try:
            moment = dt.datetime.fromisoformat(as_of.replace("Z", "+00:00"))
        except ValueError:
            raise CeasefireError(f"as_of: expected an ISO 8601 moment, got {as_of!r}") from None
        if moment.tzinfo is None:
            raise CeasefireError("as_of: give the time zone (e.g. 2020-11-28T12:00:00+03:00)")
    cfg = alerts_service.settings_config(session, settings)
    firing = alerts_service.holding(session, moment=moment, params=cfg.parameters)
    return {"as_of": moment.isoformat(), "alerts": [alerts_service.firing_json(f) for f in firing]}


def _message(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "message_id": row.message_id,
        "created_at": row.created_at.isoformat(),
        "acknowledged_at": row.acknowledged_at.isoformat() if row.acknowledged_at else None,
        "acknowledged_by": row.acknowledged_by or None,
        "note": row.note,
        **row.payload,
    }


@router.get("/inbox")
def inbox(session: SessionDep, user: CurrentUser) -> list[dict[str, Any]]:
    """The signed-in user's alert messages, newest first."""
    return [_message(m) for m in alerts_service.inbox(session, user=user)]


@router.post("/inbox/{delivery_id}/ack")
def acknowledge(
    delivery_id: int, body: Acknowledgement, session: SessionDep, user: CurrentUser
) -> dict[str, Any]:
    """Acknowledge one of your messages with a note (recorded in the audit record)."""
    row = alerts_service.acknowledge(
        session, delivery_id=delivery_id, user=user, note=body.note, now=utcnow()
    )
    return _message(row)
