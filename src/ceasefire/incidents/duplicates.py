"""Duplicates: a new report close in time, place and type to a stored incident is proposed as
the same one; a monitor merges them or keeps them apart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from ceasefire.audit.events import DomainEvent, emit
from ceasefire.db import utcnow
from ceasefire.errors import CeasefireError, ConflictError, NotFoundError
from ceasefire.incidents import matching
from ceasefire.incidents.intake import ActorLike, actor_name, incident_values
from ceasefire.incidents.models import (
    Incident,
    IncidentObligation,
    IncidentReport,
    IncidentStatus,
    KeptApart,
)
from ceasefire.incidents.schemas import IncidentCreate
from ceasefire.incidents.service import (
    links,
    report_ids,
    require_writer,
)


def footprint(incident: Incident) -> matching.Footprint:
    bbox = (
        (incident.min_lon, incident.min_lat, incident.max_lon, incident.max_lat)
        if incident.min_lon is not None
        and incident.min_lat is not None
        and incident.max_lon is not None
        and incident.max_lat is not None
        else None
    )
    return matching.Footprint(
        incident.type, incident.start_at, incident.end_at, bbox, incident.place_name
    )


def _near(me: matching.Footprint) -> ColumnElement[bool] | None:
    """The indexed pre-filter for incidents that may be close to `me` (related type, time spans
    at most a day apart, the place's search box or, without one, the same place name); None
    when nothing can be close (no coordinates and no place name)."""
    window = dt.timedelta(hours=matching.DEFAULT_HOURS)
    conditions = [
        Incident.type.in_(matching.related_type_ids(me.type)),
        Incident.start_at <= me.end + window,
        Incident.end_at >= me.start - window,
    ]
    if me.bbox is not None:
        west, south, east, north = matching.search_box(me.bbox)
        conditions += [
            Incident.max_lon >= west,
            Incident.min_lon <= east,
            Incident.max_lat >= south,
            Incident.min_lat <= north,
        ]
    elif me.place_name.strip():
        conditions.append(
            func.lower(func.trim(Incident.place_name)) == me.place_name.strip().lower()
        )
    else:
        return None
    return and_(*conditions)


_ACTIVE = (IncidentStatus.OPEN.value, IncidentStatus.CANDIDATE.value)


def similar_incidents(session: Session, *, incident: Incident) -> list[Incident]:
    """Stored incidents close in time, place and type to `incident`: proposed as the same one
    (unless a monitor kept the pair apart)."""
    me = footprint(incident)
    near = _near(me)
    if near is None:
        return []
    conditions = [Incident.status.in_(_ACTIVE), near]
    if incident.id is not None:
        apart = (
            select(KeptApart.other_id)
            .where(KeptApart.incident_id == incident.id)
            .union(select(KeptApart.incident_id).where(KeptApart.other_id == incident.id))
        )
        conditions += [Incident.id != incident.id, Incident.id.not_in(apart)]
    found = session.scalars(select(Incident).where(*conditions).order_by(Incident.id).limit(50))
    return [x for x in found if matching.is_close(me, footprint(x))]


def footprint_of(session: Session, *, data: IncidentCreate) -> matching.Footprint:
    """Where and when a not yet stored incident would lie; CeasefireError names a field the
    store cannot read."""
    values = incident_values(session, data=data, status=IncidentStatus.CANDIDATE, actor="matching")
    return footprint(Incident(**values))


def similar_to(session: Session, *, data: IncidentCreate) -> list[Incident]:
    """Stored incidents that a not yet stored one would be proposed as the same as."""
    (ids,) = similar_ids_many(session, footprints=[footprint_of(session, data=data)])
    return [x for x in (session.get(Incident, i) for i in ids) if x is not None]


def similar_ids_many(
    session: Session, *, footprints: Sequence[matching.Footprint]
) -> list[list[int]]:
    """For each footprint of a not yet stored incident, the ids of the stored open or candidate
    incidents close to it, lowest first (the news channel asks this for every event of an article
    at once). One query with a coarse filter (the related types, the time and the box around all
    of them) whose shape does not depend on the footprints, so it is compiled once; `is_close`
    decides."""
    if not footprints:
        return []
    window = dt.timedelta(hours=matching.DEFAULT_HOURS)
    types = sorted({t for fp in footprints for t in matching.related_type_ids(fp.type)})
    conditions = [
        Incident.status.in_(_ACTIVE),
        Incident.type.in_(types),
        Incident.start_at <= max(fp.end for fp in footprints) + window,
        Incident.end_at >= min(fp.start for fp in footprints) - window,
    ]
    boxes = [matching.search_box(fp.bbox) for fp in footprints if fp.bbox is not None]
    if len(boxes) == len(footprints):  # every one has a place: only incidents near them
        conditions += [
            Incident.max_lon >= min(b[0] for b in boxes),
            Incident.min_lon <= max(b[2] for b in boxes),
            Incident.max_lat >= min(b[1] for b in boxes),
            Incident.min_lat <= max(b[3] for b in boxes),
        ]
    rows = session.execute(
        select(
            Incident.id, Incident.type, Incident.start_at, Incident.end_at, Incident.min_lon,
            Incident.min_lat, Incident.max_lon, Incident.max_lat, Incident.place_name,
        )
        .where(*conditions)
        .order_by(Incident.id)
    ).all()  # fmt: skip
    by_type: dict[str, list[tuple[int, matching.Footprint]]] = {}
    for row in rows:
        bbox = (row.min_lon, row.min_lat, row.max_lon, row.max_lat)
        by_type.setdefault(row.type, []).append((row.id, matching.Footprint(
            row.type, row.start_at, row.end_at, None if None in bbox else bbox, row.place_name or "",
        )))  # fmt: skip
    return [
        sorted(
            i
            for kind in matching.related_type_ids(fp.type)
            for i, other in by_type.get(kind, [])
            if matching.is_close(fp, other)
        )
        for fp in footprints
    ]


def merge_incidents(session: Session, *, keep_id: int, merge_id: int, actor: ActorLike) -> Incident:
    """Merge `merge_id` into `keep_id`: its reports and obligation links move over, it keeps its
    own record (status merged, merged_into) and its assessments stay attached to it."""
    require_writer(actor)
    if keep_id == merge_id:
        raise CeasefireError("cannot merge an incident into itself")
    keep, gone = session.get(Incident, keep_id), session.get(Incident, merge_id)
    if keep is None or gone is None:
        raise NotFoundError(f"no incident {keep_id if keep is None else merge_id}")
    if IncidentStatus.MERGED in (keep.status, gone.status):
        raise ConflictError("one of the incidents was merged already")
    have = set(report_ids(session, incident_id=keep_id))
    for report_id in report_ids(session, incident_id=merge_id):
        if report_id not in have:
            session.add(IncidentReport(incident_id=keep_id, report_id=report_id))
    have_links = {x.obligation_id for x in links(session, incident_id=keep_id)}
    for link in links(session, incident_id=merge_id):
        if link.obligation_id not in have_links and link.agreement_id == keep.agreement_id:
            session.add(
                IncidentObligation(
                    incident_id=keep_id,
                    agreement_id=link.agreement_id,
                    obligation_id=link.obligation_id,
                    effect=link.effect,
                )
            )
    keep.sources = list(dict.fromkeys([*keep.sources, *gone.sources]))
    gone.status, gone.merged_into_id, gone.updated_at = (
        IncidentStatus.MERGED.value,
        keep_id,
        utcnow(),
    )
    keep.updated_at = utcnow()
    session.flush()
    emit(
        session,
        DomainEvent(
            "incidents-merged",
            actor_name(actor),
            "incident",
            str(keep_id),
            {"merged": merge_id},
            rows=(keep, gone),
        ),
    )
    return keep


def keep_apart(session: Session, *, incident_id: int, other_id: int, actor: ActorLike) -> None:
    """Record that two incidents proposed as the same are distinct."""
    require_writer(actor)
    for x in (incident_id, other_id):
        if session.get(Incident, x) is None:
            raise NotFoundError(f"no incident {x}")
    low, high = sorted((incident_id, other_id))
    if session.get(KeptApart, (low, high)) is None:
        session.add(KeptApart(incident_id=low, other_id=high, decided_by=actor_name(actor)))
        session.flush()
        emit(
            session,
            DomainEvent(
                "incidents-kept-apart", actor_name(actor), "incident", str(low), {"other": high}
            ),
        )
