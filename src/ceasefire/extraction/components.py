"""Our spaCy pipeline components, registered under versioned names.

Each component reads what the model and the earlier components left on the Doc and sets one
extension attribute to typed values (`values.py`); the logic itself lives in the pure modules
beside this one.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from ceasefire.extraction import cleaning, dates, quotes
from ceasefire.extraction.actors import TITLES, sector_of
from ceasefire.extraction.values import (
    Actor,
    ActorMention,
    Boilerplate,
    DateMention,
    ExtractedPlace,
    PlaceMention,
    Quote,
)
from ceasefire.geo.distance import BEARINGS, offset
from ceasefire.geo.gazetteer import Gazetteer, Place
from ceasefire.geo.gazetteer import load as load_gazetteer
from ceasefire.geo.names import normalise
from ceasefire.geo.resolver import resolve_names

for _name, _default in (
    ("published", None),
    ("published_found", False),
    ("title", None),
    ("boilerplate", None),
    ("places", None),
    ("actors", None),
    ("dates", None),
    ("quotes", None),
    ("events", None),
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)

PLACE_LABELS = {"GPE", "LOC", "FAC"}
ORG_PLACE_KINDS = {
    "region",
    "corridor",
    "country",
    "state",
    "admin1",
    "continent",
    "sea",
    "landmark",
}
#: A name before a word of an area ("the Zolote disengagement area", "in Martuni district").
_NAMED_AREA = re.compile(
    r"\b(?:the|in|near|of|inside)\s+(?P<name>[A-Z][\w-]+(?: [A-Z][\w-]+)?)\s+(?:\([^)]{2,30}\)\s+)?"
    r"(?:disengagement area|district|region|oblast|province|raion|rayon|governorate|area)\b"
)
#: Labels the small model gives town names it does not know (read as places after `LOCATIVE`).
MISLABELLED = {"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT"}
#: Words after which a capitalised name is where something is.
LOCATIVE = {"in", "near", "at", "from", "towards", "toward", "outside", "around", "of", "to"}
PERSON_PLACE_KINDS = {"region", "corridor", "state", "admin1", "sea"}


def doc_text(doc: Doc) -> str:
    """The doc's text, built once (`Doc.text` joins every token again on each call)."""
    text = doc.user_data.get("ceasefire_text")
    if text is None:
        text = doc.text
        doc.user_data["ceasefire_text"] = text
    return str(text)


def sentence_of(doc: Doc, token_index: int) -> tuple[int, int, int, int]:
    """(first token, end token, start char, end char) of the sentence holding a token.

    `Span.sent` scans the doc on every call; the boundaries are computed once per doc here.
    """
    bounds = doc.user_data.get("ceasefire_sentences")
    if bounds is None:
        bounds = [(s.start, s.end, s.start_char, s.end_char) for s in doc.sents]
        doc.user_data["ceasefire_sentences"] = bounds
    starts = [b[0] for b in bounds]
    found: tuple[int, int, int, int] = bounds[max(0, bisect.bisect_right(starts, token_index) - 1)]
    return found


def in_ranges(start: int, end: int, ranges: Sequence[Boilerplate] | None) -> bool:
    """Whether the characters start..end overlap a boilerplate line."""
    return any(start < b.span[1] and b.span[0] < end for b in ranges or ())


# ---------------------------------------------------------------- cleaning
@Language.component("ceasefire_cleaning_v1")
def cleaning_component(doc: Doc) -> Doc:
    """Marks boilerplate lines (doc._.boilerplate) and starts a sentence at every line (place it
    after the sentence recogniser, which would otherwise undo that)."""
    title = cleaning.title_of(doc_text(doc))
    doc._.title = title
    doc._.boilerplate = [
        Boilerplate((start, end), reason)
        for start, end, reason in cleaning.boilerplate_ranges(doc_text(doc), title=title)
    ]
    previous_newline = True
    for token in doc:
        if token.is_space and "\n" in token.text:
            previous_newline = True
            continue
        if token.i > 0 and previous_newline:
            token.is_sent_start = True  # a line is never the middle of a sentence
        previous_newline = "\n" in token.whitespace_
    return doc


# ---------------------------------------------------------------- places
def place_patterns(names: Iterable[str]) -> list[dict[str, str]]:
    """Entity-ruler patterns that label each of `names` a place (GPE) whatever the model says:
    the gazetteer's places the model tends to mislabel (`geo.gazetteer.ruler_names`)."""
    return [{"label": "GPE", "pattern": name} for name in names]


@Language.factory(
    "ceasefire_places_v1",
    assigns=["doc._.places"],
    default_config={"min_population": 500},
)
def make_places(nlp: Language, name: str, *, min_population: int) -> PlacesComponent:
    return PlacesComponent(min_population=min_population)


class PlacesComponent:
    """Places named in the text, resolved in the offline gazetteer by the article's context."""

    def __init__(self, *, min_population: int = 500) -> None:
        self.min_population = min_population
        self._gazetteer: Gazetteer | None = None

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer(self.min_population)
        return self._gazetteer

    def mentions(self, doc: Doc) -> list[Span]:
        spans = []
        for ent in doc.ents:
            if in_ranges(ent.start_char, ent.end_char, doc._.boilerplate):
                continue
            if (
                ent.label_ in PLACE_LABELS
                or self.is_place_name(ent.label_, ent.text)
                or self.is_located_town(doc, ent)
            ):
                spans.append(ent)  # a region the model took for an organisation is a place
        text = doc_text(doc)
        for m in _NAMED_AREA.finditer(text):  # "the Zolote disengagement area", the model saw none
            start, end = m.span("name")
            if any(sp.start_char < end and start < sp.end_char for sp in spans):
                continue
            if in_ranges(start, end, doc._.boilerplate):
                continue
            span = doc.char_span(start, end)
            if span is not None and any(
                primary and place.kind in {"city", "village", "district", "admin1", "admin2"}
                for place, primary in self.gazetteer.candidates(span.text)
            ):
                spans.append(span)
        return sorted(spans, key=lambda sp: sp.start_char)

    def is_located_town(self, doc: Doc, ent: Span) -> bool:
        """Whether a name the model gave another label is a town all the same: it follows a
        word of place ("near Avdiivka", "in the village of Mataghis", "Sotk and Vardenis")
        and the gazetteer has a town or village of exactly that name."""
        if ent.label_ not in MISLABELLED or ent.start == 0 or not ent.text[:1].isupper():
            return False
        before = doc[ent.start - 1].lower_
        if before not in LOCATIVE and not (
            before in {"and", ","}
            and ent.start >= 2
            and doc[ent.start - 2].ent_type_ in PLACE_LABELS
        ):
            return False
        return any(
            place.kind in {"city", "village", "district"}
            and (primary or place.population >= 5_000)  # "Avdiivka" for Avdiyivka
            for place, primary in self.gazetteer.candidates(ent.text)
        )

    def is_place_name(self, label: str, text: str) -> bool:
        """Whether a name the model labelled ORG or PERSON is a place: a country, region or
        province named exactly ("Canada said ..." is Canada acting, and still Canada), or for an
        ORG a large town's own name."""
        kinds = PERSON_PLACE_KINDS if label == "PERSON" else ORG_PLACE_KINDS
        if label not in {"ORG", "PERSON"}:
            return False
        for place, primary in self.gazetteer.candidates(text):
            if place.kind in kinds:
                return True
            if label == "ORG" and primary and place.kind == "city" and place.population >= 100_000:
                return True
        return False

    def __call__(self, doc: Doc) -> Doc:
        spans = self.mentions(doc)
        context = Counter(
            p.country
            for ent in doc.ents
            if ent.label_ == "NORP"
            for p in self.gazetteer.lookup(ent.text)[:1]
            if p.kind == "country"
        )
        resolved = resolve_names(self.gazetteer, [s.text for s in spans], context_countries=context)
        places: list[PlaceMention] = []
        text = doc_text(doc)
        for span, res in zip(spans, resolved, strict=True):
            if res.place is None or res.fallback or normalise(span.text) in BEARINGS:
                continue  # a compass word ("to the north-east") is never a place
            where = extracted(res.place)
            bearing = _OFFSET.search(text[max(0, span.start_char - 40) : span.start_char])
            if bearing:
                if _NAMED_BEFORE.search(text[max(0, span.start_char - 80) : span.start_char]):
                    continue  # "Shyrokyne (100 km south of Donetsk)": the town is the place
                where = offset_place(where, float(bearing.group("km")), bearing.group("dir"))
            places.append(PlaceMention(span.text, (span.start_char, span.end_char), where))
        doc._.places = places
        return doc


#: "2 km west of", "about 100km to the south-east of": an offset from the place that follows.
_OFFSET = re.compile(
    r"\b(?P<km>\d+(?:\.\d+)?)\s?(?:km|kilometres|kilometers)\s+(?:to the\s+)?"
    r"(?P<dir>north-east|north-west|south-east|south-west|northeast|northwest|southeast|"
    r"southwest|north|south|east|west)\s+of\s+(?:the\s+)?(?:town\s+of\s+|city\s+of\s+)?$",
    re.I,
)
#: The offset given in a parenthesis after a named place: it locates that place, not a new one.
_NAMED_BEFORE = re.compile(r"[A-Z][\w-]+\s*\((?:about |some |around )?[^()]*$")


def offset_place(place: ExtractedPlace, km: float, direction: str) -> ExtractedPlace:
    """The place `km` from `place` towards `direction`: named so ("2 km west of Tarnova"), of
    kind `offset`, with no GeoNames id of its own."""
    lat, lon = offset(place.lat, place.lon, km, BEARINGS[direction.lower()])
    return ExtractedPlace(
        name=f"{km:g} km {direction.lower()} of {place.name}", lat=round(lat, 5), lon=round(lon, 5),
        country=place.country, geonameid=None, kind="offset",
    )  # fmt: skip


def extracted(place: Place) -> ExtractedPlace:
    """A gazetteer entry as the extraction gives it (coordinates to about a metre)."""
    return ExtractedPlace(
        name=place.name,
        lat=round(place.lat, 5),
        lon=round(place.lon, 5),
        country=place.country,
        geonameid=place.geonameid if place.geonameid > 0 else None,
        kind=place.kind,
    )


# ---------------------------------------------------------------- actors
PREPOSITIONS = {
    "in", "to", "from", "at", "near", "into", "across", "of", "within", "over", "through",
    "towards", "toward", "outside", "inside", "around", "between", "along", "via", "throughout",
}  # fmt: skip
_VERBISH = re.compile(r"^(?:[a-z]+(?:ed|s)|began|begun|sent|sends|made|took|will|has|have|had|"
                      r"says|said|is|are|was|were|must|can|could|would|should|may)$")  # fmt: skip


def _acts(doc: Doc, ent: Span) -> bool:
    """A nationality word used as the subject ("Russian began deploying ..."): it opens its
    sentence (or follows "the") and a verb-like word follows it."""
    sent_start = sentence_of(doc, ent.start)[0]
    first = ent.start == sent_start or (
        ent.start - 1 >= sent_start and doc[ent.start - 1].lower_ == "the"
    )
    nxt = doc[ent.end] if ent.end < len(doc) else None
    return bool(first and nxt is not None and _VERBISH.match(nxt.text))


_ROLE_AFTER = re.compile(
    r"^(?:'s|’s)?(?:\s+and\s+[A-Z][\w-]+)?\s*(?:(?:[a-z]+(?:\s*,\s*|\s+and\s+|\s+))){0,3}?"
    r"(?P<role>peacekeep\w+|troops|soldiers|forces|armed forces|army|military|ministers?|president|"
    r"prime minister|government|officials|authorities|leaders?|delegation|protesters|"
    r"demonstrators|civilians|rebels|separatists|militants|defen[cs]e ministry|ministry|police|"
    r"parliament|diplomats?|border guards|units|servicemen|colleagues|side|sides|military police)\b",
)


_FORCES_OF = re.compile(
    r"\b(?P<who>[A-Z][a-z]+(?:an|ian|ish|ese|i))\s+(?P<role>Armed Forces|armed forces|forces|troops|"
    r"army|military|soldiers|units|servicemen|side|border guards)\b"
)
_OWNER = re.compile(r"\b([A-Z][\w-]+)(?:'s|’s)\s+(?:the\s+)?$")


@Language.factory("ceasefire_actors_v1", assigns=["doc._.actors"])
def make_actors(nlp: Language, name: str) -> ActorsComponent:
    return ActorsComponent()


class _Known(NamedTuple):
    """A person named before in the article, for a later mention by surname."""

    name: str
    country: str | None
    sector: str | None


class ActorsComponent:
    """People, organisations, forces and countries, each with an ISO3 country and a sector."""

    def __init__(self) -> None:
        self._gazetteer: Gazetteer | None = None

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer()
        return self._gazetteer

    def country_of(self, text: str) -> str | None:
        """The alpha-3 code of the country a word names ("Russian" -> RUS), if it names one."""
        for place in self.gazetteer.lookup(text)[:3]:
            if place.kind == "country":
                return place.country
        return None

    def __call__(self, doc: Doc) -> Doc:
        actors: list[ActorMention] = []
        people: dict[str, _Known] = {}
        placed = {
            p.span for p in doc._.places or () if p.place.kind not in {"country", "continent"}
        }
        for ent in doc.ents:
            if in_ranges(ent.start_char, ent.end_char, doc._.boilerplate):
                continue
            if ent.label_ != "GPE" and (ent.start_char, ent.end_char) in placed:
                continue  # a town the model took for a person or an organisation
            actor: ActorMention | None
            if ent.label_ == "PERSON":
                if any(
                    p.kind in {"country", "region"} for p in self.gazetteer.lookup(ent.text)[:2]
                ):
                    # a country or its people the model took for a person ("Azerbaijani forces")
                    actor = self.country_actor(doc, ent)
                    if actor is not None:
                        actors.append(actor)
                    continue
                actor = self.person(doc, ent, people)
            elif ent.label_ in {"GPE", "NORP"}:
                actor = self.country_actor(doc, ent)
            elif ent.label_ == "ORG":
                sector = sector_of(ent.text) or "GOV"
                country = None
                for word in ent.text.replace("'s", " ").split():
                    country = country or self.country_of(word)
                owner = _OWNER.search(doc_text(doc)[max(0, ent.start_char - 40) : ent.start_char])
                if country is None and owner:  # "Libya's Government of National Accord"
                    country = self.country_of(owner.group(1))
                actor = ActorMention(
                    Actor(ent.text, ent.text, country, sector), (ent.start_char, ent.end_char)
                )
            else:
                continue
            if actor is not None:
                actors.append(actor)
        text = doc_text(doc)
        for m in _FORCES_OF.finditer(text):  # "a Ukrainian Armed Forces checkpoint": no entity
            start, end = m.span()
            if in_ranges(start, end, doc._.boilerplate) or any(
                a.span[0] < end and start < a.span[1] for a in actors
            ):
                continue
            country = self.country_of(m.group("who"))
            if country is not None:
                sector = sector_of(m.group("role")) or "MIL"
                actors.append(
                    ActorMention(Actor(m.group(0), m.group(0), country, sector), (start, end))
                )
        actors.sort(key=lambda a: a.span[0])
        doc._.actors = actors
        return doc

    def person(self, doc: Doc, ent: Span, people: dict[str, _Known]) -> ActorMention:
        _, _, sent_start, sent_end = sentence_of(doc, ent.start)
        before = doc_text(doc)[max(sent_start, ent.start_char - 60) : ent.start_char]
        after = doc_text(doc)[ent.end_char : min(sent_end, ent.end_char + 60)]
        country: str | None = None
        sector: str | None = None
        title = TITLES.search(before[-40:])
        if title:
            sector = (
                "MIL"
                if re.search(r"general|commander|colonel|defen[cs]e", title.group(0), re.I)
                else "GOV"
            )
            for other in doc.ents:
                if (
                    other.label_ in {"GPE", "NORP"}
                    and ent.start_char - 60 <= other.start_char < ent.start_char
                ):
                    country = self.country_of(other.text) or country
        apposition = re.match(
            r"^\s*,\s*(?:the\s+)?(?P<title>[A-Za-z ]{3,40}?)\s+of\s+(?P<where>[A-Z][\w-]+(?: [A-Z][\w-]+)?)",
            after,
        )
        if apposition and TITLES.search(apposition.group("title")):
            sector = sector or "GOV"
            country = country or self.country_of(apposition.group("where"))
        name = ent.text.replace("'s", "").strip()
        surname = name.split()[-1] if name.split() else name
        known = people.get(surname.lower())
        if known:
            if len(name.split()) == 1:
                name = known.name
            country = country or known.country
            sector = sector or known.sector
        if known is None or len(name.split()) > 1:
            people[surname.lower()] = _Known(name, country, sector)
        # no word of a role: a civilian, unless nothing at all is known of the person yet
        shown = sector or (None if known is None else "CVL")
        return ActorMention(Actor(ent.text, name, country, shown), (ent.start_char, ent.end_char))

    def country_actor(self, doc: Doc, ent: Span) -> ActorMention | None:
        country = self.country_of(ent.text)
        if country is None:
            return None
        tail = doc_text(doc)[ent.end_char : min(sentence_of(doc, ent.start)[3], ent.end_char + 50)]
        role = _ROLE_AFTER.match(tail)
        if role:
            end = ent.end_char + role.end()
            text = doc_text(doc)[ent.start_char : end]
            if ent.label_ == "NORP" and TITLES.fullmatch(role.group("role")):
                # "Armenian Prime Minister Nikol Pashinyan": the person carries it
                following = doc_text(doc)[end : end + 3]
                if following[:1] == " " and following[1:2].isupper():
                    return None
            sector = sector_of(role.group("role")) or "GOV"
            return ActorMention(Actor(text, text, country, sector), (ent.start_char, end))
        bare = ActorMention(
            Actor(ent.text, ent.text, country, "GOV"), (ent.start_char, ent.end_char), bare=True
        )
        if ent.label_ == "NORP" and _acts(doc, ent):
            # "Russian began deploying ...": the country acts, its role comes from the event
            return bare
        if ent.label_ == "GPE":
            if ent.start > 0 and doc[ent.start - 1].lower_ in PREPOSITIONS:
                return None  # "in Armenia" is a place, not an actor
            return bare
        return None


# ---------------------------------------------------------------- dates
def publication_date(doc: Doc) -> dt.date | None:
    if doc._.published is None:
        found = dates.find_publication_date(doc_text(doc))
        if found is not None:
            doc._.published = found
            doc._.published_found = True
    published = doc._.published
    if isinstance(published, dt.datetime):
        return published.date()
    return published if isinstance(published, dt.date) else None


@Language.component("ceasefire_dates_v1", assigns=["doc._.dates"])
def dates_component(doc: Doc) -> Doc:
    """Date expressions resolved against the publication date (given, else found in the text)."""
    published = publication_date(doc)
    found: list[DateMention] = []
    for start, end, text in dates.find_date_expressions(doc_text(doc)):
        if in_ranges(start, end, doc._.boilerplate):
            continue
        resolved = dates.resolve(text, published) if published else None
        found.append(DateMention(text, (start, end), resolved))
    doc._.dates = found
    return doc


# ---------------------------------------------------------------- quotes
@Language.component("ceasefire_quotes_v1", assigns=["doc._.quotes"])
def quotes_component(doc: Doc) -> Doc:
    """Direct quotes with their speakers (named, pronoun, or carried over paragraphs)."""
    persons = [
        quotes.Person(ent.start_char, ent.end_char, ent.text.replace("'s", "").strip())
        for ent in doc.ents
        if ent.label_ == "PERSON" and not in_ranges(ent.start_char, ent.end_char, doc._.boilerplate)
    ]
    persons = quotes.with_surnames(doc_text(doc), persons)
    found = quotes.attribute(doc_text(doc), quotes.find_quotes(doc_text(doc)), persons)
    doc._.quotes = [
        Quote(q.speaker, q.text, (q.start, q.end))
        for q in found
        if not in_ranges(q.start, q.end, doc._.boilerplate)
    ]
    return doc
