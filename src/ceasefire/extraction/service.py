"""Storing what the extraction found: candidate events proposed for the monitors' queue.

Extraction never writes a finding. Candidates bearing on an obligation name it (a handover of
Aghdam is evidence for `return-aghdam`), pending verification by people.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ceasefire.db import transaction
from ceasefire.events import DomainEvent, emit
from ceasefire.extraction.models import CandidateEvent, CandidateStatus

EXTRACTOR = "ceasefire-extraction/1"
#: Fewer articles than this are extracted in this process: forking would cost more than it saves.
MIN_ITEMS_TO_FORK = 8


def store_candidates(
    session: Session, *, article_id: str, result: dict[str, Any], actor: str
) -> list[CandidateEvent]:
    """One candidate event per extracted event, status `proposed`."""
    rows: list[CandidateEvent] = []
    for event in result["events"]:
        place = event.get("place") or {}
        date = event.get("date") or {}
        earlier = same_event(session, event=event, article_id=article_id)
        row = CandidateEvent(
            same_as=earlier.id if earlier else None,
            id=uuid.uuid4().hex,
            article_id=article_id,
            event_type=event["type"],
            modality=event["modality"],
            actors=event["actors"],
            targets=event["targets"],
            place_name=place.get("name"),
            lat=place.get("lat"),
            lon=place.get("lon"),
            place_country=place.get("country") or None,
            geonameid=place.get("geonameid"),
            date_value=date.get("value"),
            date_precision=date.get("precision"),
            quantity=event.get("quantity"),
            sentence=event["sentence"],
            span_start=event["span"][0],
            span_end=event["span"][1],
            confidence=event["confidence"],
            agreement_id=event.get("agreement"),
            obligation_id=event.get("obligation"),
            status=CandidateStatus.proposed,
            extractor=EXTRACTOR,
        )
        session.add(row)
        rows.append(row)
    session.flush()
    for row in rows:
        emit(session, DomainEvent(
            name="candidate-event-proposed", actor=actor, object_type="candidate-event",
            object_id=row.id,
            payload={"article_id": article_id, "type": row.event_type, "modality": row.modality,
                     "obligation": row.obligation_id},
        ))  # fmt: skip
    return rows


SAME_PLACE_KM = 25.0


def same_event(
    session: Session, *, event: dict[str, Any], article_id: str
) -> CandidateEvent | None:
    """An earlier candidate from another article with the same type, modality, day and place
    (within 25 km): the same event reported again, kept as one more report of it."""
    from ceasefire.extraction.evalformats import haversine_km

    place = event.get("place") or {}
    date = event.get("date") or {}
    if not place or not date.get("value"):
        return None
    box = SAME_PLACE_KM / 111.0  # degrees of latitude; longitude allowed twice as wide
    query = (
        select(CandidateEvent)
        .where(
            CandidateEvent.event_type == event["type"],
            CandidateEvent.date_value == date["value"],
            CandidateEvent.modality == event["modality"],
            CandidateEvent.lat.between(place["lat"] - box, place["lat"] + box),
            CandidateEvent.lon.between(place["lon"] - 2 * box, place["lon"] + 2 * box),
            CandidateEvent.article_id != article_id,
            CandidateEvent.same_as.is_(None),
        )
        .order_by(CandidateEvent.created_at, CandidateEvent.id)
        .limit(5)
    )
    for candidate in session.scalars(query):
        if candidate.lat is None or candidate.lon is None:
            continue
        if haversine_km(candidate.lat, candidate.lon, place["lat"], place["lon"]) <= SAME_PLACE_KM:
            return candidate
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
    from ceasefire.extraction.pipeline import default_processes, extract_many, shared_nlp

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
        for (article_id, _, _), result in zip(items, results, strict=True):
            rows = store_candidates(session, article_id=article_id, result=result, actor=actor)
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
