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
from ceasefire.agreements.specs import Effect
from ceasefire.audit.events import DomainEvent, emit
from ceasefire.errors import CeasefireError, ConflictError, NotFoundError
from ceasefire.incidents import duplicates as duplicates_service
from ceasefire.incidents import matching
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents.matching import Footprint
from ceasefire.incidents.models import Incident, IncidentReport, IncidentStatus, Report
from ceasefire.incidents.schemas import (
    Actor,
    Channel,
    IncidentCreate,
    LocationPrecision,
    ObligationLink,
)
from ceasefire.ingest import links
from ceasefire.ingest.models import Article, CandidateEvent, CandidateStatus
from ceasefire.taxonomy.incident_types import TAXONOMY
from ceasefire.taxonomy.obligations import actions_for, bearing

#: Modalities that make an event worth a monitor's look (not denied, planned or an obligation).
PROPOSED_MODALITIES = frozenset({"happened", "alleged"})


def effect_on_obligation(
    event_type: str, *, action: str | None = None, standing: bool = False
) -> str:
    """How an event of this type bears on the obligation it names (`taxonomy.obligations`):
    fighting breaches it; a handover, withdrawal, deployment or exchange fulfils a one-off
    obligation and supports (complies with) a standing one, pending verification. Without the
    obligation's action, the bearing the type has on any action."""
    actions = (action,) if action else actions_for(event_type)
    found = next((b for a in actions if (b := bearing(a, event_type)) is not None), None)
    if found is None:
        return Effect.FULFILS.value
    return links.effect_of(found, standing=standing).value


def incident_data(
    event: CandidateEvent, *, article: Article, agreement_known: bool, effect: str | None = None
) -> IncidentCreate | None:
    """The candidate incident an extracted event proposes, or None when it proposes none (about
    no loaded agreement, wrong modality, a type outside the incident taxonomy, or no day it
    happened)."""
    if event.relevant is False:
        return None
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
                obligation=event.obligation_id,
                effect=effect or effect_on_obligation(event.event_type),
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


def _obligation_effect(
    session: Session, event: CandidateEvent, cache: dict[tuple[str, str], tuple[str, bool] | None]
) -> str | None:
    """The effect of the event on the obligation it is linked to, from that obligation's action
    and whether it is standing (None: not linked, or the obligation is gone)."""
    if not event.agreement_id or not event.obligation_id:
        return None
    key = (event.agreement_id, event.obligation_id)
    if key not in cache:
        row = session.get(agreement_models.Obligation, key)
        cache[key] = (row.action, row.standing) if row is not None else None
    found = cache[key]
    if found is None:
        return None
    return effect_on_obligation(event.event_type, action=found[0], standing=found[1])


def _agreement_known(session: Session, agreement_id: str | None, cache: dict[str, bool]) -> bool:
    if not agreement_id:
        return False
    if agreement_id not in cache:
        cache[agreement_id] = session.get(agreement_models.Agreement, agreement_id) is not None
    return cache[agreement_id]


#: The type, day and place of an event as its incident would have them: the footprint of each
#: distinct one is computed once per article (whether two are the same event is `is_close`'s).
_Key = tuple[object, ...]


def _incidents_of_earlier(session: Session, rows: list[CandidateEvent]) -> dict[str, int]:
    """For candidates that report an earlier one again (`same_as`), that one's incident while it
    is still in the queue or open (a merged or dismissed one is searched for again)."""
    earlier_ids = sorted({row.same_as for row in rows if row.same_as})
    if not earlier_ids:
        return {}
    incident_of = {
        candidate_id: int(str(incident_id))
        for candidate_id, incident_id in session.execute(
            select(CandidateEvent.id, CandidateEvent.incident_id).where(
                CandidateEvent.id.in_(earlier_ids), CandidateEvent.incident_id.is_not(None)
            )
        )
    }
    active = set(
        session.scalars(
            select(Incident.id).where(
                Incident.id.in_(sorted(set(incident_of.values()))),
                Incident.status.in_([IncidentStatus.CANDIDATE.value, IncidentStatus.OPEN.value]),
            )
        )
    )
    return {c: i for c, i in incident_of.items() if i in active}


def _footprint(session: Session, data: IncidentCreate) -> Footprint | None:
    """Where and when the incident `data` proposes would lie; None when the store cannot read
    it (e.g. a date it refuses): the event then stays proposed, without an incident."""
    try:
        return duplicates_service.footprint_of(session, data=data)
    except CeasefireError:
        return None


def propose_incidents(
    session: Session, *, article_id: str, rows: list[CandidateEvent], actor: str
) -> dict[str, int]:
    """Turn the candidate events of one article into candidate incidents or attach them to a
    matching stored incident; set each candidate's `incident_id`. Returns counts.

    The look-ups are made for the whole article at once: one query for the incidents of events
    reported before, one for the stored incidents close to any of its events."""
    counts = {"proposed": 0, "attached": 0}
    article = session.get(Article, article_id)
    if article is None:
        return counts
    known: dict[str, bool] = {}
    obligations: dict[tuple[str, str], tuple[str, bool] | None] = {}
    wanted: list[tuple[CandidateEvent, IncidentCreate, _Key]] = []
    for row in rows:
        data = incident_data(
            row,
            article=article,
            agreement_known=_agreement_known(session, row.agreement_id, known),
            effect=_obligation_effect(session, row, obligations),
        )
        if data is not None:
            key: _Key = (data.type, data.occurred, data.place_name, data.latitude, data.longitude)
            wanted.append((row, data, key))
    if not wanted:
        return counts
    of_earlier = _incidents_of_earlier(session, [row for row, _, _ in wanted])
    # one footprint for each distinct type, day and place the article reports
    footprints: dict[_Key, Footprint | None] = {}
    for row, data, key in wanted:
        if key not in footprints and row.same_as not in of_earlier:
            footprints[key] = _footprint(session, data)
    searchable = [(k, fp) for k, fp in footprints.items() if fp is not None]
    stored = dict(
        zip(
            [k for k, _ in searchable],
            duplicates_service.similar_ids_many(session, footprints=[fp for _, fp in searchable]),
            strict=True,
        )
    )
    created: list[tuple[Footprint, int]] = []  # proposed from this article, in order
    report: Report | None = None
    linked: set[int] = set()  # incidents the article's report already backs
    outcome: dict[str, list[dict[str, object]]] = {"proposed": [], "attached": []}
    for row, data, key in wanted:
        incident_id = of_earlier.get(row.same_as or "")
        fp = footprints.get(key)
        if incident_id is None and fp is None:
            continue  # the store cannot read its date: it stays proposed
        if report is None:
            report = article_report(session, article=article, actor=actor)
            linked = set(
                session.scalars(
                    select(IncidentReport.incident_id).where(IncidentReport.report_id == report.id)
                )
            )
        proposed = False
        if incident_id is None and fp is not None:
            matches = stored.get(key) or [i for other, i in created if matching.is_close(fp, other)]
            if matches:
                incident_id = matches[0]
            else:
                incident_id = incidents_service.propose_incident(
                    session, data=data, report=report, actor=actor
                ).id
                created.append((fp, incident_id))
                linked.add(incident_id)
                proposed = True
        assert incident_id is not None
        if proposed:
            counts["proposed"] += 1
        else:
            if incident_id not in linked:
                session.add(IncidentReport(incident_id=incident_id, report_id=report.id))
                linked.add(incident_id)
            row.status = CandidateStatus.ATTACHED
            counts["attached"] += 1
        row.incident_id = str(incident_id)
        outcome["proposed" if proposed else "attached"].append(
            {"candidate": row.id, "incident": incident_id, "type": row.event_type}
        )
    if report is not None:  # one entry of the record for the article
        emit(session, DomainEvent(
            name="candidate-events-to-incidents", actor=actor, object_type="article",
            object_id=article_id, payload={"report_id": report.id, **outcome},
        ))  # fmt: skip
    session.flush()
    return counts


def promote_candidate(session: Session, *, candidate_id: str, actor: str) -> dict[str, int]:
    """A monitor's word that a candidate event stored as about no agreement is worth the queue:
    it is marked relevant (the reason says who promoted it, the score is kept) and proposed like
    any other (`propose_incidents`), in the same transaction as its entry of the record."""
    row = session.get(CandidateEvent, candidate_id)
    if row is None:
        raise NotFoundError(f"candidate event {candidate_id}: not found")
    if row.relevant:
        raise ConflictError(f"candidate event {candidate_id}: already in the queue's reach")
    row.relevant = True
    row.relevance_reasons = [*(row.relevance_reasons or []), f"promoted by {actor}"]
    emit(session, DomainEvent(
        name="candidate-event-promoted", actor=actor, object_type="candidate_event",
        object_id=candidate_id, payload={"article_id": row.article_id},
    ))  # fmt: skip
    session.flush()
    return propose_incidents(session, article_id=row.article_id, rows=[row], actor=actor)
