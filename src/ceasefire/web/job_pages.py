"""The jobs page (who started each job, how far it is, its errors) and the inbox of alerts
(acknowledge a message with a note)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ceasefire.accounts import permissions
from ceasefire.alerts import service as alerts_service
from ceasefire.db import utcnow
from ceasefire.errors import NotFoundError
from ceasefire.http.deps import SessionDep
from ceasefire.jobs import service as jobs_service
from ceasefire.web.deps import SignedInUser
from ceasefire.web.rendering import render

router = APIRouter(include_in_schema=False)


@router.get("/jobs", response_class=HTMLResponse)
def jobs(request: Request, session: SessionDep, user: SignedInUser) -> HTMLResponse:
    if not permissions.is_monitoring_staff(user):
        raise NotFoundError("no jobs")
    rows = [jobs_service.job_json(j) for j in jobs_service.list_jobs(session, limit=200)]
    return render(request, "jobs.html", nav="jobs", jobs=rows)


@router.get("/inbox", response_class=HTMLResponse)
def inbox(request: Request, session: SessionDep, user: SignedInUser) -> HTMLResponse:
    messages = alerts_service.inbox(session, user=user)
    return render(request, "inbox.html", nav="inbox", messages=messages)


@router.post("/inbox/{delivery_id}/ack")
def acknowledge(
    delivery_id: int,
    session: SessionDep,
    user: SignedInUser,
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    alerts_service.acknowledge(session, delivery_id=delivery_id, user=user, note=note, now=utcnow())
    return RedirectResponse(f"/inbox#m{delivery_id}", status_code=303)
