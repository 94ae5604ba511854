"""The news channel's candidates: what the extraction found in an article, stored as candidate
events for the monitors' queue.

Extraction never writes a finding. A candidate that bears on an obligation of a loaded agreement
names it (`links`: a handover of a district is evidence for the obligation to hand it over),
pending verification by people.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Sequence

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from ceasefire.audit.events import DomainEvent, emit
from ceasefire.db import transaction, utcnow
from ceasefire.extraction import languages
from ceasefire.extraction.languages import DetectedLanguage
from ceasefire.extraction.pipeline import default_processes, extract_many, shared_nlp
from ceasefire.extraction.values import Event, Extraction
from ceasefire.incidents import matching
from ceasefire.incidents.matching import Footprint, is_close, related_type_ids, search_box
from ceasefire.ingest import links, relevance
from ceasefire.ingest.models import Article, CandidateEvent, CandidateStatus

EXTRACTOR = "ceasefire-extraction/1"
#: Fewer articles than this are extracted in this process: forking would cost more than it saves.
MIN_ITEMS_TO_FORK = 8


def facts(event: Event) -> links.EventFacts:
    """What linking reads of an extracted event."""
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
    scopes: list[relevance.AgreementScope] | None = None,
) -> list[CandidateEvent]:
    """One candidate event per extracted event, status `proposed`, scored for relevance to the
    loaded agreements (`scopes`) and linked to the obligation of the agreement it is about that
    it bears on (`targets`); both read from the store when not given. One about no agreement is
    stored all the same, marked so (`relevant` false): it does not reach the queue."""
    if targets is None:
        targets = links.obligation_targets(session)
    if scopes is None:
        scopes = relevance.agreement_scopes(session)
    rows: list[CandidateEvent] = []
    events = result.events
    repeats = session.scalar(select(Article.near_duplicate_of).where(Article.id == article_id))
    found = same_events(session, events=events, article_id=article_id, repeats=repeats)
    article_places = relevance.article_areas(
        [(p.place.name, p.place.lat, p.place.lon, p.place.kind) for p in result.places], scopes
    )
    for event, earlier in zip(events, found, strict=True):
        place, date = event.place, event.date
        event_facts = facts(event)
        found_link = links.link(event_facts, targets)
        about = relevance.score(
            event_facts,
            scopes,
            date=(date.value, date.precision) if date else (None, None),
            link=found_link,
            article=article_places,
        )
        if found_link is not None and found_link.agreement_id != about.agreement_id:
            found_link = None  # an obligation of an agreement the event is not about
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
            relevant=about.relevant,
            relevance=about.score,
            relevance_agreement_id=about.agreement_id,
            relevance_area_id=about.area_id,
            relevance_reasons=list(about.reasons),
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
                                 "obligation": r.obligation_id, "same_as": r.same_as,
                                 "relevant": r.relevant, "relevance": r.relevance}
                                for r in rows]},
        ))  # fmt: skip
    return rows


_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def date_span(value: str | None, precision: str | None) -> tuple[dt.datetime, dt.datetime] | None:
    """The instants [start, end) a resolved date stands for (a day, an ISO week or a month, in
    UTC as every candidate's date is read); None for a vaguer one (a year, a season, "now"),
    which says too little to tell one event from another."""
    if not value:
        return None
    try:
        if precision == "day":
            day = dt.date.fromisoformat(value)
            start = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
            return start, start + dt.timedelta(days=1)
        if precision == "week" and (week := _WEEK.match(value)):
            monday = dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
            start = dt.datetime(monday.year, monday.month, monday.day, tzinfo=dt.UTC)
            return start, start + dt.timedelta(days=7)
        if precision == "month" and (month := _MONTH.match(value)):
            year, number = int(month.group(1)), int(month.group(2))
            start = dt.datetime(year, number, 1, tzinfo=dt.UTC)
            following = dt.datetime(year + number // 12, number % 12 + 1, 1, tzinfo=dt.UTC)
            return start, following
    except ValueError:
        return None
    return None


def candidate_footprint(
    event_type: str,
    date: tuple[str | None, str | None],
    point: tuple[float | None, float | None],
    place_name: str | None,
) -> Footprint | None:
    """Where and when a candidate event lies, for the one rule of "the same event"
    (`incidents.matching.is_close`); None when its date says too little."""
    span = date_span(*date)
    if span is None:
        return None
    lat, lon = point
    bbox = (lon, lat, lon, lat) if lat is not None and lon is not None else None
    return Footprint(event_type, span[0], span[1], bbox, place_name or "")


def _event_footprint(event: Event) -> Footprint | None:
    date, place = event.date, event.place
    return candidate_footprint(
        event.type,
        (date.value, date.precision) if date else (None, None),
        (place.lat, place.lon) if place else (None, None),
        place.name if place else None,
    )


def same_events(
    session: Session, *, events: Sequence[Event], article_id: str, repeats: str | None = None
) -> list[str | None]:
    """For each event of an article, the first report of the same event by another article, or
    None: the earliest candidate of the same modality whose footprint is close to the event's
    (`incidents.matching.is_close`: related types, at most a day apart, within 10 km or, without
    a point, the same place name; the rule the incident store uses). In an article that
    near-duplicates another (`repeats`), also one of that article's candidates with the same
    type, modality and sentence, place and day or not (a copy of an article reports the same
    events, even those it gives no place for)."""
    found = _close_reports(session, events=events, article_id=article_id)
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


def _date_values(start: dt.datetime, end: dt.datetime) -> set[str]:
    """Every day, ISO week and month value a candidate close to [start, end) may carry."""
    values: set[str] = set()
    day = (start - dt.timedelta(hours=matching.DEFAULT_HOURS)).date()
    last = (end + dt.timedelta(hours=matching.DEFAULT_HOURS)).date()
    while day <= last:
        year, week, _ = day.isocalendar()
        values |= {day.isoformat(), f"{year:04d}-W{week:02d}", f"{day.year:04d}-{day.month:02d}"}
        day += dt.timedelta(days=1)
    return values


def _close_reports(
    session: Session, *, events: Sequence[Event], article_id: str
) -> list[str | None]:
    """For each event, the earliest candidate of another article, of the same modality, close to
    it, that is not itself a repeat; None when there is none. One query for the whole article
    (related types, the dates and the box around all of its events); `is_close` decides."""
    footprints = [_event_footprint(event) for event in events]
    known = [fp for fp in footprints if fp is not None]
    if not known:
        return [None] * len(events)
    dates = set().union(*(_date_values(fp.start, fp.end) for fp in known))
    conditions = [
        CandidateEvent.event_type.in_(
            sorted({t for fp in known for t in related_type_ids(fp.type)})
        ),
        CandidateEvent.modality.in_(sorted({e.modality for e in events})),
        CandidateEvent.date_value.in_(sorted(dates)),
        CandidateEvent.article_id != article_id,
        CandidateEvent.same_as.is_(None),
    ]
    boxes = [search_box(fp.bbox) for fp in known if fp.bbox is not None]
    if len(boxes) == len(known):  # every one has a point: only candidates near them
        conditions += [
            CandidateEvent.lon.between(min(b[0] for b in boxes), max(b[2] for b in boxes)),
            CandidateEvent.lat.between(min(b[1] for b in boxes), max(b[3] for b in boxes)),
        ]
    rows = session.execute(
        select(
            CandidateEvent.id, CandidateEvent.event_type, CandidateEvent.modality,
            CandidateEvent.date_value, CandidateEvent.date_precision, CandidateEvent.lat,
            CandidateEvent.lon, CandidateEvent.place_name,
        )
        .where(*conditions)
        .order_by(CandidateEvent.created_at, CandidateEvent.id)
    ).all()  # fmt: skip
    earlier = [
        (row.id, row.modality, fp)
        for row in rows
        if (fp := candidate_footprint(
            row.event_type, (row.date_value, row.date_precision), (row.lat, row.lon),
            row.place_name,
        )) is not None
    ]  # fmt: skip
    return [
        None
        if mine is None
        else next((i for i, modality, other in earlier
                   if modality == event.modality and is_close(mine, other)), None)
        for event, mine in zip(events, footprints, strict=True)
    ]  # fmt: skip


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
    """Read (article id, text, published) items, each by the reader of its stored language
    (`extraction.languages.READERS`), and store the events (handing each article's to
    `on_stored`, in the same transaction). English articles go through the model in batches, in
    `processes` (default: one per core, at most two) when there are enough to repay forking; an
    article of a language without a reader is marked "not read", and gives no candidate (counted
    in `totals["not_read"]`)."""
    with transaction(engine) as session:
        stored = {
            row.id: row
            for row in session.execute(
                select(Article.id, Article.language, Article.language_confidence).where(
                    Article.id.in_([i for i, _, _ in items])
                )
            )
        }
    found: list[DetectedLanguage] = []
    for article_id, text, _ in items:
        row = stored.get(article_id)
        if row is not None and row.language is not None:
            found.append(DetectedLanguage(row.language, row.language_confidence or 0.0))
        else:  # stored before languages were: detected now
            found.append(languages.detect(text))
    english = [(text, day) for (_, text, day), f in zip(items, found, strict=True)
               if f.code == "en"]  # fmt: skip
    workers = default_processes() if processes is None else processes
    size = max(1, -(-len(english) // (2 * workers)))  # two batches per worker: they even out
    results = extract_many(
        shared_nlp(),
        english,
        batch_size=min(size, 32),
        n_process=workers if len(english) >= MIN_ITEMS_TO_FORK else 1,
    )
    count = 0
    with transaction(engine) as session:
        targets = links.obligation_targets(session)
        scopes = relevance.agreement_scopes(session)
        # another run may have extracted some of them meanwhile: their events are stored once
        todo = set(
            session.scalars(
                select(Article.id).where(
                    Article.id.in_([i for i, _, _ in items]), Article.extracted_at.is_(None)
                )
            )
        )
        for (article_id, text, day), language in zip(items, found, strict=True):
            result = next(results) if language.code == "en" else None
            if article_id not in todo:
                continue
            reader = languages.READERS.get(language.code)
            if result is None and reader is None:
                mark_extracted(session, article_id=article_id, language=language)
                if totals is not None:
                    totals["not_read"] = totals.get("not_read", 0) + 1
                continue
            if result is None and reader is not None:
                result = reader(text, day)
            assert result is not None
            rows = store_candidates(
                session,
                article_id=article_id,
                result=result,
                actor=actor,
                targets=targets,
                scopes=scopes,
            )
            count += len(rows)
            mark_extracted(session, article_id=article_id, language=language)
            if on_stored is not None:
                for key, value in on_stored(session, article_id, rows).items():
                    if totals is not None:
                        totals[key] = totals.get(key, 0) + value
    return count


def mark_extracted(
    session: Session, *, article_id: str, language: DetectedLanguage | None = None
) -> None:
    """Say that the article's candidate events are stored (in their transaction: both or none),
    and whether it was read; an article stored before languages were gets its language now."""
    values: dict[str, object] = {"extracted_at": utcnow()}
    if language is not None:
        values["reading"] = languages.reading(language.code)
        session.execute(
            update(Article)
            .where(Article.id == article_id, Article.language.is_(None))
            .values(language=language.code, language_confidence=language.confidence)
        )
    session.execute(update(Article).where(Article.id == article_id).values(**values))


def pending(session: Session, *, limit: int) -> list[tuple[str, str, dt.date | None]]:
    """Up to `limit` articles still to extract (stored with --no-extract, or before a crash),
    oldest first, as `extract_and_store` takes them."""
    rows = session.execute(
        select(Article.id, Article.text, Article.published)
        .where(Article.extracted_at.is_(None))
        .order_by(Article.received_at, Article.id)
        .limit(limit)
    )
    return [(r.id, r.text, r.published.date() if r.published else None) for r in rows]


def candidates(
    session: Session, *, status: str | None = None, obligation: str | None = None
) -> list[CandidateEvent]:
    query = select(CandidateEvent).order_by(CandidateEvent.created_at, CandidateEvent.id)
    if status:
        query = query.where(CandidateEvent.status == status)
    if obligation:
        query = query.where(CandidateEvent.obligation_id == obligation)
    return list(session.scalars(query))
