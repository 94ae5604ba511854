"""Correct, never overwrite: a monitor corrects an incident's type, time, place, actors or
casualties; the values before are kept as a version (`incident_versions`), the correction itself
as a report, and assessments recorded before it are known to be about an earlier version."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ceasefire.accounts.models import User
from ceasefire.audit.events import DomainEvent, emit
from ceasefire.db import utcnow
from ceasefire.errors import CeasefireError, ConflictError, NotFoundError
from ceasefire.incidents import intake
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents.models import Incident, IncidentReport, IncidentStatus, IncidentVersion
from ceasefire.incidents.schemas import (
    Channel,
    IncidentCorrection,
    IncidentCreate,
    LocationPrecision,
    TimePrecision,
    VersionPublic,
)

#: what a correction may change, and what a version keeps of the incident before it
CORRECTABLE = (
    "type",
    "start_at",
    "end_at",
    "time_label",
    "time_precision",
    "place_name",
    "geometry",
    "location_precision",
    "min_lon",
    "min_lat",
    "max_lon",
    "max_lat",
    "actors",
    "casualties",
)
#: the fields people read in "was ..." (the rest follow from them)
SHOWN = ("type", "time_label", "place_name", "geometry", "actors", "casualties")


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.datetime) else value


def version_at(moment: dt.datetime, superseded: list[dt.datetime]) -> int:
    """Which version (1 = as first stored) an incident was in at `moment`, given the sorted
    moments its versions were superseded."""
    return bisect.bisect_right(superseded, moment) + 1


def differences(was: dict[str, Any], became: dict[str, Any]) -> dict[str, list[Any]]:
    """The shown fields that differ between two versions' values: field -> [was, became]."""
    return {
        k: [was.get(k), became.get(k)] for k in SHOWN if k in was and was.get(k) != became.get(k)
    }


def _split_label(label: str) -> tuple[str, str | None]:
    start, _, end = label.partition("/")
    return start, end or None


@dataclass(frozen=True)
class Corrected:
    incident: Incident
    version: int
    changed: list[str]
    assessments_on_earlier: int


def correct_incident(
    session: Session,
    *,
    incident_id: int,
    data: IncidentCorrection,
    actor: User,
    assessed_before: int = 0,
) -> Corrected:
    """Apply a correction. `assessed_before` is how many assessments were recorded on the
    version it replaces (the caller reads them from verification), for the record."""
    incidents_service.require_writer(actor)
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise NotFoundError(f"no incident {incident_id}")
    if incident.status == IncidentStatus.MERGED:
        raise ConflictError(f"incident {incident_id} was merged into {incident.merged_into_id}")
    occurred, occurred_end = _split_label(incident.time_label)
    if data.occurred is not None:
        occurred, occurred_end = data.occurred, data.occurred_end
    elif data.occurred_end is not None:
        occurred_end = data.occurred_end or None
    if (data.latitude is None) != (data.longitude is None):
        raise CeasefireError("latitude and longitude: give both, or neither")
    moved = data.latitude is not None
    proposal = IncidentCreate(
        type=data.type or incident.type,
        summary=incident.summary,
        occurred=occurred,
        occurred_end=occurred_end,
        time_precision=data.time_precision
        or (None if data.occurred is not None else TimePrecision(incident.time_precision)),
        agreement=incident.agreement_id,
        place_name=incident.place_name if data.place_name is None else data.place_name,
        latitude=data.latitude,
        longitude=data.longitude,
        geometry=None if moved else incident.geometry,
        location_precision=LocationPrecision.EXACT
        if moved
        else LocationPrecision(incident.location_precision),
        actors=data.actors if data.actors is not None else incident.actors,
        casualties=data.casualties if data.casualties is not None else incident.casualties,
    )
    values = intake.incident_values(
        session, data=proposal, status=IncidentStatus(incident.status), actor=actor
    )
    before = {k: _plain(getattr(incident, k)) for k in CORRECTABLE}
    after = {k: _plain(values[k]) for k in CORRECTABLE}
    changed = [k for k in CORRECTABLE if before[k] != after[k]]
    if not changed:
        raise CeasefireError("correction: it changes nothing")
    report = incidents_service.store_report(
        session,
        channel=Channel.MONITOR,
        content=data.model_dump_json(exclude_none=True).encode(),
        actor=actor,
        media_type="application/json",
        title=f"correction of incident {incident_id} by {actor.name}",
    )
    session.add(IncidentReport(incident_id=incident_id, report_id=report.id))
    count = session.scalar(
        select(func.count())
        .select_from(IncidentVersion)
        .where(IncidentVersion.incident_id == incident_id)
    )
    version = (count or 0) + 1
    now = utcnow()
    session.add(
        IncidentVersion(
            incident_id=incident_id,
            version=version,
            values=before,
            report_id=report.id,
            superseded_at=now,
            superseded_by=actor.name,
        )
    )
    for key in changed:
        setattr(incident, key, values[key])
    incident.updated_at = now
    session.flush()
    emit(
        session,
        DomainEvent(
            "incident-corrected",
            actor.name,
            "incident",
            str(incident_id),
            {
                "version": version + 1,
                "report": report.id,
                "changed": changed,
                "reason": data.reason,
                "assessments_on_earlier_version": assessed_before,
            },
            rows=(incident,),
        ),
    )
    return Corrected(incident, version + 1, changed, assessed_before)


def superseded_moments(session: Session, *, incident_id: int) -> list[dt.datetime]:
    return list(
        session.scalars(
            select(IncidentVersion.superseded_at)
            .where(IncidentVersion.incident_id == incident_id)
            .order_by(IncidentVersion.version)
        )
    )


def versions(session: Session, *, incident: Incident) -> list[VersionPublic]:
    """Every earlier version, oldest first: who changed it when, what it was and became."""
    rows = list(
        session.scalars(
            select(IncidentVersion)
            .where(IncidentVersion.incident_id == incident.id)
            .order_by(IncidentVersion.version)
        )
    )
    if not rows:
        return []
    current = {k: _plain(getattr(incident, k)) for k in CORRECTABLE}
    following = [r.values for r in rows[1:]] + [current]
    return [
        VersionPublic(
            version=row.version,
            changed_by=row.superseded_by,
            changed_at=row.superseded_at,
            report=row.report_id,
            was={k: v[0] for k, v in differences(row.values, nxt).items()},
            became={k: v[1] for k, v in differences(row.values, nxt).items()},
        )
        for row, nxt in zip(rows, following, strict=True)
    ]
