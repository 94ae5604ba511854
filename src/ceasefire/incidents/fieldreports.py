"""A monitor's field report from the browser: the form as submitted and each attached file are
kept as reports exactly as received (each with its SHA-256), and become one new incident or are
attached to an existing one, in one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ceasefire.accounts.models import User
from ceasefire.audit.events import DomainEvent, emit
from ceasefire.errors import CeasefireError, ConflictError, NotFoundError
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents.models import Incident, IncidentReport, IncidentStatus, Report
from ceasefire.incidents.schemas import Channel, IncidentCreate

#: attachments one report may carry
MAX_ATTACHMENTS = 10


@dataclass(frozen=True)
class Upload:
    """A file as the browser sent it."""

    filename: str
    media_type: str
    content: bytes


@dataclass(frozen=True)
class Filed:
    incident: Incident
    report: Report
    attachments: list[Report]
    created: bool


def check_uploads(uploads: list[Upload], *, max_bytes: int) -> None:
    """Refuse too many files, an empty one or one over `max_bytes`, naming it."""
    if len(uploads) > MAX_ATTACHMENTS:
        raise CeasefireError(f"attachments: at most {MAX_ATTACHMENTS} files, got {len(uploads)}")
    for upload in uploads:
        if not upload.content:
            raise CeasefireError(f"attachment {upload.filename!r}: the file is empty")
        if len(upload.content) > max_bytes:
            raise CeasefireError(
                f"attachment {upload.filename!r}: {len(upload.content)} bytes, "
                f"at most {max_bytes} allowed"
            )


def store_uploads(
    session: Session, *, uploads: list[Upload], channel: Channel, actor: User, max_bytes: int
) -> list[Report]:
    """Each file kept as a report of its own, bytes as received, with its SHA-256."""
    check_uploads(uploads, max_bytes=max_bytes)
    return [
        incidents_service.store_report(
            session,
            channel=channel,
            content=upload.content,
            actor=actor,
            media_type=upload.media_type[:100] or "application/octet-stream",
            title=upload.filename[:200],
            source="attachment",
        )
        for upload in uploads
    ]


def file_field_report(
    session: Session,
    *,
    data: IncidentCreate | None,
    form: bytes,
    uploads: list[Upload],
    actor: User,
    attach_to: int | None = None,
    max_bytes: int,
) -> Filed:
    """Keep the submitted form (`form`, as received) and the files as reports, then create the
    incident they describe (`data`), or attach them to incident `attach_to`."""
    incidents_service.require_writer(actor)
    if (data is None) == (attach_to is None):
        raise CeasefireError("a field report describes a new incident or names one to attach to")
    report = incidents_service.store_report(
        session,
        channel=Channel.MONITOR,
        content=form,
        actor=actor,
        media_type="application/json",
        title=f"field report by {actor.name}",
    )
    attachments = store_uploads(
        session, uploads=uploads, channel=Channel.MONITOR, actor=actor, max_bytes=max_bytes
    )
    if data is not None:
        incident = incidents_service.create_incident(session, data=data, actor=actor, report=report)
        created = True
    else:
        assert attach_to is not None
        found = session.get(Incident, attach_to)
        if found is None:
            raise NotFoundError(f"attach to: no incident {attach_to}")
        if found.status == IncidentStatus.MERGED:
            raise ConflictError(
                f"attach to: incident {attach_to} was merged into {found.merged_into_id}"
            )
        incident = found
        session.add(IncidentReport(incident_id=incident.id, report_id=report.id))
        created = False
    for attachment in attachments:
        session.add(IncidentReport(incident_id=incident.id, report_id=attachment.id))
    session.flush()
    emit(
        session,
        DomainEvent(
            "field-report-filed",
            actor.name,
            "incident",
            str(incident.id),
            {
                "report": report.id,
                "attachments": [{"report": a.id, "sha256": a.sha256} for a in attachments],
                "new_incident": created,
            },
            rows=(incident,),
        ),
    )
    return Filed(incident, report, attachments, created)
