"""Intake checks: an incident's input read into the column values the store keeps (its time in
the agreement's zone with a precision, its place as GeoJSON with a bounding box, its obligation
links checked against the agreement), or a CeasefireError naming the field. Nothing is stored
here; the service adds the incident, imports insert the values in bulk."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from shapely.geometry import shape
from sqlalchemy.orm import Session

from ceasefire.accounts.models import User
from ceasefire.agreements import models as agreement_models
from ceasefire.agreements import service as agreements_service
from ceasefire.agreements.timeref import Precision, parse_timeref
from ceasefire.db import utcnow
from ceasefire.errors import CeasefireError
from ceasefire.incidents.models import Finding, Incident, IncidentStatus
from ceasefire.incidents.schemas import IncidentCreate, ObligationLink, TimePrecision
from ceasefire.taxonomy.incident_types import TAXONOMY

#: A user (permission-checked) or the name of a trusted internal channel (e.g. "news", "import").
ActorLike = User | str


def actor_name(actor: ActorLike) -> str:
    return actor if isinstance(actor, str) else actor.name


@dataclass(frozen=True)
class Place:
    geometry: dict[str, Any] | None
    bbox: tuple[float, float, float, float] | None


def _zone(session: Session, agreement_id: str | None) -> ZoneInfo:
    if agreement_id is None:
        return ZoneInfo("UTC")
    return ZoneInfo(agreements_service.get_agreement(session, agreement_id=agreement_id).timezone)


def _place(session: Session, data: IncidentCreate) -> Place:
    geometry = data.geometry
    if geometry is None and data.latitude is not None and data.longitude is not None:
        geometry = {"type": "Point", "coordinates": [data.longitude, data.latitude]}
    if geometry is None and data.area and data.agreement:
        area = session.get(agreement_models.Area, (data.agreement, data.area))
        if area is None:
            raise CeasefireError(f"area: agreement {data.agreement} has no area {data.area!r}")
        geometry = area.geometry
    if geometry is None:
        return Place(None, None)
    coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
    if (
        geometry.get("type") == "Point"
        and isinstance(coordinates, list)
        and len(coordinates) >= 2
        and all(isinstance(c, int | float) for c in coordinates[:2])
    ):
        lon, lat = float(coordinates[0]), float(coordinates[1])
        return Place(geometry, (lon, lat, lon, lat))  # the common case, without shapely
    try:
        bounds = shape(geometry).bounds
    except Exception as exc:  # shapely raises several types for malformed GeoJSON
        raise CeasefireError(f"geometry: not a valid GeoJSON geometry ({exc})") from None
    if len(bounds) != 4 or any(b != b for b in bounds):
        raise CeasefireError("geometry: empty GeoJSON geometry")
    return Place(geometry, (bounds[0], bounds[1], bounds[2], bounds[3]))


def check_links(session: Session, agreement_id: str | None, links: list[ObligationLink]) -> None:
    if links and agreement_id is None:
        raise CeasefireError("obligations: name the agreement they belong to (field agreement)")
    for link in links:
        if session.get(agreement_models.Obligation, (agreement_id, link.obligation)) is None:
            raise CeasefireError(
                f"obligations: agreement {agreement_id} has no obligation {link.obligation!r}"
            )


def incident_values(
    session: Session,
    *,
    data: IncidentCreate,
    status: IncidentStatus,
    actor: ActorLike,
    zones: dict[str | None, ZoneInfo] | None = None,
) -> dict[str, Any]:
    """The column values of an incident from checked input (nothing is added to the session);
    raises CeasefireError naming the field. Imports insert these in bulk, passing `zones` to
    keep each agreement's zone for the whole file."""
    if data.type not in TAXONOMY:
        raise CeasefireError(f"type: unknown incident type {data.type!r} (see docs/taxonomy.md)")
    if zones is None:
        zone = _zone(session, data.agreement)
    elif data.agreement in zones:
        zone = zones[data.agreement]
    else:
        zone = zones[data.agreement] = _zone(session, data.agreement)
    try:
        start_ref = parse_timeref(data.occurred, zone)
    except ValueError as exc:
        raise CeasefireError(f"occurred: {exc}") from None
    end = start_ref.end
    if data.occurred_end:
        try:
            end = parse_timeref(data.occurred_end, zone).end
        except ValueError as exc:
            raise CeasefireError(f"occurred_end: {exc}") from None
        if end < start_ref.start:
            raise CeasefireError("occurred_end: before occurred")
    precision = data.time_precision or TimePrecision(
        start_ref.precision.value if start_ref.precision != Precision.EXACT else "exact"
    )
    if precision is TimePrecision.WEEK and end == start_ref.end:
        end = start_ref.start + dt.timedelta(days=7)
    place = _place(session, data)
    check_links(session, data.agreement, data.obligations)
    bbox = place.bbox or (None, None, None, None)
    now = utcnow()
    return {
        "agreement_id": data.agreement,
        "type": data.type,
        "status": status.value,
        "origin": data.origin,
        "summary": data.summary,
        "start_at": start_ref.start.astimezone(dt.UTC),
        "end_at": end.astimezone(dt.UTC),
        "time_label": data.occurred + (f"/{data.occurred_end}" if data.occurred_end else ""),
        "time_precision": precision.value,
        "place_name": data.place_name,
        "country": data.country.upper() if data.country else None,
        "admin1": data.admin1,
        "admin2": data.admin2,
        "admin3": data.admin3,
        "area_id": data.area,
        "geometry": place.geometry,
        "location_precision": data.location_precision.value,
        "min_lon": bbox[0],
        "min_lat": bbox[1],
        "max_lon": bbox[2],
        "max_lat": bbox[3],
        "actors": [a.model_dump() for a in data.actors],
        "casualties": [c.model_dump() for c in data.casualties],
        "sources": list(data.sources),
        "external_id": data.external_id,
        "finding": Finding.PENDING.value,
        "created_by": actor_name(actor),
        "created_at": now,
        "updated_at": now,
    }


def new_incident(
    session: Session, *, data: IncidentCreate, status: IncidentStatus, actor: ActorLike
) -> Incident:
    """An incident (not yet added) from checked input."""
    return Incident(**incident_values(session, data=data, status=status, actor=actor))
