"""Readers of languages without a model of their own (Turkish, Azerbaijani, Armenian): spaCy's
blank tokenizer and a sentencizer, triggers and actors as data tables by stem
(`data/triggers.tsv`, `data/actors.tsv`), places looked up in the gazetteer in the text's own
spelling and resolved by the resolver, dates and counts by each language's rules (a `Tongue`).

What a reader gives is the English pipeline's `Extraction`; where a field was read with less
certainty (a place found only by transliteration, a date with no year, a count in words, who did
what told by word order alone) the event's `field_confidence` says so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ceasefire.extraction.components import extracted
from ceasefire.extraction.eventfinder import confidence, once
from ceasefire.extraction.nativeplaces import find_names, place_of
from ceasefire.extraction.readertables import stem_fits, tables
from ceasefire.extraction.tongue import (
    FAIR,
    SURE,
    UNSURE,
    FoundDate,
    Sentence,
    Tongue,
    sentences,
)
from ceasefire.extraction.values import (
    Actor,
    ActorMention,
    Event,
    ExtractedPlace,
    Extraction,
    Quantity,
    Span,
    actors_once,
    places_once,
)
from ceasefire.geo.gazetteer import load as load_gazetteer
from ceasefire.geo.resolver import resolve_names

# ---------------------------------------------------------------- actors


@dataclass(frozen=True, slots=True)
class FoundActor:
    mention: ActorMention
    first: int  # index of its first and last word in the sentence
    last: int
    country_word: bool  # a country's name alone ("Ermenistan"): a place too


def find_actors(tongue: Tongue, sentence: Sentence) -> list[FoundActor]:
    """Countries and roles of the table, a country just before a role being the role's
    ("Azərbaycan Müdafiə Nazirliyi" -> AZE MIL); a country alone is a bare actor (GOV)."""
    t = tables(tongue.code)
    words = [w.lower.split("'")[0] for w in sentence.words]
    found: list[FoundActor] = []
    i = 0
    while i < len(words):
        country, named = next(
            ((iso, name) for p, iso, name in t.countries if p.match(words, i) is not None),
            (None, False),
        )
        if named and any(
            words[i][len(p.stems[0]) :].startswith(tongue.people_endings)
            for p, iso, _ in t.countries if iso == country and stem_fits(p.stems[0], words[i])
        ):  # fmt: skip
            named = False
        role_at = i + 1 if country else i
        role = None
        if role_at < len(words):
            role = next(
                ((end, sector) for p, sector in t.roles
                 if (end := p.match(words, role_at)) is not None and end - role_at < 4),
                None,
            )  # fmt: skip
        if country is None and role is None:
            i += 1
            continue
        last = role[0] if role else i
        text = " ".join(w.text for w in sentence.words[i : last + 1])
        span = (sentence.words[i].start, sentence.words[last].end)
        actor = Actor(text, text, country, role[1] if role else "GOV")
        found.append(FoundActor(ActorMention(actor, span, bare=role is None), i, last,
                                country_word=role is None and named))  # fmt: skip
        i = last + 1
    return found


# ---------------------------------------------------------------- counts

_DIGITS = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$|^\d+$")


def quantity_in(
    tongue: Tongue, sentence: Sentence, event_type: str, dates: Sequence[FoundDate]
) -> tuple[Quantity, float] | None:
    """The count of the event: a number (digits or a word) before a unit its type is counted in,
    at most one word between ("5 Ermeni askeri"); none when the sentence counts nothing of it."""
    units = tongue.units.get(event_type, ())
    words = sentence.words
    for i, word in enumerate(words):
        if any(d.start <= word.start < d.end for d in dates):
            continue
        first = i
        if _DIGITS.match(word.text):
            value: int | None = int(re.sub(r"[.,]", "", word.text))
            sure = SURE
        elif word.joined in tongue.numbers:
            value, sure = tongue.numbers[word.joined], FAIR
            if i + 1 < len(words) and tongue.numbers.get(words[i + 1].joined, 100) < value:
                continue  # "on beş": the tens, read with the units that follow
            if i > 0 and tongue.numbers.get(words[i - 1].joined, 0) > value:
                value += tongue.numbers[words[i - 1].joined]  # "on beş əsir": 15
                first = i - 1
        elif word.joined in tongue.approximate:
            value, sure = tongue.approximate[word.joined], UNSURE
        else:
            continue
        for k in range(i + 1, min(len(words), i + 3)):
            unit = words[k].joined
            if any(unit.startswith(u) for u in units):
                text = " ".join(w.text for w in words[first : k + 1])
                return Quantity(value, unit, text, approximate=sure == UNSURE), sure
    return None


# ---------------------------------------------------------------- events


@dataclass(frozen=True, slots=True)
class FoundTrigger:
    type: str
    weight: float
    first: int
    last: int


def find_triggers(tongue: Tongue, sentence: Sentence) -> list[FoundTrigger]:
    """Each type's first trigger in the sentence; words taken by a type before it in the table
    are not another's."""
    words = [w.joined for w in sentence.words]
    found: dict[str, FoundTrigger] = {}
    for rule in tables(tongue.code).triggers:
        if rule.type in found:
            continue
        for i in range(len(words)):
            last = rule.phrase.match(words, i)
            if last is None:
                continue
            if any(t.first <= last and i <= t.last for t in found.values()):
                continue
            if rule.type in FIGHTING_TYPES and _told_as_background(tongue, sentence, last):
                continue
            found[rule.type] = FoundTrigger(rule.type, rule.weight, i, last)
            break
    return sorted(found.values(), key=lambda t: t.first)


#: Types whose trigger may name the background of a sentence rather than what it reports.
FIGHTING_TYPES = frozenset({"armed-clash", "air-drone-strike"})


def _told_as_background(tongue: Tongue, sentence: Sentence, last: int) -> bool:
    after = " ".join(w.lower for w in sentence.words[last + 1 : last + 3])
    return bool(tongue.background.match(after))


def modality_of(tongue: Tongue, sentence: Sentence, trigger: FoundTrigger) -> str:
    """`denied` (a negated verb from the trigger on, "no" just before it), `obligation`,
    `planned`, `alleged`, else `happened`: the verbs of these languages come after their noun, so
    the trigger's words and those after it are read, and a few words before it for what is
    said of the whole clause ("iddia etti ki", "նախատեսվում է")."""
    after = " ".join(w.lower for w in sentence.words[trigger.first :])
    near = " ".join(w.lower for w in sentence.words[max(0, trigger.first - 3) : trigger.first])
    before = " ".join(w.lower for w in sentence.words[max(0, trigger.first - 6) : trigger.first])
    if tongue.negated.search(after) or tongue.none_before.search(near):
        return "denied"
    if tongue.obligation.search(after) or tongue.obligation.search(before):
        return "obligation"
    if tongue.alleged.search(after) or tongue.alleged.search(before):
        return "alleged"
    if tongue.planned.search(after) or tongue.planned.search(before):
        return "planned"
    return "happened"


class Placed(NamedTuple):
    """A place mention as the events see it: the place, how surely it was found, and how wide it
    is (a name before a district word is a district's, whatever the gazetteer calls it)."""

    place: ExtractedPlace
    confidence: float
    breadth: int


#: How wide a place of each kind is (others, towns and villages, are 0).
_BREADTH = {"district": 1, "admin2": 1, "admin1": 2, "state": 2, "region": 3, "country": 3}
#: Types whose parties are all the countries named (an exchange is between them).
BETWEEN_TYPES = frozenset({"exchange-of-detainees", "diplomatic-meeting", "agreement"})
MILITARY_TYPES = frozenset({
    "ceasefire-violation", "shelling-artillery-missile-attack", "patrol", "deployment",
    "withdrawal", "demining",
})  # fmt: skip


def speakers(
    tongue: Tongue, text: str, sentence: Sentence, found: Sequence[FoundActor]
) -> set[int]:
    """The actors (by first word) who speak in a sentence: a word of saying within three words
    after them ("Bakanlığın açıklamasına göre"), or a comma after them and a word of saying
    ending the sentence ("Bakanlığı, ... ihlal ettiğini açıkladı.")."""
    words = sentence.words
    out = set()
    for a in found:
        after = " ".join(w.lower for w in words[a.last + 1 : a.last + 4])
        comma = text[words[a.last].end : words[a.last].end + 1] == ","
        if tongue.speech.match(after) or (comma and tongue.speech.search(words[-1].lower)):
            out.add(a.first)
    return out


def _as_military(actor: Actor, bare: bool) -> Actor:
    return dataclasses.replace(actor, sector="MIL") if bare and actor.sector == "GOV" else actor


def read(tongue: Tongue, text: str, published: dt.date | None) -> Extraction:
    """Everything a reader finds in one text, as the English pipeline's value."""
    gazetteer = load_gazetteer()
    sents = sentences(tongue, text)
    found_published = (
        published is None and (published := publication_date(tongue, text)) is not None
    )
    dates = tongue.dates(text, published)
    period = next((d for d in dates if d.period), None)
    actors_by = [find_actors(tongue, s) for s in sents]
    countries = Counter(
        a.mention.actor.country for found in actors_by for a in found if a.mention.actor.country
    )
    names_by = []
    for sent, found in zip(sents, actors_by, strict=True):
        taken = {k for a in found for k in range(a.first, a.last + 1)}
        taken |= {
            k for k, w in enumerate(sent.words) if any(d.start <= w.start < d.end for d in dates)
        }
        names_by.append(find_names(tongue, gazetteer, sent, taken, countries))
    flat = [n for names in names_by for n in names]
    resolved = resolve_names(gazetteer, [n.form for n in flat], context_countries=countries)
    places_of: dict[Span, Placed] = {}
    for name, res in zip(flat, resolved, strict=True):
        place = place_of(gazetteer, name, None if res.fallback else res.place)
        if place is not None:
            breadth = max(_BREADTH.get(place.kind, 0), 1 if name.district else 0)
            places_of[name.span] = Placed(extracted(place), name.confidence, breadth)
    for found in actors_by:  # a country named alone is a place as well
        for a in found:
            country = gazetteer.country(a.mention.actor.country or "")
            if a.country_word and country is not None:
                places_of.setdefault(a.mention.span, Placed(extracted(country), SURE, 3))

    events: list[Event] = []
    for sent, found in zip(sents, actors_by, strict=True):
        for trig in find_triggers(tongue, sent):
            events.append(_event(tongue, text, sent, trig, found, places_of, dates, period))
    title = _title(text)
    title_end = len(title) if title else 0
    return Extraction(
        title=title,
        published=published,
        published_found=found_published,
        places=places_once((where, span) for span, (where, _, _) in sorted(places_of.items())),
        actors=actors_once(a.mention.actor for found in actors_by for a in found),
        events=tuple(once(events, title_end=title_end)),
    )


#: How many lines from the top a dateline is looked for in.
DATELINE_LINES = 3


def publication_date(tongue: Tongue, text: str) -> dt.date | None:
    """The day a text gives itself in its first lines ("BAKÜ, 15 Aralık 2020 (AA)"), when written
    with its year; None otherwise (a day without a year says nothing without a date to read it
    against)."""
    head = "\n".join(text.strip().splitlines()[:DATELINE_LINES])
    found = [d for d in tongue.dates(head, None) if d.date.precision == "day"]
    return dt.date.fromisoformat(found[0].date.value) if found else None


def _title(text: str) -> str | None:
    """The first line, when the text has more than one (a headline)."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[0].strip() if len(lines) > 1 else None


def _event(
    tongue: Tongue,
    text: str,
    sent: Sentence,
    trig: FoundTrigger,
    found: list[FoundActor],
    places_of: Mapping[Span, Placed],
    dates: Sequence[FoundDate],
    period: FoundDate | None,
) -> Event:
    pos = sent.words[trig.first].start
    mod = modality_of(tongue, sent, trig)
    # a country named as a doer or a party is not where the event was
    acting = {a.mention.span for a in found}
    here = [(span, p) for span, p in places_of.items()
            if sent.start <= span[0] < sent.end and span not in acting]  # fmt: skip
    finer = [(span, p) for span, p in here if p.place.kind != "country"]
    if trig.type not in BETWEEN_TYPES:  # the countries an exchange is between are not its place
        finer = finer or here
    # the most particular place named, then the nearest: a village before its district
    placed = min(finer, key=lambda sp: (sp[1].breadth, abs(sp[0][0] - pos)), default=None)
    place = placed[1] if placed else None
    s_dates = [d for d in dates if sent.start <= d.start < sent.end]
    date = min(s_dates, key=lambda d: abs(d.start - pos), default=None)
    if date is None and period is not None and mod in {"happened", "denied", "alleged"}:
        date = period
    quantity = quantity_in(tongue, sent, trig.type, dates)
    # who speaks tells of the event, it is not its doer
    said = speakers(tongue, text, sent, found)
    mentions = [a for a in found if a.first not in said]
    if trig.type in MILITARY_TYPES:
        mentions = [dataclasses.replace(a, mention=dataclasses.replace(
            a.mention, actor=_as_military(a.mention.actor, a.mention.bare))) for a in mentions]  # fmt: skip
    if trig.type in BETWEEN_TYPES:
        sources, targets = mentions, []
    else:
        # the doer is named first, what it fired at in the genitive or dative after it
        sources, targets = mentions[:1], mentions[1:]
    fields: list[tuple[str, float]] = [("type", round(min(1.0, 0.5 + 0.08 * trig.weight), 2))]
    if place:
        fields.append(("place", place.confidence))
    if date:
        fields.append(("date", date.confidence))
    if quantity:
        fields.append(("quantity", quantity[1]))
    if mentions:
        fields.append(("actors", SURE if trig.type in BETWEEN_TYPES else UNSURE))
    return Event(
        type=trig.type,
        modality=mod,
        actors=tuple(a.mention.actor for a in sources),
        targets=tuple(a.mention.actor for a in targets),
        place=place.place if place else None,
        date=date.date if date else None,
        quantity=quantity[0] if quantity else None,
        sentence=text[sent.start : sent.end],
        span=(sent.start, sent.end),
        trigger=text[sent.words[trig.first].start : sent.words[trig.last].end],
        confidence=confidence(trig.weight, mod, place is not None, date is not None),
        field_confidence=tuple(fields),
    )
