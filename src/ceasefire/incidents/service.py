"""Reports and incidents: storing reports and incidents (checked by `intake`), reading them with
filters under the roles' rules, editing, review marks and dismissal."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from sqlalchemy import String, and_, cast, delete, func, select
from sqlalchemy.orm import Session

from ceasefire.accounts import permissions
from ceasefire.accounts.models import User
from ceasefire.audit.events import DomainEvent, emit
from ceasefire.db import utcnow
from ceasefire.errors import CeasefireError, ConflictError, NotFoundError
from ceasefire.incidents.filters import IncidentFilter as IncidentFilter  # re-exported
from ceasefire.incidents.intake import ActorLike, actor_name, check_links, new_incident
from ceasefire.incidents.models import (
    PUBLISHED_FINDINGS,
    Incident,
    IncidentObligation,
    IncidentReport,
    IncidentStatus,
    Report,
    is_published,
)
from ceasefire.incidents.schemas import (
    Channel,
    IncidentCreate,
    IncidentUpdate,
    ObligationLink,
)
from ceasefire.taxonomy.incident_types import TAXONOMY

MAX_PAGE = 500


def require_writer(actor: ActorLike) -> None:
    if isinstance(actor, User):
        permissions.require(permissions.can_write_incidents(actor), "write incidents")


# --- reports -------------------------------------------------------------------------------------


def store_report(
    session: Session,
    *,
    channel: Channel | str,
    content: bytes,
    actor: ActorLike,
    media_type: str = "text/plain",
    source: str = "",
    title: str = "",
    received_at: dt.datetime | None = None,
) -> Report:
    """Keep a raw intake exactly as received, with its SHA-256. Reports are never edited."""
    report = Report(
        channel=Channel(channel).value,
        received_at=received_at or utcnow(),
        reporter=actor_name(actor),
        source=source,
        title=title,
        media_type=media_type,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
    )
    session.add(report)
    session.flush()
    emit(
        session,
        DomainEvent(
            "report-received",
            actor_name(actor),
            "report",
            str(report.id),
            {"channel": report.channel, "sha256": report.sha256, "source": source},
        ),
    )
    return report


def get_report(session: Session, *, report_id: int, user: User | None) -> Report:
    report = session.get(Report, report_id)
    if report is None or not permissions.can_read_incidents(user):
        raise NotFoundError(f"no report {report_id}")
    return report


# --- incidents: intake ---------------------------------------------------------------------------


def _add_links(session: Session, incident: Incident, links: list[ObligationLink]) -> None:
    for link in links:
        session.add(
            IncidentObligation(
                incident_id=incident.id,
                agreement_id=incident.agreement_id,
                obligation_id=link.obligation,
                effect=link.effect,
            )
        )


def create_incident(
    session: Session,
    *,
    data: IncidentCreate,
    actor: ActorLike,
    report: Report | None = None,
    status: IncidentStatus = IncidentStatus.OPEN,
) -> Incident:
    """Store an incident (backed by `report` when given) and emit `incident-created`."""
    require_writer(actor)
    incident = new_incident(session, data=data, status=status, actor=actor)
    session.add(incident)
    session.flush()
    _add_links(session, incident, data.obligations)
    if report is not None:
        session.add(IncidentReport(incident_id=incident.id, report_id=report.id))
    session.flush()
    emit(
        session,
        DomainEvent(
            "incident-created",
            actor_name(actor),
            "incident",
            str(incident.id),
            {
                "type": incident.type,
                "status": incident.status,
                "origin": incident.origin,
                "report": report.id if report else None,
            },
            rows=(incident,),
        ),
    )
    return incident


def propose_incident(
    session: Session, *, data: IncidentCreate, report: Report | None, actor: ActorLike
) -> Incident:
    """Put a candidate incident in the monitors' work queue (status `candidate`); the news channel
    and imports call this. Nothing is verified by proposing."""
    return create_incident(
        session, data=data, actor=actor, report=report, status=IncidentStatus.CANDIDATE
    )


# --- incidents: reading --------------------------------------------------------------------------


def get_incident(session: Session, *, incident_id: int, user: User | None) -> Incident:
    """The incident, if `user` may see it (`may_see`); anyone else is told it does not exist,
    in the very words an absent id gets."""
    incident = session.get(Incident, incident_id)
    if incident is None or not may_see(user, incident):
        raise NotFoundError(f"no incident {incident_id}")
    return incident


def may_see(user: User | None, incident: Incident) -> bool:
    """Monitoring staff see every incident; a liaison only what its list shows (the same rule
    as `filter_conditions`): open incidents with a published finding. A merged or dismissed
    incident keeps its finding, so the finding alone is not enough."""
    if permissions.can_read_incidents(user):
        return True
    return (
        permissions.can_read_published_findings(user)
        and is_published(incident.finding)
        and incident.status == IncidentStatus.OPEN.value
    )


def filter_conditions(
    flt: IncidentFilter, user: User | None, *, internal: bool = False
) -> list[Any]:
    """SQL conditions for `flt`; outside monitoring staff (unless `internal`, e.g. the local CLI)
    only open incidents with a published finding."""
    conditions: list[Any] = []
    if not internal and not permissions.can_read_incidents(user):
        conditions.append(Incident.finding.in_([f.value for f in PUBLISHED_FINDINGS]))
        conditions.append(Incident.status == IncidentStatus.OPEN.value)
    if flt.agreement:
        conditions.append(Incident.agreement_id == flt.agreement)
    if flt.start:
        conditions.append(Incident.end_at >= flt.start)
    if flt.end:
        conditions.append(Incident.start_at < flt.end)
    if flt.types:
        conditions.append(Incident.type.in_(flt.types))
    if flt.statuses:
        conditions.append(Incident.status.in_(flt.statuses))
    if flt.findings:
        conditions.append(Incident.finding.in_(flt.findings))
    if flt.origin:
        conditions.append(Incident.origin == flt.origin)
    if flt.party:
        # an actor of that party took part (actors are a small JSON list on the incident; the
        # filter's party is three letters, so it cannot widen the pattern)
        conditions.append(cast(Incident.actors, String).like(f'%"{flt.party}"%'))
    if flt.bbox:
        west, south, east, north = flt.bbox
        conditions.append(
            and_(
                Incident.max_lon >= west,
                Incident.min_lon <= east,
                Incident.max_lat >= south,
                Incident.min_lat <= north,
            )
        )
    return conditions


def list_incidents(
    session: Session,
    *,
    user: User | None,
    flt: IncidentFilter,
    limit: int = 100,
    offset: int = 0,
    internal: bool = False,
) -> tuple[list[Incident], int]:
    """One page of incidents (newest first) and the total matching the filter; `internal` is
    for the local command line, which has the whole store anyway."""
    if user is None and not internal:
        raise NotFoundError("no incidents")
    limit = max(1, min(limit, MAX_PAGE))
    conditions = filter_conditions(flt, user, internal=internal)
    total = session.scalar(select(func.count()).select_from(Incident).where(*conditions)) or 0
    rows = session.scalars(
        select(Incident)
        .where(*conditions)
        .order_by(Incident.start_at.desc(), Incident.id.desc())
        .limit(limit)
        .offset(max(offset, 0))
    )
    return list(rows), total


def links(session: Session, *, incident_id: int) -> list[IncidentObligation]:
    return list(
        session.scalars(
            select(IncidentObligation)
            .where(IncidentObligation.incident_id == incident_id)
            .order_by(IncidentObligation.obligation_id)
        )
    )


def links_of(session: Session, *, incident_ids: list[int]) -> dict[int, list[IncidentObligation]]:
    """Each incident's obligation links, for a page of incidents in one query."""
    found: dict[int, list[IncidentObligation]] = {i: [] for i in incident_ids}
    if incident_ids:
        for link in session.scalars(
            select(IncidentObligation)
            .where(IncidentObligation.incident_id.in_(incident_ids))
            .order_by(IncidentObligation.incident_id, IncidentObligation.obligation_id)
        ):
            found[link.incident_id].append(link)
    return found


def report_ids_of(session: Session, *, incident_ids: list[int]) -> dict[int, list[int]]:
    """Each incident's reports, for a page of incidents in one query."""
    found: dict[int, list[int]] = {i: [] for i in incident_ids}
    if incident_ids:
        for incident_id, report_id in session.execute(
            select(IncidentReport.incident_id, IncidentReport.report_id)
            .where(IncidentReport.incident_id.in_(incident_ids))
            .order_by(IncidentReport.incident_id, IncidentReport.report_id)
        ):
            found[incident_id].append(report_id)
    return found


def report_ids(session: Session, *, incident_id: int) -> list[int]:
    return list(
        session.scalars(
            select(IncidentReport.report_id)
            .where(IncidentReport.incident_id == incident_id)
            .order_by(IncidentReport.report_id)
        )
    )


# --- incidents: changes --------------------------------------------------------------------------


def update_incident(
    session: Session, *, incident_id: int, data: IncidentUpdate, actor: ActorLike
) -> Incident:
    require_writer(actor)
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise NotFoundError(f"no incident {incident_id}")
    if incident.status == IncidentStatus.MERGED:
        raise ConflictError(f"incident {incident_id} was merged into {incident.merged_into_id}")
    changed: dict[str, Any] = {}
    if data.type is not None and data.type != incident.type:
        if data.type not in TAXONOMY:
            raise CeasefireError(f"type: unknown incident type {data.type!r}")
        changed["type"] = [incident.type, data.type]
        incident.type = data.type
    if data.status is not None and data.status != incident.status:
        if data.status is IncidentStatus.MERGED:
            raise CeasefireError("status: use merge to merge incidents")
        changed["status"] = [incident.status, data.status.value]
        incident.status = data.status.value
    for field in ("summary", "place_name"):
        value = getattr(data, field)
        if value is not None and value != getattr(incident, field):
            changed[field] = True
            setattr(incident, field, value)
    if data.actors is not None:
        incident.actors = [a.model_dump() for a in data.actors]
        changed["actors"] = True
    if data.casualties is not None:
        incident.casualties = [c.model_dump() for c in data.casualties]
        changed["casualties"] = True
    if data.sources is not None:
        incident.sources = list(data.sources)
        changed["sources"] = True
    if data.obligations is not None:
        check_links(session, incident.agreement_id, data.obligations)
        session.execute(
            delete(IncidentObligation).where(IncidentObligation.incident_id == incident.id)
        )
        session.flush()
        _add_links(session, incident, data.obligations)
        changed["obligations"] = [x.model_dump() for x in data.obligations]
    if not changed:
        return incident
    incident.updated_at = utcnow()
    session.flush()
    emit(
        session,
        DomainEvent(
            "incident-updated",
            actor_name(actor),
            "incident",
            str(incident.id),
            changed,
            rows=(incident,),
        ),
    )
    return incident


def set_reviewing(session: Session, *, incident_id: int, actor: User, reviewing: bool) -> Incident:
    """Show (or clear) who is working on an incident so two monitors do not duplicate work."""
    incident = get_incident(session, incident_id=incident_id, user=actor)
    require_writer(actor)
    if reviewing:
        incident.reviewing_by, incident.reviewing_since = actor.name, utcnow()
        name = "incident-review-started"
    else:
        if incident.reviewing_by not in (None, actor.name):
            raise ConflictError(
                f"incident {incident_id} is being reviewed by {incident.reviewing_by}"
            )
        incident.reviewing_by, incident.reviewing_since = None, None
        name = "incident-review-stopped"
    emit(session, DomainEvent(name, actor.name, "incident", str(incident.id), {}, rows=(incident,)))
    return incident


def dismiss_incident(session: Session, *, incident_id: int, reason: str, actor: User) -> Incident:
    """Dismiss an incident as not one (e.g. a news item about something else), saying why.

    The reason is kept as a monitor's report (raw, hashed, received like any report) that backs
    the incident, the status becomes `dismissed`, and the audit entry `incident-dismissed`
    records the change with the report's id and hash. Who may not see the incident is told it does not exist; who may see it but
    not write incidents is refused; a merged or already dismissed incident is a conflict.
    """
    incident = get_incident(session, incident_id=incident_id, user=actor)
    require_writer(actor)
    text = reason.strip()
    if not text:
        raise CeasefireError("reason: say why it is dismissed")
    if incident.status == IncidentStatus.MERGED:
        raise ConflictError(f"incident {incident_id} was merged into {incident.merged_into_id}")
    if incident.status == IncidentStatus.DISMISSED:
        raise ConflictError(f"incident {incident_id} is dismissed already")
    report = store_report(
        session,
        channel=Channel.MONITOR,
        content=text.encode(),
        actor=actor,
        title=f"Dismissal of incident {incident_id}",
        source=f"/incidents/{incident_id}",
    )
    session.add(IncidentReport(incident_id=incident.id, report_id=report.id))
    before = incident.status
    incident.status = IncidentStatus.DISMISSED.value
    incident.updated_at = utcnow()
    session.flush()
    emit(
        session,
        DomainEvent(
            "incident-dismissed",
            actor.name,
            "incident",
            str(incident.id),
            {
                "status": [before, incident.status],
                "report": {
                    "id": report.id,
                    "channel": report.channel,
                    "sha256": report.sha256,
                    "source": report.source,
                },
            },
            rows=(incident,),
        ),
    )
    return incident
