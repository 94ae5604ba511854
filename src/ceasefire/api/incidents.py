"""Routes of incidents, their assessments and findings (API contract of issue 3, section 7)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import StreamingResponse

from ceasefire.accounts import permissions
from ceasefire.agreements import service as agreements_service
from ceasefire.errors import NotFoundError
from ceasefire.http.auth import CurrentUser
from ceasefire.http.deps import EngineDep, RawBody, SessionDep
from ceasefire.incidents import corrections, duplicates, transfer
from ceasefire.incidents import filters as incident_filters
from ceasefire.incidents import public as incidents_public
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents.formats import DayMonth, ImportFormat
from ceasefire.incidents.schemas import (
    Channel,
    IncidentCorrection,
    IncidentCreate,
    IncidentDismissal,
    IncidentPage,
    IncidentPublic,
    IncidentUpdate,
    VersionPublic,
)
from ceasefire.verification import service as verification_service
from ceasefire.verification.schemas import (
    AssessmentCreate,
    AssessmentPublic,
    DecisionCreate,
    DecisionPublic,
    FindingPublic,
)

router = APIRouter(tags=["incidents"])


def _given(value: str | None) -> list[str]:
    return [] if value is None else [value]


def incident_filter(
    session: SessionDep,
    agreement: Annotated[
        str | None, Query(description="Agreement id; `start` and `end` are read in its zone.")
    ] = None,
    start: Annotated[
        str | None,
        Query(description="From this date, month or datetime (agreement's zone, else UTC)."),
    ] = None,
    end: Annotated[
        str | None,
        Query(
            description="Until this date or month (included whole) or datetime (included itself), "
            "in the agreement's zone, else UTC."
        ),
    ] = None,
    type: Annotated[list[str] | None, Query(description="Incident type ids (repeatable).")] = None,
    status: Annotated[
        list[str] | None, Query(description="candidate, open, merged, dismissed (repeatable).")
    ] = None,
    finding: Annotated[
        list[str] | None, Query(description="pending, confirmed, rejected, disputed (repeatable).")
    ] = None,
    origin: Annotated[str | None, Query(description="Where it came from, e.g. news.")] = None,
    party: Annotated[str | None, Query(description="ISO3 of a state an actor belongs to.")] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees.")] = None,
) -> incident_filters.IncidentFilter:
    """The list filters, read by the one parser the pages use too."""
    params = {
        "agreement": _given(agreement),
        "start": _given(start),
        "end": _given(end),
        "type": type or [],
        "status": status or [],
        "finding": finding or [],
        "origin": _given(origin),
        "party": _given(party),
        "bbox": _given(bbox),
    }
    try:
        return incident_filters.parse_incident_filter(
            params, zones=agreements_service.timezones(session)
        )
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None


FilterDep = Annotated[incident_filters.IncidentFilter, Depends(incident_filter)]


@router.post("/incidents", status_code=201)
def create_incident(
    data: IncidentCreate, raw: RawBody, session: SessionDep, user: CurrentUser
) -> IncidentPublic:
    """Take in an incident: the request body is kept as an immutable report (channel `monitor`)
    and the incident is created from it. Monitoring staff only."""
    incidents_service.require_writer(user)
    report = incidents_service.store_report(
        session, channel=Channel.MONITOR, content=raw, actor=user, media_type="application/json"
    )
    incident = incidents_service.create_incident(session, data=data, actor=user, report=report)
    return incidents_public.to_public(session, incident, user=user, with_duplicates=True)


@router.get("/incidents")
def list_incidents(
    session: SessionDep,
    user: CurrentUser,
    flt: FilterDep,
    limit: Annotated[int, Query(ge=1, le=incidents_service.MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> IncidentPage:
    """Incidents matching the filters, newest first, one page at a time. A liaison sees only
    incidents with a published finding."""
    rows, total = incidents_service.list_incidents(
        session, user=user, flt=flt, limit=limit, offset=offset
    )
    return IncidentPage(
        items=incidents_public.many(session, list(rows), user=user),
        total=total,
        limit=limit,
        offset=offset,
    )


@router.get(
    "/incidents/export",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "The incidents, as ACLED-compatible CSV or as GeoJSON.",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/geo+json": {"schema": {"type": "object"}},
            },
        }
    },
)
def export_incidents(
    user: CurrentUser,
    engine: EngineDep,
    flt: FilterDep,
    format: Annotated[
        str, Query(pattern="^(acled|hxl|geojson)$", description="acled, hxl or geojson.")
    ] = "acled",
) -> StreamingResponse:
    """Every matching incident as ACLED-compatible CSV, HXL-hashtagged CSV or GeoJSON, streamed
    in batches (a liaison gets only incidents with a published finding)."""
    if format in ("acled", "hxl"):
        writer = transfer.export_acled_csv if format == "acled" else transfer.export_hxl_csv
        return StreamingResponse(
            writer(engine, flt=flt, user=user), media_type="text/csv; charset=utf-8"
        )
    return StreamingResponse(
        transfer.export_geojson(engine, flt=flt, user=user), media_type="application/geo+json"
    )


@router.post(
    "/incidents/import",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/geo+json": {"schema": {"type": "object"}},
            },
        }
    },
)
def import_incidents(
    raw: RawBody,
    session: SessionDep,
    user: CurrentUser,
    format: Annotated[
        ImportFormat, Query(description="acled, ucdp, csv or geojson.")
    ] = ImportFormat.ACLED,
    agreement: str | None = None,
    skip_bad: bool = False,
    day_month: Annotated[
        DayMonth | None,
        Query(description="day-first or month-first: the order of dates like 5/9/2020."),
    ] = None,
) -> dict[str, Any]:
    """Import a file sent as the request body into the work queue (status candidate). All or
    nothing unless skip_bad; refused rows come back with their line and reason (422)."""
    result = transfer.import_incidents(
        session,
        fmt=format,
        content=raw,
        source_name=f"upload:{format.value}",
        actor=user,
        agreement=agreement,
        skip_bad=skip_bad,
        day_month=day_month,
    )
    return {
        "report": result.report_id,
        "imported": result.imported,
        "new": result.new,
        "revised": result.revised,
        "unchanged": result.unchanged,
        "refused": [{"line": p.line, "message": p.message} for p in result.refused],
    }


@router.get("/incidents/{incident_id}")
def get_incident(incident_id: int, session: SessionDep, user: CurrentUser) -> IncidentPublic:
    """One incident with its reports, obligations and possible duplicates."""
    incident = incidents_service.get_incident(session, incident_id=incident_id, user=user)
    return incidents_public.to_public(session, incident, user=user, with_duplicates=True)


@router.patch("/incidents/{incident_id}")
def update_incident(
    incident_id: int, data: IncidentUpdate, session: SessionDep, user: CurrentUser
) -> IncidentPublic:
    """Edit an incident (accept a candidate with status `open`, dismiss it, relink obligations)."""
    incidents_service.get_incident(session, incident_id=incident_id, user=user)
    incident = incidents_service.update_incident(
        session, incident_id=incident_id, data=data, actor=user
    )
    return incidents_public.to_public(session, incident, user=user)


@router.post("/incidents/{incident_id}/corrections")
def correct(
    incident_id: int, data: IncidentCorrection, session: SessionDep, user: CurrentUser
) -> IncidentPublic:
    """Correct type, time, place, actors or casualties: the values before are kept as a
    version and the correction as a report; assessments before it are on an earlier version."""
    incidents_service.get_incident(session, incident_id=incident_id, user=user)
    assessed = verification_service.finding_detail(
        session, incident_id=incident_id, user=user
    ).assessments
    done = corrections.correct_incident(
        session, incident_id=incident_id, data=data, actor=user, assessed_before=len(assessed)
    )
    return incidents_public.to_public(session, done.incident, user=user)


@router.get("/incidents/{incident_id}/versions")
def versions(incident_id: int, session: SessionDep, user: CurrentUser) -> list[VersionPublic]:
    """The earlier versions, oldest first: who changed what when (monitoring staff only)."""
    incident = incidents_service.get_incident(session, incident_id=incident_id, user=user)
    if not permissions.can_read_incidents(user):
        raise NotFoundError(f"no incident {incident_id}")
    return corrections.versions(session, incident=incident)


@router.post("/incidents/{incident_id}/dismiss")
def dismiss(
    incident_id: int, data: IncidentDismissal, session: SessionDep, user: CurrentUser
) -> IncidentPublic:
    """Dismiss the incident, saying why (`reason`): the reason is kept as a monitor's report
    backing the incident. A merged or already dismissed incident answers 409."""
    incident = incidents_service.dismiss_incident(
        session, incident_id=incident_id, reason=data.reason, actor=user
    )
    return incidents_public.to_public(session, incident, user=user)


@router.post("/incidents/{incident_id}/review")
def start_review(incident_id: int, session: SessionDep, user: CurrentUser) -> IncidentPublic:
    """Mark the incident as being reviewed by you."""
    incident = incidents_service.set_reviewing(
        session, incident_id=incident_id, actor=user, reviewing=True
    )
    return incidents_public.to_public(session, incident, user=user)


@router.delete("/incidents/{incident_id}/review")
def stop_review(incident_id: int, session: SessionDep, user: CurrentUser) -> IncidentPublic:
    """Clear your "being reviewed by" mark."""
    incident = incidents_service.set_reviewing(
        session, incident_id=incident_id, actor=user, reviewing=False
    )
    return incidents_public.to_public(session, incident, user=user)


@router.post("/incidents/{incident_id}/merge/{other_id}")
def merge(
    incident_id: int, other_id: int, session: SessionDep, user: CurrentUser
) -> IncidentPublic:
    """Merge incident `other_id` into `incident_id` (they are the same incident)."""
    incidents_service.get_incident(session, incident_id=incident_id, user=user)
    keep = duplicates.merge_incidents(session, keep_id=incident_id, merge_id=other_id, actor=user)
    return incidents_public.to_public(session, keep, user=user)


@router.post("/incidents/{incident_id}/keep-apart/{other_id}", status_code=204)
def keep_apart(incident_id: int, other_id: int, session: SessionDep, user: CurrentUser) -> None:
    """Record that two incidents proposed as the same are distinct."""
    incidents_service.get_incident(session, incident_id=incident_id, user=user)
    duplicates.keep_apart(session, incident_id=incident_id, other_id=other_id, actor=user)


@router.post("/incidents/{incident_id}/assessments", status_code=201)
def record_assessment(
    incident_id: int, data: AssessmentCreate, session: SessionDep, user: CurrentUser
) -> AssessmentPublic:
    """Record (or revise) your party's assessment; every version is kept."""
    row = verification_service.record_assessment(
        session, incident_id=incident_id, data=data, actor=user
    )
    return verification_service.assessment_public(row)


@router.get("/incidents/{incident_id}/assessments")
def list_assessments(
    incident_id: int, session: SessionDep, user: CurrentUser
) -> list[AssessmentPublic]:
    """Every version of every party's assessment (monitoring staff only)."""
    return verification_service.assessment_history(session, incident_id=incident_id, user=user)


@router.post("/incidents/{incident_id}/decisions", status_code=201)
def record_decision(
    incident_id: int, data: DecisionCreate, session: SessionDep, user: CurrentUser
) -> DecisionPublic:
    """A co-head's decision on a disputed finding, for their own party."""
    row = verification_service.record_decision(
        session, incident_id=incident_id, data=data, actor=user
    )
    return verification_service.decision_public(row)


@router.get("/incidents/{incident_id}/finding")
def get_finding(incident_id: int, session: SessionDep, user: CurrentUser) -> FindingPublic:
    """The joint finding under the agreement's rule, with each party's latest verdict and dissent."""
    return verification_service.finding_detail(session, incident_id=incident_id, user=user)
