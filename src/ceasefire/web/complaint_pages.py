"""Complaints: a liaison files one and follows it; monitoring staff review and answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ceasefire.accounts import permissions
from ceasefire.complaints import service as complaints_service
from ceasefire.complaints.schemas import ComplaintCreate, ComplaintStatus, ComplaintStatusChange
from ceasefire.errors import CeasefireError
from ceasefire.http.deps import SessionDep
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
    default: DefaultAgreement,
    user: SignedInUser,
    occurred: Annotated[str, Form(max_length=60)],
    place: Annotated[str, Form(max_length=300)],
    description: Annotated[str, Form(max_length=20_000)],
) -> Response:
    if not description.strip() or not place.strip():
        raise CeasefireError(_("place and description: both are needed"))
    data = ComplaintCreate(
        occurred=occurred.strip(),
        place=place.strip(),
        description=description.strip(),
        agreement=default,
    )
    complaint = complaints_service.file_complaint(session, data=data, actor=user)
    return RedirectResponse(f"/complaints?filed={complaint.id}", status_code=303)


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
    return RedirectResponse("/complaints", status_code=303)
