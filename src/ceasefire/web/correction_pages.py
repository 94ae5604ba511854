"""Correcting an incident from its page: the fields given replace what it says, the values
before are kept as a version ("changed by monitor-rus at ..., was ...")."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from ceasefire.accounts.permissions import PermissionDeniedError
from ceasefire.errors import CeasefireError, ConflictError, NotFoundError
from ceasefire.http.deps import SessionDep
from ceasefire.incidents import corrections
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents.schemas import Casualties, IncidentCorrection
from ceasefire.verification import service as verification_service
from ceasefire.web.deps import SignedInUser
from ceasefire.web.i18n import _
from ceasefire.web.intake_pages import (
    COUNTS,
    actors_of,
    coordinate,
    counts_of,
    validation_message,
)

router = APIRouter(include_in_schema=False)


def describe(field: str, value: Any) -> str:
    """A version's value as people read it."""
    if value in (None, "", []):
        return "—"
    if field == "geometry" and isinstance(value, dict):
        coordinates = value.get("coordinates")
        if value.get("type") == "Point" and isinstance(coordinates, list):
            return f"{coordinates[1]:.4f}, {coordinates[0]:.4f}"
        return str(value.get("type", "shape"))
    if field == "actors" and isinstance(value, list):
        return "; ".join(
            a.get("name", "") + (f" ({a['party']})" if a.get("party") else "") for a in value
        )
    if field == "casualties" and isinstance(value, list):
        return "; ".join(
            f"{c.get('side')}: "
            + ", ".join(f"{k.replace('_', ' ')} {c[k]}" for k in COUNTS if c.get(k))
            for c in value
        )
    return str(value)


@router.post("/incidents/{incident_id}/correct")
def correct(
    incident_id: int,
    session: SessionDep,
    user: SignedInUser,
    reason: Annotated[str, Form(max_length=5000)] = "",
    type: Annotated[str, Form(max_length=60)] = "",
    occurred: Annotated[str, Form(max_length=60)] = "",
    occurred_end: Annotated[str, Form(max_length=60)] = "",
    place_name: Annotated[str, Form(max_length=300)] = "",
    latitude: Annotated[str, Form(max_length=30)] = "",
    longitude: Annotated[str, Form(max_length=30)] = "",
    actors: Annotated[str, Form(max_length=5000)] = "",
    casualty_side: Annotated[str, Form(max_length=16)] = "",
    killed_military: Annotated[str, Form(max_length=6)] = "",
    killed_civilian: Annotated[str, Form(max_length=6)] = "",
    wounded_military: Annotated[str, Form(max_length=6)] = "",
    wounded_civilian: Annotated[str, Form(max_length=6)] = "",
) -> Response:
    """Empty fields stay as they are; the reason is required."""
    incidents_service.get_incident(session, incident_id=incident_id, user=user)
    counts = {
        "killed_military": killed_military,
        "killed_civilian": killed_civilian,
        "wounded_military": wounded_military,
        "wounded_civilian": wounded_civilian,
    }
    try:
        if not reason.strip():
            raise CeasefireError(_("reason: say why it is corrected"))
        numbers = counts_of(counts)
        casualties = None
        if casualty_side.strip() or any(v.strip() for v in counts.values()):
            casualties = [Casualties(side=casualty_side.strip().upper() or "unknown", **numbers)]
        data = IncidentCorrection(
            reason=reason.strip(),
            type=type.strip() or None,
            occurred=occurred.strip() or None,
            occurred_end=occurred_end.strip() or None,
            place_name=place_name.strip() or None,
            latitude=coordinate(latitude, "latitude"),
            longitude=coordinate(longitude, "longitude"),
            actors=actors_of(actors) if actors.strip() else None,
            casualties=casualties,
        )
        assessed = verification_service.finding_detail(
            session, incident_id=incident_id, user=user
        ).assessments
        with session.begin_nested():
            done = corrections.correct_incident(
                session,
                incident_id=incident_id,
                data=data,
                actor=user,
                assessed_before=len(assessed),
            )
    except (CeasefireError, ValidationError) as exc:
        if isinstance(exc, NotFoundError | ConflictError | PermissionDeniedError):
            raise
        message = str(exc) if isinstance(exc, CeasefireError) else validation_message(exc)
        return RedirectResponse(
            f"/incidents/{incident_id}?message={quote(_('Not corrected: ') + message)}#correct",
            status_code=303,
        )
    note = _("Corrected: version {n}.").format(n=done.version)
    return RedirectResponse(f"/incidents/{incident_id}?message={quote(note)}", status_code=303)
