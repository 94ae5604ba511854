"""From extracted events to incidents: each event that happened (or is alleged to have) and has
a type of the incident taxonomy becomes a candidate incident in the monitors' queue, or one more
report of a stored incident of the same type, time and place. The article is the incident's
report (channel `news`), kept as received. Nothing here writes a finding.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from ceasefire.agreements import models as agreement_models
from ceasefire.errors import CeasefireError
from ceasefire.events import DomainEvent, emit
from ceasefire.extraction.models import CandidateEvent, CandidateStatus
from ceasefire.incidents import duplicates as duplicates_service
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents.models import Incident, IncidentReport, Report
from ceasefire.incidents.schemas import (
    Actor,
    Channel,
    IncidentCreate,
    IncidentStatus,
    LocationPrecision,
    ObligationLink,
)
from ceasefire.incidents.taxonomy import TAXONOMY
from ceasefire.ingest.models import Article

#: Modalities that make an event worth a monitor's look (not denied, planned or an obligation).
PROPOSED_MODALITIES = frozenset({"happened", "alleged"})
#: Kinds of ACLED event whose incidents breach a ceasefire obligation (the rest fulfil one).
_BREACHING_ACLED = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
_BREACHING_TYPES = {"corridor-obstruction", "monitor-movement-restriction"}


def effect_on_obligation(event_type: str) -> str:
    """How an event of this type bears on the obligation it names: violence breaches it, a
    handover, withdrawal, deployment or exchange fulfils it (pending verification)."""
    item = TAXONOMY.get(event_type)
    if event_type in _BREACHING_TYPES or (item and item.acled_event_type in _BREACHING_ACLED):
        return "breaches"
    return "fulfils"


def incident_data(
    event: CandidateEvent, *, article: Article, agreement_known: bool
) -> IncidentCreate | None:
    """The candidate incident an extracted event proposes, or None when it proposes none (wrong
    modality, a type outside the incident taxonomy, or no day it happened)."""
    if event.modality not in PROPOSED_MODALITIES or event.event_type not in TAXONOMY:
        return None
    occurred = event.date_value or (
        article.published.date().isoformat() if article.published else None
    )
    if not occurred:
        return None
    agreement = event.agreement_id if agreement_known else None
    obligations = (
        [
            ObligationLink(
                obligation=event.obligation_id, effect=effect_on_obligation(event.event_type)
            )
        ]
        if agreement and event.obligation_id
        else []
    )
    actors = [
        Actor(name=a["name"][:200], party=(a.get("country") or None), role=role)
        for role, group in (("source", event.actors), ("target", event.targets))
        for a in group
        if a.get("name")
    ][:50]
    has_point = event.lat is not None and event.lon is not None
    return IncidentCreate(
        type=event.event_type,
        summary=event.sentence[:20_000],
        occurred=occurred,
        agreement=agreement,
        place_name=(event.place_name or "")[:300],
        country=(event.place_country or None),
        latitude=event.lat if has_point else None,
        longitude=event.lon if has_point else None,
        location_precision=LocationPrecision.EXACT if has_point else LocationPrecision.REGION,
        actors=actors,
        obligations=obligations,
        sources=[article.url or article.origin][:1],
        origin=Channel.NEWS.value,
    )


def article_report(session: Session, *, article: Article, actor: str) -> Report:
    """The article as a report of the news channel: its raw bytes as received (one report per
    article, found again by its SHA-256)."""
    existing = session.scalar(
        select(Report)
        .where(
            Report.channel == Channel.NEWS.value,
            Report.sha256 == hashlib.sha256(article.raw).hexdigest(),
        )
        .order_by(Report.id)
        .limit(1)
    )
    if existing is not None:
        return existing
    return incidents_service.store_report(
        session,
        channel=Channel.NEWS,
        content=article.raw,
        actor=actor,
        media_type=article.content_type,
        source=article.url or article.origin,
        title=article.title or "",
        received_at=article.received_at,
    )


def _agreement_known(session: Session, agreement_id: str | None, cache: dict[str, bool]) -> bool:
    if not agreement_id:
        return False
    if agreement_id not in cache:
        cache[agreement_id] = session.get(agreement_models.Agreement, agreement_id) is not None
    return cache[agreement_id]


def _incident_of_earlier(session: Session, row: CandidateEvent) -> Incident | None:
    """The incident of the earlier candidate this one reports again, while still in the queue
    or open (a merged or dismissed one is searched for again)."""
    if not row.same_as:
        return None
    earlier = session.get(CandidateEvent, row.same_as)
    if earlier is None or not earlier.incident_id:
        return None
    incident = session.get(Incident, int(earlier.incident_id))
    if incident is None or incident.status not in (
        IncidentStatus.CANDIDATE.value,
        IncidentStatus.OPEN.value,
    ):
        return None
    return incident


def propose_incidents(
    session: Session, *, article_id: str, rows: list[CandidateEvent], actor: str
) -> dict[str, int]:
    """Turn the candidate events of one article into candidate incidents or attach them to a
    matching stored incident; set each candidate's `incident_id`. Returns counts."""
    counts = {"proposed": 0, "attached": 0}
    article = session.get(Article, article_id)
    if article is None:
        return counts
    known: dict[str, bool] = {}
    seen: dict[tuple[object, ...], Incident] = {}
    report: Report | None = None
    for row in rows:
        data = incident_data(
            row, article=article, agreement_known=_agreement_known(session, row.agreement_id, known)
        )
        if data is None:
            continue
        # the same type, day and place again in this article, or an event the extraction already
        # matched to an earlier article's (same_as): that one's incident, without another search
        key = (data.type, data.occurred, data.place_name, data.latitude, data.longitude)
        known_incident = seen.get(key) or _incident_of_earlier(session, row)
        if known_incident is not None:
            similar = [known_incident]
        else:
            try:
                similar = duplicates_service.similar_to(session, data=data)
            except CeasefireError:
                continue  # e.g. a date the incident store cannot read: it stays proposed
        report = report or article_report(session, article=article, actor=actor)
        if similar:
            incident = similar[0]
            present = session.get(IncidentReport, (incident.id, report.id))
            if present is None:
                session.add(IncidentReport(incident_id=incident.id, report_id=report.id))
            row.status = CandidateStatus.attached
            counts["attached"] += 1
            name = "candidate-event-attached"
        else:
            incident = incidents_service.propose_incident(
                session, data=data, report=report, actor=actor
            )
            counts["proposed"] += 1
            name = "candidate-event-proposed-as-incident"
        seen[key] = incident
        row.incident_id = str(incident.id)
        emit(session, DomainEvent(
            name=name, actor=actor, object_type="candidate-event", object_id=row.id,
            payload={"incident_id": incident.id, "report_id": report.id, "type": row.event_type},
        ))  # fmt: skip
    session.flush()
    return counts
