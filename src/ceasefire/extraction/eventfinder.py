"""The events component: per sentence, events of the taxonomy with actors, place, date and quantity."""

from __future__ import annotations

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
    with_sector,
)

_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "dozens": 24, "dozen": 12, "hundreds": 200, "thousands": 2000, "a hundred": 100,
}  # fmt: skip
_QUANTITY = re.compile(
    r"\b(?P<n>\d{1,3}(?:,\d{3})+|\d+|two|three|four|five|six|seven|eight|nine|ten|dozens|dozen|hundreds|thousands)"
    # one qualifying word: "more", "armed", or a nationality ("Russian", "Azerbaijani", "Chinese")
    r"(?:\s+(?:more|other|armed|unarmed|foreign|civilian|military|[a-z]+(?:an|ish|ese|i)))?"
    r"\s+(?P<unit>peacekeepers|troops|soldiers|servicemen|people|civilians|protesters|demonstrators|"
    r"fighters|militants|police(?:men)?|prisoners|detainees|bodies|refugees|villages|vehicles|tanks|"
    r"armou?red personnel carriers|observation posts|posts|shells|rockets|missiles|drones|killed|dead|wounded|injured)\b",
    re.I,
)
_CASUALTY = re.compile(
    r"\b(?P<n>\d{1,3}(?:,\d{3})+|\d+|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands)\b[^.;]{0,40}?\b(?P<unit>killed|dead|wounded|injured)\b",
    re.I,
)


def quantity_in(sentence: str) -> Quantity | None:
    """The first count of people or things in a sentence ("2,000 peacekeepers")."""
    m = _QUANTITY.search(sentence) or _CASUALTY.search(sentence)
    if m is None:
        return None
    raw = m.group("n").lower().replace(",", "")
    value = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw)
    return Quantity(value, m.group("unit").lower(), m.group(0), approximate=not raw.isdigit())


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
        for trig in found:
            pos = start + trig.start
            mod = eventtypes.modality(text, trig.start)
            mention = _nearest_place(doc_text(doc), s_places, s_actors, pos)
            place = mention.place if mention else None
            date = _nearest(s_dates, pos)
            these = [_as_military(a) for a in s_actors] if trig.type in MILITARY_TYPES else s_actors
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
                date=date.date if date else None,
                quantity=quantity_in(text),
                sentence=text.strip(),
                span=(start, end),
                trigger=text[trig.start : trig.end],
                confidence=confidence(trig.weight, mod, place is not None, date is not None),
            ))  # fmt: skip
    doc._.events = events
    return doc


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

    def distance(p: PlaceMention) -> float:
        marked = _PLACE_PREPOSITION.search(text[max(0, p.span[0] - 16) : p.span[0]])
        return float(abs(p.span[0] - pos)) * (0.5 if marked else 1.0)

    return min(free, key=distance, default=None)
