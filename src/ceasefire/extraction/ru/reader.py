"""The Russian reader: one article in Russian in, the same typed `Extraction` the English
pipeline gives out (`values.py`), so the news channel stores and links it alike.

natasha finds sentences, lemmas and names (`model.py`); the rest is rules over lemmas, each in
its own module: places (`places.py`), actors (`actors.py`), dates (`dates.py`), counts
(`counts.py`), event triggers and modality (`triggers.py`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence

from ceasefire.extraction import eventfinder
from ceasefire.extraction.ru import actors as ru_actors
from ceasefire.extraction.ru import counts, model, places, triggers
from ceasefire.extraction.ru import dates as ru_dates
from ceasefire.extraction.values import (
    ActorMention,
    DateMention,
    Event,
    ExtractedPlace,
    Extraction,
    PlaceMention,
    Quote,
    ResolvedDate,
    actors_once,
    places_once,
    with_sector,
)
from ceasefire.geo.gazetteer import load as load_gazetteer

#: Verbs of saying, by lemma: the actor just before one tells of the event, it is not its actor.
SPEECH = frozenset({
    "сообщить", "сообщать", "заявить", "заявлять", "подчеркнуть", "отметить", "рассказать",
    "обвинить", "обвинять", "опровергнуть", "опровергать", "отрицать", "информировать",
    "передавать", "уточнить", "добавить", "констатировать", "считать",
})  # fmt: skip
#: Who helps an event along is not one of its parties ("при посредничестве российских миротворцев").
_MEDIATOR = re.compile(
    r"(?:при\s+(?:посредничестве|содействии|участии|поддержке)|с\s+участием|"
    r"благодаря\s+(?:усилиям\s+)?)\s*$",
    re.I,
)
_ACCORDING_TO = re.compile(
    r"(?:по\s+(?:данным|словам|заявлению|информации|сообщению)|как\s+сообщ\w+)\s+$", re.I
)


def _speakers(text: str, sentence: model.Sentence, actors: Sequence[ActorMention]) -> set[int]:
    """Where the actors who speak in the sentence start ("Минобороны России сообщило, что")."""
    out: set[int] = set()
    for a in actors:
        after = [t for t in sentence.tokens if t.start >= a.span[1]][:3]
        if any(t.lemma in SPEECH for t in after) or _ACCORDING_TO.search(
            text[max(0, a.span[0] - 25) : a.span[0]]
        ):
            out.add(a.span[0])
    return out


def _mediators(text: str, actors: Sequence[ActorMention]) -> set[int]:
    return {a.span[0] for a in actors if _MEDIATOR.search(text[max(0, a.span[0] - 30) : a.span[0]])}


#: How far (characters) the sentence that gives an event's count may follow the one naming it.
CONTINUED_WITHIN = 200


def continued(events: Sequence[Event]) -> list[Event]:
    """An event whose count the next sentence gives ("провели обмен военнопленными." then
    "Азербайджанской стороне переданы 12 военнослужащих"): one event, with that count."""
    out: list[Event] = []
    for event in events:
        before = next(
            (i for i in range(len(out) - 1, -1, -1)
             if out[i].type == event.type and out[i].modality == event.modality
             and 0 <= event.span[0] - out[i].span[1] <= CONTINUED_WITHIN),
            None,
        )  # fmt: skip
        if before is not None and out[before].quantity is None and event.quantity is not None:
            prev = out[before]
            if prev.date is None or event.date is None or prev.date == event.date:
                out[before] = dataclasses.replace(prev, quantity=event.quantity,
                                                  date=prev.date or event.date)  # fmt: skip
                continue
        out.append(event)
    return out


#: A wire's dateline: the city in capitals, a comma, the day ("СТЕПАНАКЕРТ, 14 декабря. /ТАСС/.").
_DATELINE = re.compile(r"^[А-ЯЁ][А-ЯЁ .-]{2,40},\s+", re.M)


def _dateline_day(text: str, found: Sequence[ru_dates.Found]) -> ResolvedDate | None:
    """The day of a wire's dateline: that day's news, unless an event says its own day."""
    for line in _DATELINE.finditer(text):
        day = next((f for f in found if f.start == line.end() and f.date), None)
        if day is not None and day.date is not None and day.date.precision == "day":
            return day.date
    return None


_QUOTE = re.compile(r"«(?P<words>[^«»]{8,})»")
_SAID_AFTER = re.compile(r"^[,.!?]?\s*[—–-]\s*(?:\w+\s+){1,4}$")  # "», — заявил "
_SAID_BEFORE = re.compile(r"(?:\s\w+){1,3}:\s*$")  # " заявил: «"


def quotes(text: str, actors: Sequence[ActorMention]) -> list[Quote]:
    """Quotes in «ёлочки», with who said them: the actor after "», — заявил" or before
    "заявил: «"."""
    out = []
    for m in _QUOTE.finditer(text):
        after = [a for a in actors if 0 < a.span[0] - m.end() <= 60
                 and _SAID_AFTER.match(text[m.end() : a.span[0]])]  # fmt: skip
        before = [a for a in actors if 0 <= m.start() - a.span[1] <= 40
                  and _SAID_BEFORE.search(text[a.span[1] : m.start()])]  # fmt: skip
        # a person's name after a role word ("— заявил командующий миротворцами Рустам Мурадов")
        said = sorted(after, key=lambda a: (not a.actor.name[:1].isupper(), a.span[0]))
        speaker = said[0] if said else (before[-1] if before else None)
        out.append(
            Quote(speaker.actor.name if speaker else None, m.group("words"), m.span("words"))
        )
    return out


def _title(text: str) -> str | None:
    """The first line, when it stands alone as a headline (no final stop, a blank line after)."""
    lines = text.lstrip().split("\n", 2)
    if len(lines) >= 2 and 0 < len(lines[0].strip()) <= 200 and not lines[1].strip():
        first = lines[0].strip()
        return None if first.endswith((".", "!", "?")) else first
    return None


def _nearest_place(places_: Sequence[PlaceMention], pos: int) -> ExtractedPlace | None:
    # a place of one country before a region of many; a country only when nothing smaller is named
    own = [p for p in places_ if p.place.country] or list(places_)
    small = [p for p in own if p.place.kind != "country"] or own
    best = min(small, key=lambda p: abs(p.span[0] - pos), default=None)
    return best.place if best else None


def _future_near(tokens: Sequence[model.Token], trigger: triggers.Trigger, words: int = 5) -> bool:
    """Whether a verb in the future tense stands within a few words of the trigger."""
    first = next((i for i, t in enumerate(tokens) if t.end > trigger.start), 0)
    last = next((i for i, t in enumerate(tokens) if t.end >= trigger.end), first)
    return any(t.future for t in tokens[max(0, first - words) : last + words + 1])


def _as_military(actor: ActorMention) -> ActorMention:
    if actor.bare and actor.actor.sector == "GOV":
        return with_sector(actor, "MIL")
    return actor


def sentence_events(
    text: str,
    sentence: model.Sentence,
    actors: Sequence[ActorMention],
    place_mentions: Sequence[PlaceMention],
    date_mentions: Sequence[DateMention],
    period: ResolvedDate | None,
) -> list[Event]:
    """The events of one sentence, one per type its lemmas signal, with their actors (before
    the trigger) and targets (after), the nearest place and date, a count, modality and
    confidence; none when the sentence says nothing happened."""
    found = triggers.triggers(sentence.tokens)
    if not found or triggers.absent(sentence.text):
        return []  # "нарушений не зафиксировано": nothing happened
    start, end = sentence.start, sentence.end
    s_places = [p for p in place_mentions if start <= p.span[0] < end]
    # a country inside an actor's name ("Министерство обороны Армении") is whose, not where
    s_places = [p for p in s_places if not any(
        a.span[0] <= p.span[0] < a.span[1] and not a.bare for a in actors)]  # fmt: skip
    s_dates = [d for d in date_mentions if start <= d.span[0] < end and d.date]
    set_apart = _speakers(text, sentence, actors) | _mediators(text, actors)
    placed = {p.span[0] for p in s_places}
    out = []
    for trig in found:
        future = _future_near(sentence.tokens, trig)
        mod = triggers.modality(sentence.text, trig.start - start, future=future)
        place = _nearest_place(s_places, trig.start)
        date = min(s_dates, key=lambda d: abs(d.span[0] - trig.start), default=None)
        when = date.date if date else (period if mod in eventfinder.REPORTED else None)
        # who speaks tells of the event, unless denying it (who denies, denies doing it)
        these = [a for a in actors if a.span[0] not in set_apart
                 or trig.type in eventfinder.SPOKEN_TYPES or mod == "denied"]  # fmt: skip
        if trig.type in eventfinder.MILITARY_TYPES:
            these = [_as_military(a) for a in these]
        # a country named after the trigger is where it happened ("позиции в Армении"), not
        # whom it was done to; in an exchange it is a party
        targets = [a.actor for a in these if a.span[0] >= trig.start and not (
            a.bare and a.span[0] in placed and trig.type != "exchange-of-detainees")]  # fmt: skip
        out.append(Event(
            type=trig.type,
            modality=mod,
            actors=tuple(a.actor for a in these if a.span[0] < trig.start),
            targets=tuple(targets),
            place=place,
            date=when,
            quantity=counts.quantity_in(sentence.tokens, trig.type, trig.start),
            sentence=sentence.text.strip(),
            span=(start, end),
            trigger=text[trig.start : trig.end],
            confidence=eventfinder.confidence(trig.weight, mod, place is not None,
                                              when is not None),
        ))  # fmt: skip
    return out


def read(text: str, published: dt.date | None) -> Extraction:
    """What a Russian article says: places, actors, events with their date, place and count."""
    parsed = model.parse(text)
    found_dates = ru_dates.find(text, published)
    date_mentions = [
        DateMention(text[f.start : f.end], (f.start, f.end), f.date) for f in found_dates
    ]
    period = ru_dates.reporting_day(found_dates, published) or _dateline_day(text, found_dates)

    sentence_actors: list[list[ActorMention]] = []
    phrases: list[places.Phrase] = []
    for sentence in parsed.sentences:
        inside = [e for e in parsed.entities if sentence.start <= e.start < sentence.end]
        sentence_actors.append(ru_actors.mentions(text, sentence.tokens, inside))
        phrases += places.phrases(sentence.tokens, inside)
    countries = Counter(a.actor.country for s in sentence_actors for a in s if a.actor.country)
    gazetteer = load_gazetteer()
    place_mentions = places.place(gazetteer, text, phrases, countries)

    events = [
        event
        for sentence, s_actors in zip(parsed.sentences, sentence_actors, strict=True)
        for event in sentence_events(
            text, sentence, s_actors, place_mentions, date_mentions, period
        )
    ]
    title = _title(text)
    title_end = text.find(title) + len(title) if title else 0
    return Extraction(
        title=title,
        published=published,
        published_found=False,
        places=places_once((m.place, m.span) for m in place_mentions),
        actors=actors_once(a.actor for s in sentence_actors for a in s),
        events=tuple(eventfinder.once(continued(events), title_end=title_end)),
        quotes=tuple(quotes(text, [a for s in sentence_actors for a in s])),
    )
