"""Routes of complaints: liaisons file and follow their own party's; monitoring staff review."""

from __future__ import annotations

from fastapi import APIRouter

from ceasefire.complaints import service as complaints_service
from ceasefire.complaints.schemas import ComplaintCreate, ComplaintPublic, ComplaintStatusChange
from ceasefire.http.auth import CurrentUser
from ceasefire.http.deps import RawBody, SessionDep

router = APIRouter(tags=["complaints"])


@router.post("/complaints", status_code=201)
def file_complaint(
    data: ComplaintCreate, raw: RawBody, session: SessionDep, user: CurrentUser
) -> ComplaintPublic:
    """File a complaint for your conflict party (liaisons); the submission is kept as a report
    exactly as received."""
    complaint = complaints_service.file_complaint(session, data=data, actor=user, raw=raw)
    return complaints_service.to_public(session, complaint, user=user)


@router.get("/complaints")
def list_complaints(
    session: SessionDep, user: CurrentUser, status: str | None = None
) -> list[ComplaintPublic]:
    """Complaints you may see: a liaison its own party's, monitoring staff every one."""
    return [
        complaints_service.to_public(session, c, user=user)
        for c in complaints_service.list_complaints(session, user=user, status=status)
    ]


@router.get("/complaints/{complaint_id}")
def get_complaint(complaint_id: int, session: SessionDep, user: CurrentUser) -> ComplaintPublic:
    """One complaint (another party's complaint answers 404 to a liaison)."""
    complaint = complaints_service.get_complaint(session, complaint_id=complaint_id, user=user)
    return complaints_service.to_public(session, complaint, user=user)


@router.post("/complaints/{complaint_id}/status")
def change_status(
    complaint_id: int, change: ComplaintStatusChange, session: SessionDep, user: CurrentUser
) -> ComplaintPublic:
    """Move a complaint on: under-review, answered (with the incident), or withdrawn."""
    complaint = complaints_service.change_status(
        session, complaint_id=complaint_id, change=change, actor=user
    )
    return complaints_service.to_public(session, complaint, user=user)
