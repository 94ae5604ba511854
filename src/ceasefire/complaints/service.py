"""Filing complaints, reading them under the liaison rules, and moving them through their states."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ceasefire.accounts import permissions
from ceasefire.accounts.models import User
from ceasefire.audit.events import DomainEvent, emit
from ceasefire.complaints.models import Complaint
from ceasefire.complaints.schemas import (
    Attachment,
    ComplaintCreate,
    ComplaintPublic,
    ComplaintStatus,
    ComplaintStatusChange,
)
from ceasefire.complaints.status import can_move, moves_for
from ceasefire.db import utcnow
from ceasefire.errors import CeasefireError, ConflictError, NotFoundError
from ceasefire.incidents import fieldreports
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents.models import Incident, Report, is_published
from ceasefire.incidents.schemas import Channel


def file_complaint(
    session: Session,
    *,
    data: ComplaintCreate,
    actor: User,
    raw: bytes | None = None,
    uploads: list[fieldreports.Upload] | None = None,
    max_bytes: int = 0,
) -> Complaint:
    """A liaison files a complaint for their conflict party; the submission is kept as a report,
    and each uploaded file as a report of its own (bytes as received, SHA-256)."""
    permissions.require(permissions.can_file_complaint(actor), "file complaints (liaisons only)")
    assert actor.party is not None
    stored = fieldreports.store_uploads(
        session,
        uploads=uploads or [],
        channel=Channel.COMPLAINT,
        actor=actor,
        max_bytes=max_bytes,
    )
    if stored:
        data = data.model_copy(
            update={
                "attachments": [
                    *data.attachments,
                    *(
                        Attachment(
                            name=r.title, media_type=r.media_type, sha256=r.sha256, report=r.id
                        )
                        for r in stored
                    ),
                ]
            }
        )
    report = incidents_service.store_report(
        session,
        channel=Channel.COMPLAINT,
        content=raw if raw is not None else data.model_dump_json().encode(),
        actor=actor,
        media_type="application/json",
        title=f"complaint by {actor.party}",
    )
    now = utcnow()
    complaint = Complaint(
        party=actor.party,
        agreement_id=data.agreement,
        status=ComplaintStatus.RECEIVED.value,
        occurred=data.occurred,
        place=data.place,
        description=data.description,
        attachments=[a.model_dump() for a in data.attachments],
        report_id=report.id,
        filed_by=actor.name,
        filed_at=now,
        updated_at=now,
    )
    session.add(complaint)
    session.flush()
    emit(
        session,
        DomainEvent(
            "complaint-filed",
            actor.name,
            "complaint",
            str(complaint.id),
            {"party": actor.party, "report": report.id},
            rows=(complaint,),
        ),
    )
    return complaint


def is_filing_liaison(user: User | None, complaint: Complaint) -> bool:
    return permissions.is_liaison(user) and user is not None and user.party == complaint.party


def moves(complaint: Complaint, *, user: User | None) -> list[ComplaintStatus]:
    """The state changes `user` may make to `complaint` now (the buttons a page offers)."""
    return moves_for(
        ComplaintStatus(complaint.status),
        reviewer=permissions.can_review_complaints(user),
        filing_liaison=is_filing_liaison(user, complaint),
    )


def attachment(session: Session, *, complaint: Complaint, index: int) -> tuple[str, Report]:
    """The name and the report (bytes as received) of the complaint's attachment `index`."""
    items = complaint.attachments or []
    if not 0 <= index < len(items) or not items[index].get("report"):
        raise NotFoundError(f"complaint {complaint.id} has no attachment {index + 1}")
    report = session.get(Report, int(items[index]["report"]))
    if report is None:
        raise NotFoundError(f"complaint {complaint.id} has no attachment {index + 1}")
    return str(items[index].get("name", "")), report


def get_complaint(session: Session, *, complaint_id: int, user: User | None) -> Complaint:
    """The complaint if `user` may see it; another party's complaint does not exist for a liaison."""
    complaint = session.get(Complaint, complaint_id)
    if complaint is None or not permissions.can_read_complaint(user, complaint.party):
        raise NotFoundError(f"no complaint {complaint_id}")
    return complaint


def list_complaints(
    session: Session, *, user: User | None, status: str | None = None
) -> list[Complaint]:
    if user is None:
        raise NotFoundError("no complaints")
    query = select(Complaint).order_by(Complaint.filed_at.desc(), Complaint.id.desc())
    if not permissions.is_monitoring_staff(user):
        if not permissions.is_liaison(user):
            return []
        query = query.where(Complaint.party == user.party)
    if status:
        query = query.where(Complaint.status == status)
    return list(session.scalars(query))


def change_status(
    session: Session, *, complaint_id: int, change: ComplaintStatusChange, actor: User
) -> Complaint:
    """Move a complaint on. Monitoring staff review and answer (with an incident whose finding is
    published); the filing party's liaison may withdraw it."""
    complaint = get_complaint(session, complaint_id=complaint_id, user=actor)
    current, new = ComplaintStatus(complaint.status), change.status
    staff = permissions.can_review_complaints(actor)
    if new is ComplaintStatus.WITHDRAWN:
        permissions.require(
            is_filing_liaison(actor, complaint),
            "withdraw this complaint (its party's liaison only)",
        )
    else:
        permissions.require(staff, "review complaints")
    # The incident and the answer are the center's: a liaison only withdraws. Refused before
    # any incident is looked up, so the refusal says nothing of which incidents exist.
    permissions.require(
        staff or (change.incident is None and not change.answer),
        "link an incident or write the answer (the center's, not the complaining party's)",
    )
    if not can_move(current, new):
        raise ConflictError(f"complaint {complaint_id} is {current}: cannot become {new}")
    if new is ComplaintStatus.ANSWERED:
        if change.incident is None:
            raise CeasefireError("incident: an answer names the incident whose finding answers it")
        incident = incidents_service.get_incident(session, incident_id=change.incident, user=actor)
        if not is_published(incident.finding):
            raise ConflictError(
                f"incident {incident.id}'s finding is {incident.finding}: answer once it is confirmed or rejected"
            )
        complaint.incident_id = incident.id
    elif change.incident is not None:
        incidents_service.get_incident(session, incident_id=change.incident, user=actor)
        complaint.incident_id = change.incident
    if change.answer and change.answer != complaint.answer:
        if complaint.answer:  # kept as given, as the store's guard holds it too
            raise ConflictError(f"complaint {complaint_id} has its answer already")
        complaint.answer = change.answer
    complaint.status = new.value
    complaint.updated_at = utcnow()
    session.flush()
    emit(
        session,
        DomainEvent(
            "complaint-status-changed",
            actor.name,
            "complaint",
            str(complaint.id),
            {"from": current.value, "to": new.value, "incident": complaint.incident_id},
            rows=(complaint,),
        ),
    )
    return complaint


def to_public(session: Session, complaint: Complaint, *, user: User | None) -> ComplaintPublic:
    """The API shape; a liaison sees the linked finding only once it is published."""
    finding: str | None = None
    incident_id = complaint.incident_id
    if incident_id is not None:
        incident = session.get(Incident, incident_id)
        if incident is not None and incidents_service.may_see(user, incident):
            finding = incident.finding
        elif not permissions.is_monitoring_staff(user):
            incident_id = None
    return ComplaintPublic(
        id=complaint.id,
        party=complaint.party,
        agreement=complaint.agreement_id,
        status=complaint.status,
        occurred=complaint.occurred,
        place=complaint.place,
        description=complaint.description,
        attachments=complaint.attachments,
        incident=incident_id,
        finding=finding,
        answer=complaint.answer,
        filed_by=complaint.filed_by,
        filed_at=complaint.filed_at,
        updated_at=complaint.updated_at,
    )
