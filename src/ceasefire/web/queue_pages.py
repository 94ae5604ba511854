"""The work queue: candidate incidents (from the news channel, imports, reports) to triage:
accept, merge into an incident, or dismiss with a reason."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import func, select

from ceasefire import labels
from ceasefire.accounts import permissions
from ceasefire.errors import CeasefireError, NotFoundError
from ceasefire.http.deps import SessionDep
from ceasefire.incidents import duplicates as incidents_duplicates
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents.models import Incident, IncidentStatus
from ceasefire.incidents.schemas import IncidentUpdate
from ceasefire.ingest import queue as news_queue
from ceasefire.taxonomy.incident_types import TAXONOMY
from ceasefire.web.deps import SignedInUser
from ceasefire.web.i18n import _
from ceasefire.web.rendering import render

router = APIRouter(include_in_schema=False)
QUEUE_SIZE = 50


def _require_staff(user: SignedInUser) -> None:
    if not permissions.can_write_incidents(user):
        raise NotFoundError("no queue")  # liaisons: as if there were none


@router.get("/queue", response_class=HTMLResponse)
def queue(
    request: Request, session: SessionDep, user: SignedInUser, done: str = "", origin: str = ""
) -> HTMLResponse:
    _require_staff(user)
    candidate = Incident.status == IncidentStatus.CANDIDATE.value
    by_origin = {
        str(o): int(n)
        for o, n in session.execute(
            select(Incident.origin, func.count())
            .where(candidate)
            .group_by(Incident.origin)
            .order_by(Incident.origin)
        )
    }
    origin = origin.strip()[:20]
    total = by_origin.get(origin, 0) if origin else sum(by_origin.values())
    rows = news_queue.candidate_incidents(session, limit=QUEUE_SIZE, origin=origin)
    reasons = news_queue.why(session, incident_ids=[i.id for i in rows])
    items = []
    for incident in rows:
        reports = [
            incidents_service.get_report(session, report_id=r, user=user)
            for r in incidents_service.report_ids(session, incident_id=incident.id)[:3]
        ]
        similar = incidents_duplicates.similar_incidents(session, incident=incident)
        items.append({"incident": incident, "reports": reports, "similar": similar,
                      "why": reasons.get(incident.id)})  # fmt: skip
    return render(
        request,
        "queue.html",
        nav="queue",
        title=_("Queue"),
        items=items,
        total=total,
        by_origin=by_origin,
        origin=origin,
        labels={k: labels.label(v.label) for k, v in TAXONOMY.items()},
        done=done[:100],
    )


@router.post("/queue/{incident_id}")
def triage(
    incident_id: int,
    session: SessionDep,
    user: SignedInUser,
    action: Annotated[str, Form(max_length=10)],
    into: Annotated[str, Form(max_length=20)] = "",
    reason: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    _require_staff(user)
    if action == "accept":
        incidents_service.update_incident(
            session,
            incident_id=incident_id,
            data=IncidentUpdate(status=IncidentStatus.OPEN),
            actor=user,
        )
        done = _("Incident {id} accepted.").format(id=incident_id)
    elif action == "merge":
        if not into.strip().lstrip("#").isdigit():
            raise CeasefireError(_("merge into: give the number of the incident to keep"))
        keep = int(into.strip().lstrip("#"))
        incidents_duplicates.merge_incidents(
            session, keep_id=keep, merge_id=incident_id, actor=user
        )
        done = _("Incident {id} merged into {keep}.").format(id=incident_id, keep=keep)
    elif action == "dismiss":
        incidents_service.dismiss_incident(
            session, incident_id=incident_id, reason=reason, actor=user
        )
        done = _("Incident {id} dismissed.").format(id=incident_id)
    else:
        raise CeasefireError(f"action: expected accept, merge or dismiss, got {action!r}")
    return RedirectResponse(f"/queue?done={quote(done)}", status_code=303)
