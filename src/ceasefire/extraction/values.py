"""What the extraction finds, as typed values: places, actors, dates, quantities, events, quotes,
boilerplate, and the result for one article.

Immutable (they cross process boundaries in `extract_many`, so they pickle) and each with one
`as_json()`, the documented shape of `ceasefire extract --format json` and `POST /api/v1/extract`
(docs/extraction.md). Countries are ISO 3166-1 alpha-3, as everywhere in the house.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import JsonValue

#: A span: (start, end) character offsets into the text as received.
Span = tuple[int, int]
#: What `as_json()` gives: a JSON object.
JsonObject = dict[str, JsonValue]


def _span(span: Span) -> list[JsonValue]:
    return [span[0], span[1]]


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """A date expression resolved against the publication date, TimeML-style (`2020-11-10`,
    `2020-11-10TNI` for a night, `2020-W46`, `2020-11`, `2020`, or a reference such as
    `PRESENT_REF`)."""

    value: str
    precision: str  # day | night | week | month | quarter | season | year | decade | reference

    def as_json(self) -> JsonObject:
        return {"value": self.value, "precision": self.precision}


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression in the text, resolved when the publication date is known."""

    text: str
    span: Span
    date: ResolvedDate | None


@dataclass(frozen=True, slots=True)
class ExtractedPlace:
    """Where a name in the text was placed in the gazetteer."""

    name: str
    lat: float
    lon: float
    country: str  # ISO 3166-1 alpha-3; "" for a place of several countries (a region, a sea)
    geonameid: int | None  # None for our own supplement's places
    kind: str  # country, state, admin1, admin2, city, village, region, sea, landmark, ...

    def as_json(self) -> JsonObject:
        return {
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "geonameid": self.geonameid,
            "kind": self.kind,
        }


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """One mention of a place: the words as written, where, and the place they name."""

    text: str
    span: Span
    place: ExtractedPlace


@dataclass(frozen=True, slots=True)
class ArticlePlace:
    """A place of the article with every span that names it."""

    place: ExtractedPlace
    mentions: tuple[Span, ...]

    def as_json(self) -> JsonObject:
        return {**self.place.as_json(), "mentions": [_span(s) for s in self.mentions]}


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts or is acted on: a person, a group with a role, a country."""

    text: str
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    sector: str | None  # GOV, MIL, REB, CVL, IGO, MED, NGO, PTY, POL, JUD (extraction/actors.py)

    def as_json(self) -> JsonObject:
        return {"text": self.text, "name": self.name, "country": self.country,
                "sector": self.sector}  # fmt: skip


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor where the text names it; `bare` when it is a country's name or adjective alone
    (whose role the event decides: a country that deploys acts through its forces)."""

    actor: Actor
    span: Span
    bare: bool = False


@dataclass(frozen=True, slots=True)
class Quantity:
    """The first count of people or things in a sentence ("2,000 peacekeepers")."""

    value: int | None
    unit: str
    text: str
    approximate: bool  # a word ("dozens", "hundreds"), not a figure

    def as_json(self) -> JsonObject:
        return {"value": self.value, "unit": self.unit, "text": self.text,
                "approximate": self.approximate}  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One event of the taxonomy in one sentence, with its evidence: a proposal, never a finding.
    Which obligation of which agreement it bears on is the news channel's to say (`ingest.links`):
    the extraction knows no agreement."""

    type: str
    modality: str  # happened, planned, obligation, denied, alleged
    sentence: str
    span: Span  # of the sentence
    trigger: str
    confidence: float
    actors: tuple[Actor, ...] = ()
    targets: tuple[Actor, ...] = ()
    place: ExtractedPlace | None = None
    date: ResolvedDate | None = None
    quantity: Quantity | None = None
    #: How well each field was read, 0-1, where a reader knows it is unsure ("place" found only
    #: by transliteration, a "date" with no year written): said, not guessed. Empty when the
    #: reader gives none (the English pipeline); a field not named is read as the reader reads.
    field_confidence: tuple[tuple[str, float], ...] = ()

    def as_json(self) -> JsonObject:
        return {
            "type": self.type,
            "modality": self.modality,
            "actors": [a.as_json() for a in self.actors],
            "targets": [a.as_json() for a in self.targets],
            "place": self.place.as_json() if self.place else None,
            "date": self.date.as_json() if self.date else None,
            "quantity": self.quantity.as_json() if self.quantity else None,
            "sentence": self.sentence,
            "span": _span(self.span),
            "trigger": self.trigger,
            "confidence": self.confidence,
            "field_confidence": dict(self.field_confidence),
        }


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote (marks excluded) and who said it, when the text says."""

    speaker: str | None
    text: str
    span: Span

    def as_json(self) -> JsonObject:
        return {"speaker": self.speaker, "text": self.text, "span": _span(self.span)}


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """A line left out of the extraction, and why (read-time, share, caption, repeated-title)."""

    span: Span
    reason: str

    def as_json(self) -> JsonObject:
        return {"span": _span(self.span), "reason": self.reason}


@dataclass(frozen=True, slots=True, kw_only=True)
class Extraction:
    """What the extraction found in one article."""

    title: str | None
    published: dt.date | None  # the date relative dates were resolved against
    published_found: bool  # read in the article's own text, not given
    places: tuple[ArticlePlace, ...] = ()
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    boilerplate: tuple[Boilerplate, ...] = ()
    language: str = "en"  # ISO 639-1, or "und" (extraction/languages.py)
    language_confidence: float = 1.0
    reading: str = "read"  # or "not read: no reader for hy", "not read: language undetermined"

    def as_json(self) -> JsonObject:
        return {
            "language": self.language,
            "language_confidence": self.language_confidence,
            "reading": self.reading,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "published_found": self.published_found,
            "places": [p.as_json() for p in self.places],
            "actors": [a.as_json() for a in self.actors],
            "events": [e.as_json() for e in self.events],
            "quotes": [q.as_json() for q in self.quotes],
            "boilerplate": [b.as_json() for b in self.boilerplate],
        }


def with_sector(mention: ActorMention, sector: str) -> ActorMention:
    """The same mention, its actor in another sector."""
    return dataclasses.replace(mention, actor=dataclasses.replace(mention.actor, sector=sector))


def places_once(mentions: Iterable[tuple[ExtractedPlace, Span]]) -> tuple[ArticlePlace, ...]:
    """Each place of an article once, with all its mentions, in the order first mentioned."""
    places: dict[tuple[str, float, float], tuple[ExtractedPlace, list[Span]]] = {}
    for place, span in mentions:
        places.setdefault((place.name, place.lat, place.lon), (place, []))[1].append(span)
    return tuple(ArticlePlace(place, tuple(spans)) for place, spans in places.values())


def actors_once(actors: Iterable[Actor]) -> tuple[Actor, ...]:
    """Each actor of an article once (by name, country and sector), in the order first named."""
    unique: dict[tuple[str, str | None, str | None], Actor] = {}
    for actor in actors:
        unique.setdefault((actor.name, actor.country, actor.sector), actor)
    return tuple(unique.values())
