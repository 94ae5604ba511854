"""The events component: per sentence, events of the taxonomy with actors, place, date and quantity."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from ceasefire.extraction import eventtypes
from ceasefire.extraction.components import doc_text, in_ranges
from ceasefire.extraction.values import (
    ActorMention,
    DateMention,
    Event,
    PlaceMention,
    Quantity,
    ResolvedDate,
    with_sector,
)

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozens": 24, "dozen": 12,
    "hundreds": 200, "thousands": 2000, "a hundred": 100,
}  # fmt: skip
_COUNT = (
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|dozens|dozen|hundreds|thousands)"
)
#: The units a count is of, as written (several words where the thing is named so).
UNITS = (
    r"ceasefire violations?|violations?|explosions?|shots|bursts|rounds|explosive objects|"
    r"explosive devices|mines|routes|patrols|convoys|vehicles|trucks|lorries|cars|buses|"
    r"captives|peacekeepers|troops|soldiers|servicemen|people|civilians|residents|protesters|"
    r"demonstrators|fighters|militants|police(?:men)?|prisoners|detainees|bodies|remains|"
    r"refugees|displaced people|villages|tanks|howitzers|(?:self-propelled )?howitzers|"
    r"armou?red personnel carriers|observation posts|posts|shells|rockets|missiles|drones|"
    r"killed|dead|wounded|injured"
)
_QUANTITY = re.compile(
    rf"(?<![\w.-]){_COUNT}"
    # one qualifying word: "more", "armed", "undetermined", or a nationality ("Russian")
    r"(?:\s+(?:more|other|armed|unarmed|foreign|civilian|military|undetermined|self-propelled|"
    r"[a-z]+(?:an|ish|ese|i)))?"
    rf"\s+(?P<unit>{UNITS})\b",
    re.I,
)
_CASUALTY = re.compile(
    r"\b(?!\d+ (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)(?!\d+-year)(?P<n>\d{1,3}(?:,\d{3})+|\d+|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands)\b[^.;]{0,40}?\b(?P<unit>killed|dead|wounded|injured)\b",
    re.I,
)
#: The units a count of each type is most likely of, best first: a bulletin's sentence gives
#: several counts ("at 27 observation posts, and patrolled 33 routes").
TYPE_UNITS: dict[str, tuple[str, ...]] = {
    "ceasefire-violation": ("violation", "explosion", "shot", "burst", "round"),
    "shelling-artillery-missile-attack": ("explosion", "shell", "round", "rocket", "missile"),
    "armed-clash": ("violation", "shot", "explosion", "killed", "dead", "wounded", "injured"),
    "patrol": ("route", "patrol", "vehicle", "truck", "lorr", "car", "bus", "convoy"),
    "demining": ("explosive", "mine", "shell"),
    "disrupted-weapons-use": ("explosive", "mine", "shell", "rocket", "missile", "drone"),
    "exchange-of-detainees": ("captive", "prisoner", "detainee", "bod", "remains", "servicem"),
    "deployment": ("peacekeeper", "troop", "soldier", "servicem", "tank", "howitzer", "vehicle"),
    "withdrawal": ("troop", "soldier", "servicem", "tank", "howitzer", "vehicle"),
    "other": ("refugee", "people", "displaced", "resident"),
    "headquarters-or-base-established": ("post",),
}
#: Types that carry no count: the peacekeepers a deal sends are the deployment's.
UNCOUNTED = frozenset({"agreement", "diplomatic-meeting", "statement"})
# A count of what was before ("compared with 58 in the previous reporting period"): not this one.
_PREVIOUS = re.compile(
    r"\b(?:compared (?:with|to)|up from|down from|against|than)\s+(?:about\s+)?$", re.I
)


def _value(raw: str) -> int | None:
    raw = raw.lower().replace(",", "")
    return int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw)


def quantity_in(sentence: str, event_type: str | None = None, at: int = 0) -> Quantity | None:
    """The count an event of `event_type` carries in its sentence: of a unit that type is
    counted in (the one nearest the trigger at `at`), else the first count of people or things
    ("2,000 peacekeepers"); a count of the previous period is never it."""
    if event_type in UNCOUNTED:
        return None
    found = [
        m for m in _QUANTITY.finditer(sentence)
        if not _PREVIOUS.search(sentence[max(0, m.start() - 25) : m.start()])
    ]  # fmt: skip
    wanted = TYPE_UNITS.get(event_type or "", ())
    fitting = [
        m
        for m in found
        if any(
            m.group("unit").lower().startswith(u) or u in m.group("unit").lower() for u in wanted
        )
    ]
    if fitting:
        for unit in wanted:  # the most telling unit first, then the nearest count of it
            of_unit = [m for m in fitting if unit in m.group("unit").lower()]
            if of_unit:
                m = min(of_unit, key=lambda m: abs(m.start() - at))
                break
    elif found:
        m = found[0]
    else:
        casualty = _CASUALTY.search(sentence)
        if casualty is None:
            return None
        m = casualty
    raw = m.group("n")
    return Quantity(_value(raw), m.group("unit").lower(), m.group(0),
                    approximate=not raw.replace(",", "").isdigit())  # fmt: skip


_Mention = TypeVar("_Mention", PlaceMention, ActorMention, DateMention)


def _nearest(items: Sequence[_Mention], pos: int) -> _Mention | None:
    return min(items, key=lambda it: abs(it.span[0] - pos), default=None)


def confidence(weight: float, modality: str, has_place: bool, has_date: bool) -> float:
    score = 0.35 + 0.07 * weight + (0.1 if has_place else 0) + (0.1 if has_date else 0)
    if modality in {"alleged", "denied"}:
        score -= 0.1
    return round(max(0.05, min(score, 0.95)), 2)


@Language.component(
    "ceasefire_events_v1",
    assigns=["doc._.events"],
    requires=["doc._.places", "doc._.actors", "doc._.dates"],
)
def events_component(doc: Doc) -> Doc:
    """Events of the taxonomy, one per trigger type and sentence, never in boilerplate."""
    places: list[PlaceMention] = doc._.places or []
    actors: list[ActorMention] = doc._.actors or []
    dates: list[DateMention] = doc._.dates or []
    events: list[Event] = []
    period = reporting_day(doc_text(doc), dates, doc._.published, title=doc._.title)
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        if not sent.text.strip() or in_ranges(start, end, doc._.boilerplate):
            continue
        text = sent.text
        found = eventtypes.triggers(text)
        if not found:
            continue
        s_places = [p for p in places if start <= p.span[0] < end]
        s_actors = [a for a in actors if start <= a.span[0] < end]
        s_dates = [d for d in dates if start <= d.span[0] < end and d.date]
        speakers = speaker_starts(doc_text(doc), s_actors)
        for trig in found:
            pos = start + trig.start
            mod = eventtypes.modality(text, trig.start)
            mention = _nearest_place(doc_text(doc), s_places, s_actors, pos)
            place = mention.place if mention else None
            date = _nearest([d for d in s_dates if not _NAMING_DATE.search(
                text[max(0, d.span[0] - start - 30) : d.span[0] - start])], pos)  # fmt: skip
            when = date.date if date else (period if mod in REPORTED else None)
            # who speaks tells of the event, unless denying it (who denies, denies doing it)
            these = [a for a in s_actors
                     if a.span[0] not in speakers or trig.type in SPOKEN_TYPES or mod == "denied"]  # fmt: skip
            these = [_as_military(a) for a in these] if trig.type in MILITARY_TYPES else these
            sources = [a for a in these if a.span[0] < pos]
            targets = [a for a in these if a.span[0] >= pos]
            actor_places = {p.span[0] for p in s_places}
            targets = [a for a in targets if a.span[0] not in actor_places] or targets
            events.append(Event(
                type=trig.type,
                modality=mod,
                actors=tuple(a.actor for a in sources),
                targets=tuple(a.actor for a in targets),
                place=place,
                date=when,
                quantity=quantity_in(text, trig.type, trig.start),
                sentence=text.strip(),
                span=(start, end),
                trigger=text[trig.start : trig.end],
                confidence=confidence(trig.weight, mod, place is not None, when is not None),
            ))  # fmt: skip
    title = doc._.title
    title_end = (
        len(title) + doc_text(doc).find(title) if title and doc_text(doc).find(title) >= 0 else 0
    )
    doc._.events = once(events, title_end=title_end)
    return doc


_PAST_DAY = re.compile(
    r"\b(?:over|in|during|for) the (?:past|previous|last) (?:day|24 hours)\b", re.I
)
_AS_OF = re.compile(r"\bas of \d{1,2}[:.]\d{2}(?:\s*(?:hrs|hours|h))?(?:\s+\w+ time)? on\s+$", re.I)


#: A date that names a document ("the statement of 9 November 2020"), not when an event was.
_NAMING_DATE = re.compile(
    r"\b(?:statement|agreement|accord|protocol|declaration|memorandum|deal|resolution|"
    r"ceasefire|truce|decree|law) of\s+$",
    re.I,
)
#: A wire's dateline: the city in capitals, the day, a dash.
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,40}, [^\n]{6,30}?\s[-–—]\s", re.M)
#: The headline of a bulletin: "Russian Defence Ministry: ...", "... daily report ...".
_BULLETIN_TITLE = re.compile(
    r"^[^:]{0,80}\b(?:ministry|mission|command|contingent|centre|center|monitors?)\b[^:]{0,40}:|"
    r"\b(?:bulletin|daily report|situation report|sitrep|update on)\b",
    re.I,
)


def reporting_day(
    text: str, dates: Sequence[DateMention], published: dt.date | None, *, title: str | None = None
) -> ResolvedDate | None:
    """The day a bulletin reports on, which its events without a date of their own took place
    on: the day before publication for "over the past day" or "in the previous 24 hours"; the
    day of "as of 19:30 on 1 February" (information received until then). None for a text
    that names no reporting period."""
    for mention in dates:
        if (
            mention.date
            and mention.date.precision == "day"
            and _AS_OF.search(text[max(0, mention.span[0] - 40) : mention.span[0]])
        ):
            return mention.date
    for line in _DATELINE.finditer(text):  # "YEREVAN, 13 September 2022 - ...": that day's news
        told = [m for m in dates if m.date and m.date.precision == "day"
                and line.start() <= m.span[0] < line.end()]  # fmt: skip
        if told:
            return told[0].date
    bulletin = bool(title and _BULLETIN_TITLE.search(title))
    if published is not None and (_PAST_DAY.search(text) or bulletin):
        day = (published if isinstance(published, dt.date) else published.date()) - dt.timedelta(
            days=1
        )
        return ResolvedDate(day.isoformat(), "day")
    return None


#: Modalities of what a report tells as done (or denied): dated by its reporting day.
REPORTED = frozenset({"happened", "denied", "alleged"})
#: Types whose actors are those who speak: a statement, a meeting, an agreement.
SPOKEN_TYPES = frozenset({"statement", "diplomatic-meeting", "agreement"})
_SPEECH_AFTER = re.compile(
    r"^(?:'s)?\s*(?:,[^,]{0,60},\s*)?(?:has |have |had )?(?:said|says|told|tells|stated|states|declared|announced|"
    r"reported|reports|claimed|claims|accused|accuses|added|stressed|noted|warned|insisted|"
    r"described|denied|denies|confirmed|urged|called)\b",
    re.I,
)
_SPEECH_BEFORE = re.compile(r"\b(?:according to|quoted|cited by)\s+(?:the\s+)?$", re.I)


def speaker_starts(text: str, actors: Sequence[ActorMention]) -> set[int]:
    """Where the actors who speak in a sentence start ("Aliyev said ...", "according to the
    ministry"): they tell of the events, they are not their actors."""
    out: set[int] = set()
    for a in actors:
        if _SPEECH_AFTER.match(text[a.span[1] : a.span[1] + 90]) or _SPEECH_BEFORE.search(
            text[max(0, a.span[0] - 20) : a.span[0]]
        ):
            out.add(a.span[0])
    return out


def _countries(event: Event) -> frozenset[str]:
    return frozenset(a.country for a in (*event.actors, *event.targets) if a.country)


def _richness(event: Event) -> tuple[int, int, int]:
    """What an event tells: its place, date and quantity, then how many actors it names."""
    told = sum(x is not None for x in (event.place, event.date, event.quantity))
    return told, len(_countries(event)), -event.span[0]


#: Types whose place is where it was said or signed, not what makes it one event.
PLACELESS_TYPES = frozenset({"agreement", "statement"})
_COARSE = frozenset({"country", "continent", "region", "sea", "state", "admin1"})


def _same(a: Event, b: Event) -> bool:
    """Whether two events of an article are one event told twice: the same type and modality,
    no date, place or count that differs, and the countries of one among the other's."""
    if a.type != b.type or a.modality != b.modality:
        return False
    if a.date and b.date and a.date != b.date:
        return False
    if (a.quantity is None) != (b.quantity is None) or (
        a.quantity and b.quantity and a.quantity.value != b.quantity.value
    ):
        return False  # a count and an incident, or two counts: two reports
    if (
        a.place
        and b.place
        and a.place.name != b.place.name
        and a.type not in PLACELESS_TYPES
        and a.place.kind not in _COARSE
        and b.place.kind not in _COARSE
    ):
        return False
    ca, cb = _countries(a), _countries(b)
    return ca <= cb or cb <= ca


def once(events: Sequence[Event], *, title_end: int = 0) -> list[Event]:
    """Each event of an article once: a headline's events the body tells again are left to the
    body, and of the events told twice (`_same`) the one that tells most is kept, in the order
    of the text."""
    body = [e for e in events if e.span[0] >= title_end]
    kept: list[Event] = []
    for event in events:
        if event.span[0] < title_end and any(b.type == event.type for b in body):
            continue  # the headline's event, told in the body
        kept.append(event)
    groups: list[list[Event]] = []
    for event in kept:
        for group in groups:
            if all(_same(event, other) for other in group):
                group.append(event)
                break
        else:
            groups.append([event])
    return sorted((_merged(g) for g in groups), key=lambda e: e.span[0])


def _merged(group: list[Event]) -> Event:
    """The telling of an event that tells most, with the place, date and count another telling
    gives where it gives none."""
    best = max(group, key=_richness)
    return dataclasses.replace(
        best,
        place=best.place or next((e.place for e in group if e.place), None),
        date=best.date or next((e.date for e in group if e.date), None),
        quantity=best.quantity or next((e.quantity for e in group if e.quantity), None),
    )


MILITARY_TYPES = {
    "deployment", "withdrawal", "patrol", "armed-clash", "shelling-artillery-missile-attack",
    "air-drone-strike", "ceasefire-violation", "government-regains-territory", "demining",
}  # fmt: skip
_PLACE_PREPOSITION = re.compile(
    r"\b(?:in|at|to|near|into|from|outside|around|across|towards?|of)\s+(?:the\s+)?$", re.I
)


def _as_military(actor: ActorMention) -> ActorMention:
    """A country that deploys, withdraws or fires acts through its forces."""
    if actor.bare and actor.actor.sector == "GOV":
        return with_sector(actor, "MIL")
    return actor


def _nearest_place(
    text: str, places: list[PlaceMention], actors: list[ActorMention], pos: int
) -> PlaceMention | None:
    """The place the event is at: not part of an actor ("Turkey's ministers"), in one country if
    any is; the nearest to the trigger, a place after a preposition ("in Paris") counting as half
    as far."""
    free = [
        p for p in places
        if not any(a.span[0] <= p.span[0] < a.span[1] and not a.bare for a in actors)
    ] or places  # fmt: skip
    # a place of one country before a region of many ("the West", "the Middle East"): an event
    # happens somewhere in particular
    free = [p for p in free if p.place.country] or free
    # a time zone ("09:00 Moscow time") is no place
    free = [p for p in free if text[p.span[1] : p.span[1] + 5] != " time"] or free
    # "Syria's Idlib province": the place inside the country
    free = [p for p in free if not (p.place.kind == "country" and any(
        q.span[0] - p.span[1] in range(2, 5) for q in free if q is not p))] or free  # fmt: skip

    def distance(p: PlaceMention) -> float:
        marked = _PLACE_PREPOSITION.search(text[max(0, p.span[0] - 16) : p.span[0]])
        # what moves along a corridor or a route is on it, whatever town it left from
        on_route = p.place.kind in {"corridor", "route"}
        return float(abs(p.span[0] - pos)) * (0.5 if marked else 1.0) * (0.3 if on_route else 1.0)

    return min(free, key=distance, default=None)
