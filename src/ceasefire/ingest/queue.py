"""The queue's view of the news channel: why each candidate incident it proposed is there (the
agreement, area and obligation its events are about, and the reasons), and the order of the
queue by relevance, then time. An incident no news event proposed (a monitor's report, an
import) was put there by a person: it counts as fully relevant."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Float, String, cast, func, select, true
from sqlalchemy.orm import Session
from sqlalchemy.sql import Subquery

from ceasefire.incidents.models import Incident, IncidentStatus
from ceasefire.ingest.models import CandidateEvent

#: The relevance of a candidate incident that no news event proposed.
PERSON_RELEVANCE = 1.0


@dataclass(frozen=True)
class Why:
    """Why a candidate incident is in the queue: its most relevant news event's reasons."""

    relevance: float
    agreement_id: str | None
    area_id: str | None
    obligation_id: str | None
    reasons: tuple[str, ...]


def _relevance_by_incident() -> Subquery:
    return (
        select(
            CandidateEvent.incident_id.label("incident_id"),
            func.max(CandidateEvent.relevance).label("relevance"),
        )
        .where(CandidateEvent.incident_id.is_not(None))
        .group_by(CandidateEvent.incident_id)
        .subquery()
    )


def candidate_incidents(session: Session, *, limit: int, origin: str = "") -> list[Incident]:
    """The queue's candidate incidents (of one origin, when given), the most relevant first, then
    the newest."""
    ranked = _relevance_by_incident()
    relevance = func.coalesce(cast(ranked.c.relevance, Float), PERSON_RELEVANCE)
    query = (
        select(Incident)
        .outerjoin(ranked, ranked.c.incident_id == cast(Incident.id, String))
        .where(Incident.status == IncidentStatus.CANDIDATE.value)
        .where(Incident.origin == origin if origin else true())
        .order_by(relevance.desc(), Incident.created_at.desc(), Incident.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


def why(session: Session, *, incident_ids: Sequence[int]) -> dict[int, Why]:
    """For each incident a news event proposed, why it is in the queue."""
    if not incident_ids:
        return {}
    rows = session.scalars(
        select(CandidateEvent)
        .where(CandidateEvent.incident_id.in_([str(i) for i in incident_ids]))
        .order_by(CandidateEvent.created_at, CandidateEvent.id)
    )
    out: dict[int, Why] = {}
    for row in rows:
        key = int(str(row.incident_id))
        score = row.relevance if row.relevance is not None else 0.0
        if key in out and out[key].relevance >= score:
            continue
        out[key] = Why(
            relevance=score,
            agreement_id=row.relevance_agreement_id or row.agreement_id,
            area_id=row.relevance_area_id,
            obligation_id=row.obligation_id,
            reasons=tuple(row.relevance_reasons or ()),
        )
    return out
