"""Routes of the agreement registry and compliance."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query

from ceasefire.agreements import service as agreements_service
from ceasefire.compliance import service as compliance_service
from ceasefire.errors import NotFoundError
from ceasefire.http.deps import SessionDep

router = APIRouter(tags=["agreements"])


@router.get("/agreements")
def list_agreements(session: SessionDep) -> list[dict[str, Any]]:
    """The stored agreements."""
    return [
        {"id": a.id, "title": a.title, "effective": a.effective_label, "timezone": a.timezone}
        for a in agreements_service.list_agreements(session)
    ]


@router.get("/agreements/{agreement_id}")
def get_agreement(agreement_id: str, session: SessionDep) -> dict[str, Any]:
    """An agreement with its provisions, obligations, areas and amendments."""
    try:
        return agreements_service.agreement_detail(session, agreement_id=agreement_id)
    except NotFoundError as exc:
        raise HTTPException(404, str(exc)) from None


@router.get("/agreements/{agreement_id}/areas")
def get_areas(agreement_id: str, session: SessionDep) -> dict[str, Any]:
    """The agreement's areas as a GeoJSON FeatureCollection."""
    try:
        agreements_service.get_agreement(session, agreement_id=agreement_id)
    except NotFoundError as exc:
        raise HTTPException(404, str(exc)) from None
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": a.id,
                "geometry": a.geometry,
                "properties": {
                    "name": a.name,
                    "kind": a.kind,
                    "approximate": a.approximate,
                    "width_km": a.width_km,
                    "note": a.note,
                },
            }
            for a in agreements_service.areas(session, agreement_id=agreement_id)
            if a.geometry is not None
        ],
    }


@router.get("/compliance/{agreement_id}")
def get_compliance(
    agreement_id: str,
    session: SessionDep,
    as_of: str | None = Query(None, description="Date (end of day, agreement's zone) or datetime."),
) -> dict[str, Any]:
    """Each obligation's status as of a moment."""
    try:
        moment, rows = compliance_service.compliance(
            session, agreement_id=agreement_id, as_of=as_of
        )
    except NotFoundError as exc:
        raise HTTPException(404, str(exc)) from None
    except ValueError as exc:
        raise HTTPException(422, f"as_of: {exc}") from None
    return {
        "agreement": agreement_id,
        "as_of": moment.isoformat(),
        "obligations": compliance_service.compliance_json(
            rows, session=session, agreement_id=agreement_id
        ),
    }
