"""The news channel's candidates: what the extraction found in an article, stored as candidate
events for the monitors' queue.

Extraction never writes a finding. A candidate that bears on an obligation of a loaded agreement
names it (`links`: a handover of a district is evidence for the obligation to hand it over),
pending verification by people.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ceasefire.audit.events import DomainEvent, emit
from ceasefire.db import transaction
from ceasefire.extraction.pipeline import default_processes, extract_many, shared_nlp
from ceasefire.extraction.values import Event, Extraction
from ceasefire.geo.distance import haversine_km
from ceasefire.ingest import links
from ceasefire.ingest.models import Article, CandidateEvent, CandidateStatus

EXTRACTOR = "ceasefire-extraction/1"
#: Fewer articles than this are extracted in this process: forking would cost more than it saves.
MIN_ITEMS_TO_FORK = 8


def _facts(event: Event) -> links.EventFacts:
    place = event.place
    return links.EventFacts(
        type=event.type,
        sentence=event.sentence,
        place_name=place.name if place else None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        place_kind=place.kind if place else None,
        countries=frozenset(a.country for a in [*event.actors, *event.targets] if a.country),
    )


def store_candidates(
    session: Session,
    *,
    article_id: str,
    result: Extraction,
    actor: str,
    targets: list[links.ObligationTarget] | None = None,
) -> list[CandidateEvent]:
    """One candidate event per extracted event, status `proposed`, linked to the obligation of a
    loaded agreement it bears on (`targets`: read from the store when not given)."""
    if targets is None:
        targets = links.obligation_targets(session)
    rows: list[CandidateEvent] = []
    events = result.events
    repeats = session.scalar(select(Article.near_duplicate_of).where(Article.id == article_id))
    found = same_events(session, events=events, article_id=article_id, repeats=repeats)
    for event, earlier in zip(events, found, strict=True):
        place, date = event.place, event.date
        found_link = links.link(_facts(event), targets)
        row = CandidateEvent(
            same_as=earlier,
            id=uuid.uuid4().hex,
            article_id=article_id,
            event_type=event.type,
            modality=event.modality,
            actors=[a.as_json() for a in event.actors],
            targets=[a.as_json() for a in event.targets],
            place_name=place.name if place else None,
            lat=place.lat if place else None,
            lon=place.lon if place else None,
            place_country=(place.country or None) if place else None,
            geonameid=place.geonameid if place else None,
            date_value=date.value if date else None,
            date_precision=date.precision if date else None,
            quantity=event.quantity.as_json() if event.quantity else None,
            sentence=event.sentence,
            span_start=event.span[0],
            span_end=event.span[1],
            confidence=event.confidence,
            agreement_id=found_link.agreement_id if found_link else None,
            obligation_id=found_link.obligation_id if found_link else None,
            status=CandidateStatus.PROPOSED,
            extractor=EXTRACTOR,
        )
        session.add(row)
        rows.append(row)
    session.flush()
    if rows:  # one entry of the record for the article, naming every candidate it gave
        emit(session, DomainEvent(
            name="candidate-events-proposed", actor=actor, object_type="article",
            object_id=article_id,
            payload={"events": [{"id": r.id, "type": r.event_type, "modality": r.modality,
                                 "obligation": r.obligation_id, "same_as": r.same_as}
                                for r in rows]},
        ))  # fmt: skip
    return rows


SAME_PLACE_KM = 25.0


def _where_and_when(event: Event) -> tuple[str, float, float] | None:
    if event.date is None or not event.date.value or event.place is None:
        return None
    return event.date.value, event.place.lat, event.place.lon


def same_events(
    session: Session, *, events: Sequence[Event], article_id: str, repeats: str | None = None
) -> list[str | None]:
    """For each event of an article, the first report of the same event by another article, or
    None: the earliest candidate with the same type, modality, day and place (within 25 km); in
    an article that near-duplicates another (`repeats`), also one of that article's candidates
    with the same type, modality and sentence, place and day or not (a copy of an article
    reports the same events, even those it gives no place for)."""
    found = _same_place_and_day(session, events=events, article_id=article_id)
    if repeats and repeats != article_id and None in found:
        same_words: dict[tuple[str, str, str], str] = {}
        for row in session.execute(
            select(
                CandidateEvent.id, CandidateEvent.same_as, CandidateEvent.event_type,
                CandidateEvent.modality, CandidateEvent.sentence,
            )
            .where(CandidateEvent.article_id == repeats)
            .order_by(CandidateEvent.span_start, CandidateEvent.id)
        ):  # fmt: skip
            key = (row.event_type, row.modality, _words(row.sentence))
            same_words.setdefault(key, row.same_as or row.id)
        found = [
            first or same_words.get((e.type, e.modality, _words(e.sentence)))
            for first, e in zip(found, events, strict=True)
        ]
    return found


def _words(sentence: str) -> str:
    return " ".join(sentence.split()).lower()


def _same_place_and_day(
    session: Session, *, events: Sequence[Event], article_id: str
) -> list[str | None]:
    """For each event, the earliest candidate from another article with the same type, modality,
    day and place (within 25 km), or None. One query for the whole article."""
    keys = [_where_and_when(event) for event in events]
    wanted = {(e.type, k[0]) for e, k in zip(events, keys, strict=True) if k is not None}
    if not wanted:
        return [None] * len(events)
    box = SAME_PLACE_KM / 111.0  # degrees of latitude; longitude allowed twice as wide
    lats = [k[1] for k in keys if k is not None]
    lons = [k[2] for k in keys if k is not None]
    found = session.execute(
        select(
            CandidateEvent.id, CandidateEvent.event_type, CandidateEvent.modality,
            CandidateEvent.date_value, CandidateEvent.lat, CandidateEvent.lon,
        )
        .where(
            CandidateEvent.event_type.in_(sorted({t for t, _ in wanted})),
            CandidateEvent.date_value.in_(sorted({d for _, d in wanted})),
            CandidateEvent.article_id != article_id,
            CandidateEvent.same_as.is_(None),
            CandidateEvent.lat.between(min(lats) - box, max(lats) + box),
            CandidateEvent.lon.between(min(lons) - 2 * box, max(lons) + 2 * box),
        )
        .order_by(CandidateEvent.created_at, CandidateEvent.id)
    ).all()  # fmt: skip
    earlier: dict[tuple[str, str, str], list[tuple[str, float, float]]] = {}
    for row in found:
        earlier.setdefault((row.event_type, row.modality, row.date_value), []).append(
            (row.id, row.lat, row.lon)
        )
    return [
        None
        if key is None
        else _first_within(earlier.get((event.type, event.modality, key[0]), []), key)
        for event, key in zip(events, keys, strict=True)
    ]


def _first_within(
    candidates: list[tuple[str, float, float]], key: tuple[str, float, float]
) -> str | None:
    for candidate_id, lat, lon in candidates:
        if haversine_km(lat, lon, key[1], key[2]) <= SAME_PLACE_KM:
            return candidate_id
    return None


#: Called with the session, the article id and its stored candidates (ingest turns them into
#: incidents); returns counts to add up.
OnStored = Callable[[Session, str, list[CandidateEvent]], dict[str, int]]


def extract_and_store(
    engine: Engine,
    *,
    items: list[tuple[str, str, dt.date | None]],
    actor: str,
    on_stored: OnStored | None = None,
    totals: dict[str, int] | None = None,
    processes: int | None = None,
) -> int:
    """Run the pipeline over (article id, text, published) items in one batch; store the events
    (and hand each article's to `on_stored`, in the same transaction). `processes` (default: one
    per core, at most two) share the batch when it is big enough to repay forking."""
    workers = default_processes() if processes is None else processes
    size = max(1, -(-len(items) // (2 * workers)))  # two batches per worker: they even out
    results = extract_many(
        shared_nlp(),
        ((text, day) for _, text, day in items),
        batch_size=min(size, 32),
        n_process=workers if len(items) >= MIN_ITEMS_TO_FORK else 1,
    )
    count = 0
    with transaction(engine) as session:
        targets = links.obligation_targets(session)
        for (article_id, _, _), result in zip(items, results, strict=True):
            rows = store_candidates(
                session, article_id=article_id, result=result, actor=actor, targets=targets
            )
            count += len(rows)
            if on_stored is not None:
                for key, value in on_stored(session, article_id, rows).items():
                    if totals is not None:
                        totals[key] = totals.get(key, 0) + value
    return count


def candidates(
    session: Session, *, status: str | None = None, obligation: str | None = None
) -> list[CandidateEvent]:
    query = select(CandidateEvent).order_by(CandidateEvent.created_at, CandidateEvent.id)
    if status:
        query = query.where(CandidateEvent.status == status)
    if obligation:
        query = query.where(CandidateEvent.obligation_id == obligation)
    return list(session.scalars(query))
