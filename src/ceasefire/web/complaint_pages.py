"""Complaints: a liaison files one and follows it; monitoring staff review and answer."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from ceasefire.accounts import permissions
from ceasefire.audit.models import AuditEntry
from ceasefire.complaints import service as complaints_service
from ceasefire.complaints.schemas import ComplaintCreate, ComplaintStatus, ComplaintStatusChange
from ceasefire.errors import CeasefireError
from ceasefire.http.deps import SessionDep, SettingsDep
from ceasefire.incidents import fieldreports
from ceasefire.verification import service as verification_service
from ceasefire.web.deps import DefaultAgreement, SignedInUser
from ceasefire.web.i18n import _
from ceasefire.web.rendering import render

router = APIRouter(include_in_schema=False)


@router.get("/complaints", response_class=HTMLResponse)
def complaint_list(
    request: Request, session: SessionDep, user: SignedInUser, filed: int | None = None
) -> HTMLResponse:
    complaints = complaints_service.list_complaints(session, user=user)
    return render(
        request,
        "complaints.html",
        nav="complaints",
        title=_("Complaints"),
        complaints=[complaints_service.to_public(session, c, user=user) for c in complaints],
        may_file=permissions.can_file_complaint(user),
        may_review=permissions.can_review_complaints(user),
        statuses=[s.value for s in ComplaintStatus],
        filed=filed,
    )


@router.post("/complaints")
def file_complaint(
    session: SessionDep,
    settings: SettingsDep,
    default: DefaultAgreement,
    user: SignedInUser,
    occurred: Annotated[str, Form(max_length=60)],
    place: Annotated[str, Form(max_length=300)],
    description: Annotated[str, Form(max_length=20_000)],
    files: Annotated[list[UploadFile] | None, File()] = None,
) -> Response:
    if not description.strip() or not place.strip():
        raise CeasefireError(_("place and description: both are needed"))
    data = ComplaintCreate(
        occurred=occurred.strip(),
        place=place.strip(),
        description=description.strip(),
        agreement=default,
    )
    uploads = [
        fieldreports.Upload(f.filename or "file", f.content_type or "", f.file.read())
        for f in (files or [])
        if f.filename
    ]
    complaint = complaints_service.file_complaint(
        session, data=data, actor=user, uploads=uploads, max_bytes=settings.max_upload_bytes
    )
    note = quote(_("Complaint {id} filed.").format(id=complaint.id))
    return RedirectResponse(f"/complaints/{complaint.id}?message={note}", status_code=303)


@router.get("/complaints/{complaint_id}", response_class=HTMLResponse)
def complaint_page(
    request: Request, complaint_id: int, session: SessionDep, user: SignedInUser, message: str = ""
) -> HTMLResponse:
    """One complaint: what was filed, its attachments, its history, the incident and finding
    that answer it; the buttons of the moves this person may make now."""
    complaint = complaints_service.get_complaint(session, complaint_id=complaint_id, user=user)
    public = complaints_service.to_public(session, complaint, user=user)
    finding = None
    if public.incident is not None:
        finding = verification_service.finding_detail(
            session, incident_id=public.incident, user=user
        )
    history = list(
        session.scalars(
            select(AuditEntry)
            .where(AuditEntry.object_type == "complaint", AuditEntry.object_id == str(complaint_id))
            .order_by(AuditEntry.seq)
        )
    )
    return render(
        request,
        "complaint.html",
        nav="complaints",
        title=_("Complaint {id}").format(id=complaint_id),
        c=public,
        finding=finding,
        history=history,
        moves=[m.value for m in complaints_service.moves(complaint, user=user)],
        may_review=permissions.can_review_complaints(user),
        message=message[:200],
    )


@router.get("/complaints/{complaint_id}/attachments/{number}")
def complaint_attachment(
    complaint_id: int, number: int, session: SessionDep, user: SignedInUser
) -> Response:
    """An attached file exactly as received, as a download."""
    complaint = complaints_service.get_complaint(session, complaint_id=complaint_id, user=user)
    name, report = complaints_service.attachment(session, complaint=complaint, index=number - 1)
    safe = "".join(c for c in name if c.isalnum() or c in "._-") or f"attachment-{number}"
    return Response(
        report.content,
        media_type="application/octet-stream",
        headers={
            "Content-Disposition": f'attachment; filename="{safe}"',
            "ETag": f'"{report.sha256}"',
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.post("/complaints/{complaint_id}/status")
def change_status(
    complaint_id: int,
    session: SessionDep,
    user: SignedInUser,
    status: Annotated[str, Form(max_length=20)],
    incident: Annotated[str, Form(max_length=20)] = "",
    answer: Annotated[str, Form(max_length=20_000)] = "",
) -> Response:
    try:
        new = ComplaintStatus(status)
    except ValueError:
        raise CeasefireError(f"status: unknown complaint status {status!r}") from None
    if incident.strip() and not incident.strip().isdigit():
        raise CeasefireError(f"incident: expected an incident number, got {incident!r}")
    change = ComplaintStatusChange(
        status=new, incident=int(incident) if incident.strip() else None, answer=answer.strip()
    )
    complaints_service.change_status(session, complaint_id=complaint_id, change=change, actor=user)
    note = quote(_("Complaint {id} is now {status}.").format(id=complaint_id, status=new.value))
    return RedirectResponse(f"/complaints/{complaint_id}?message={note}", status_code=303)
