"""Incident pages: the list, the map's data, the detail with the assessments side by side, and
the forms that record an assessment, a co-head decision or a "being reviewed by" mark."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy import select

from ceasefire import labels
from ceasefire.accounts import permissions
from ceasefire.agreements import service as agreements_service
from ceasefire.audit.models import AuditEntry
from ceasefire.errors import CeasefireError, NotFoundError
from ceasefire.http.deps import SessionDep
from ceasefire.incidents import corrections
from ceasefire.incidents import public as incidents_public
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents.models import Finding, Incident, IncidentStatus
from ceasefire.taxonomy.incident_types import TAXONOMY
from ceasefire.verification import service as verification_service
from ceasefire.verification.rules import Verdict
from ceasefire.verification.schemas import AssessmentCreate, DecisionCreate
from ceasefire.web import filters, map_data
from ceasefire.web.correction_pages import describe
from ceasefire.web.deps import DefaultAgreement, SignedInUser
from ceasefire.web.i18n import _
from ceasefire.web.rendering import render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
SORTS = {
    "date": (Incident.start_at, Incident.id),
    "type": (Incident.type, Incident.id),
    "finding": (Incident.finding, Incident.id),
    "place": (Incident.place_name, Incident.id),
}


def _taxonomy() -> list[tuple[str, str]]:
    return sorted(((k, labels.label(v.label)) for k, v in TAXONOMY.items()), key=lambda kv: kv[1])


@router.get("/incidents", response_class=HTMLResponse)
def incident_list(
    request: Request,
    session: SessionDep,
    default: DefaultAgreement,
    user: SignedInUser,
    sort: Annotated[str, Query(max_length=20)] = "date",
    order: Annotated[str, Query(pattern="^(asc|desc)$")] = "desc",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    try:
        flt = filters.parse(request.query_params, default_agreement=default)
    except ValueError as exc:
        return render(request, "error.html", status_code=422, title=_("Filter not understood"),
                      message=str(exc))  # fmt: skip
    zone = filters.zone(session, flt)
    where = filters.conditions(flt, user=user, zone=zone)
    total = filters.count(session, flt, user=user, zone=zone)
    columns = SORTS.get(sort, SORTS["date"])
    ordering = [c.desc() if order == "desc" else c.asc() for c in columns]
    rows = list(
        session.scalars(
            select(Incident)
            .where(*where)
            .order_by(*ordering)
            .limit(PAGE_SIZE)
            .offset((page - 1) * PAGE_SIZE)
        )
    )
    return render(
        request,
        "incidents.html",
        nav="incidents",
        title=_("Incidents"),
        incidents=rows,
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        sort=sort if sort in SORTS else "date",
        order=order,
        flt=flt,
        flt_query=filters.query(flt),
        taxonomy=_taxonomy(),
        taxonomy_labels={k: labels.label(v.label) for k, v in TAXONOMY.items()},
        findings=[f.value for f in Finding],
        liaison=permissions.is_liaison(user),
    )


@router.get("/map/incidents.geojson")
def incidents_geojson(
    request: Request,
    session: SessionDep,
    default: DefaultAgreement,
    user: SignedInUser,
    zoom: Annotated[int, Query(ge=0, le=20)] = 8,
    date_range: Annotated[bool, Query(alias="range")] = False,
) -> JSONResponse:
    """The map's incidents under the same filters as the list (clustered when many)."""
    try:
        flt = filters.parse(request.query_params, default_agreement=default)
    except ValueError as exc:
        return JSONResponse({"detail": str(exc)}, status_code=422)
    zone = filters.zone(session, flt)
    if date_range:
        return JSONResponse(map_data.date_range(session, flt, user=user, zone=zone))
    return JSONResponse(map_data.map_data(session, flt, user=user, zone=zone, zoom=zoom))


def _report_text(content: bytes, media_type: str) -> str:
    if media_type.startswith(("text/", "application/json")) or not media_type:
        return content.decode("utf-8", errors="replace")
    return _("({size} bytes of {type}: not text)").format(size=len(content), type=media_type)


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_detail(
    request: Request,
    incident_id: int,
    session: SessionDep,
    user: SignedInUser,
    message: Annotated[str, Query(max_length=200)] = "",
) -> HTMLResponse:
    try:
        incident = incidents_service.get_incident(session, incident_id=incident_id, user=user)
    except NotFoundError as exc:
        return render(request, "error.html", status_code=404, title=_("Not found"),
                      message=str(exc))  # fmt: skip
    public = incidents_public.to_public(session, incident, user=user, with_duplicates=True)
    finding = verification_service.finding_detail(session, incident_id=incident_id, user=user)
    internal = permissions.can_read_assessments(user)
    history = (
        verification_service.assessment_history(session, incident_id=incident_id, user=user)
        if internal
        else []
    )
    audit_entries = _audit_history(session, incident_id) if internal else []
    versions = corrections.versions(session, incident=incident) if internal else []
    moments = corrections.superseded_moments(session, incident_id=incident_id)
    assessed_on = {
        a.party: corrections.version_at(a.recorded_at, moments) for a in finding.assessments
    }
    reports = []
    for report_id in public.reports:
        report = incidents_service.get_report(session, report_id=report_id, user=user)
        reports.append((report, _report_text(report.content, report.media_type)))
    obligations = {}
    if incident.agreement_id:
        obligations = {
            o.id: o
            for o in agreements_service.obligations(session, agreement_id=incident.agreement_id)
        }
    own_party = user.party if user.party in finding.parties else None
    may_assess = own_party is not None and permissions.can_assess(user, own_party)
    own = next((a for a in finding.assessments if a.party == own_party), None)
    may_decide = (
        own_party is not None
        and finding.finding == Finding.DISPUTED.value
        and permissions.can_decide(user, own_party)
    )
    return render(
        request,
        "incident.html",
        nav="incidents",
        title=_("Incident {id}").format(id=incident.id),
        incident=public,
        finding=finding,
        history=history,
        audit_entries=audit_entries,
        versions=versions,
        current_version=len(moments) + 1,
        assessed_on=assessed_on,
        describe=describe,
        taxonomy=sorted((key, labels.label(t.label)) for key, t in TAXONOMY.items()),
        reports=reports,
        obligations=obligations,
        internal=internal,
        own_party=own_party,
        own=own,
        may_assess=may_assess
        and incident.status not in (IncidentStatus.MERGED, IncidentStatus.DISMISSED),
        may_decide=may_decide,
        may_write=permissions.can_write_incidents(user),
        verdicts=[v.value for v in Verdict],
        message=message,
        type_label=labels.label(TAXONOMY[incident.type].label)
        if incident.type in TAXONOMY
        else incident.type,
    )


def _audit_history(session: Any, incident_id: int) -> list[AuditEntry]:
    """The incident's entries in the audit record, oldest first (read-only, monitoring staff)."""
    return list(
        session.scalars(
            select(AuditEntry)
            .where(AuditEntry.object_type == "incident", AuditEntry.object_id == str(incident_id))
            .order_by(AuditEntry.seq)
            .limit(200)
        )
    )


def _back(incident_id: int, message: str) -> RedirectResponse:
    return RedirectResponse(
        f"/incidents/{incident_id}?message={quote(message)}#finding", status_code=303
    )


def _verdict(value: str) -> Verdict:
    try:
        return Verdict(value)
    except ValueError:
        expected = ", ".join(v.value for v in Verdict)
        raise CeasefireError(f"verdict: expected one of {expected}, got {value!r}") from None


@router.post("/incidents/{incident_id}/assessment")
def post_assessment(
    request: Request,
    incident_id: int,
    session: SessionDep,
    user: SignedInUser,
    verdict: Annotated[str, Form(max_length=20)],
    rationale: Annotated[str, Form(max_length=20_000)],
    attribution: Annotated[str, Form(max_length=16)] = "",
    evidence: Annotated[str, Form(max_length=20_000)] = "",
) -> Response:
    if not rationale.strip():
        raise CeasefireError(_("rationale: say why, in a sentence or more"))
    data = AssessmentCreate(
        verdict=_verdict(verdict),
        attribution=attribution.strip() or None,
        rationale=rationale.strip(),
        evidence=[line.strip() for line in evidence.splitlines() if line.strip()],
    )
    # a refusal (CeasefireError) propagates: the request's transaction rolls back whole and the
    # page error handler explains it
    verification_service.record_assessment(session, incident_id=incident_id, data=data, actor=user)
    return _back(incident_id, _("Assessment recorded."))


@router.post("/incidents/{incident_id}/decision")
def post_decision(
    request: Request,
    incident_id: int,
    session: SessionDep,
    user: SignedInUser,
    verdict: Annotated[str, Form(max_length=20)],
    rationale: Annotated[str, Form(max_length=20_000)],
) -> Response:
    if not rationale.strip():
        raise CeasefireError(_("rationale: say why, in a sentence or more"))
    data = DecisionCreate(verdict=_verdict(verdict), rationale=rationale.strip())
    verification_service.record_decision(session, incident_id=incident_id, data=data, actor=user)
    return _back(incident_id, _("Decision recorded."))


@router.post("/incidents/{incident_id}/reviewing")
def post_reviewing(
    request: Request,
    incident_id: int,
    session: SessionDep,
    user: SignedInUser,
    reviewing: Annotated[str, Form(max_length=5)] = "yes",
) -> Response:
    incidents_service.set_reviewing(
        session, incident_id=incident_id, actor=user, reviewing=reviewing == "yes"
    )
    return _back(incident_id, _("Noted."))
