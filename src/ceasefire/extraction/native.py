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
import functools
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import spacy
from spacy.language import Language
from spacy.util import compile_suffix_regex

from ceasefire.errors import InvalidInputError, Problem
from ceasefire.extraction.components import extracted
from ceasefire.extraction.eventfinder import confidence, once
from ceasefire.extraction.values import (
    Actor,
    ActorMention,
    ArticlePlace,
    Event,
    ExtractedPlace,
    Extraction,
    Quantity,
    ResolvedDate,
    Span,
)
from ceasefire.geo.gazetteer import Gazetteer, Place
from ceasefire.geo.gazetteer import load as load_gazetteer
from ceasefire.geo.resolver import resolve_names
from ceasefire.taxonomy.incident_types import EVENT_TYPES

DATA = Path(__file__).parent / "data"

#: How sure a reading is, by how it was made (the values of `Event.field_confidence`).
SURE = 0.9
FAIR = 0.7
UNSURE = 0.5


@dataclass(frozen=True, slots=True)
class Word:
    """A word of the text: as written, where, and in the language's lower case."""

    text: str
    start: int
    end: int
    lower: str

    @property
    def joined(self) -> str:
        """The lower-case word with its apostrophe dropped ("şuşa'da" -> "şuşada")."""
        return self.lower.replace("'", "")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    words: tuple[Word, ...]


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date expression of the text, resolved, and how sure its reading is."""

    start: int
    end: int
    date: ResolvedDate
    confidence: float
    period: bool = False  # a reporting period ("son 24 saatte"): the day before publication


@dataclass(frozen=True, kw_only=True)
class Tongue:
    """What a reader knows of its language; the tables of triggers and actors are its code's rows
    of `data/triggers.tsv` and `data/actors.tsv`."""

    code: str  # ISO 639-1, the code of the tables and of spaCy's blank language
    lower: Callable[[str], str]
    #: The nominative forms of a capitalised word, most likely first, the word itself first.
    name_forms: Callable[[str], list[str]]
    dates: Callable[[str, dt.date | None], list[FoundDate]]
    numbers: Mapping[str, int]  # number words, lower case
    approximate: Mapping[str, int]  # "onlarca" (dozens)
    district_words: tuple[str, ...]  # stems of the word after a district's name ("rayonu")
    #: Endings that make a country's name a word for its people ("Azerbaycanlı", "Ադրբեջանցի").
    people_endings: tuple[str, ...]
    units: Mapping[str, tuple[str, ...]]  # the unit stems each type's count is in
    negated: re.Pattern[str]  # searched in the trigger's last word and after it
    none_before: re.Pattern[str]  # "hiçbir" before the trigger: none happened
    obligation: re.Pattern[str]
    planned: re.Pattern[str]
    alleged: re.Pattern[str]
    #: Words just after a trigger of fighting that make it the background of the sentence
    #: ("çatışmaların sona ermesi", "toqquşmalar zamanı", "բախումների ավարտից հետո").
    background: re.Pattern[str]
    #: Words of saying ("açıkladı", "məlumatına görə", "հայտնում է"): who says them tells of the
    #: events, it is not their doer.
    speech: re.Pattern[str]
    not_names: frozenset[str]  # capitalised words that are never places (months, days, ...)


# ---------------------------------------------------------------- tables


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words in order, each a stem (a prefix; "x$" the whole word "x"), at most `GAP` words
    between them."""

    stems: tuple[str, ...]

    GAP = 2

    def match(self, words: Sequence[str], start: int) -> int | None:
        """The index of the last word of the phrase when it begins at `start`, else None."""
        if not _stem_fits(self.stems[0], words[start]):
            return None
        at = start
        for stem in self.stems[1:]:
            for k in range(at + 1, min(len(words), at + 2 + self.GAP)):
                if _stem_fits(stem, words[k]):
                    at = k
                    break
            else:
                return None
        return at


def _stem_fits(stem: str, word: str) -> bool:
    return word == stem[:-1] if stem.endswith("$") else word.startswith(stem)


@dataclass(frozen=True, slots=True)
class TriggerRule:
    type: str
    weight: float
    phrase: Phrase


@dataclass(frozen=True, slots=True)
class Tables:
    triggers: tuple[TriggerRule, ...]
    countries: tuple[tuple[Phrase, str, bool], ...]  # (stem, alpha-3, a name, not an adjective)
    roles: tuple[tuple[Phrase, str], ...]  # (words, sector)


def _rows(path: Path, columns: int, problems: list[Problem]) -> list[tuple[int, list[str]]]:
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != columns or not all(fields):
            problems.append(Problem(str(path), number,
                                    f"expected {columns} tab-separated fields, got {line!r}"))  # fmt: skip
            continue
        out.append((number, fields))
    return out


def parse_tables(code: str, triggers: Path, actors: Path, event_types: Sequence[str]) -> Tables:
    """A language's rows of the two tables, checked: a type the taxonomy lacks, a sector or a
    country code of the wrong shape is refused, every problem at once, by file and line."""
    problems: list[Problem] = []
    rules = []
    for number, (lang, etype, weight, phrase) in _rows(triggers, 4, problems):
        if lang != code:
            continue
        if etype not in event_types:
            problems.append(Problem(str(triggers), number, f"unknown event type {etype!r}"))
        elif not re.fullmatch(r"\d+(?:\.\d+)?", weight):
            problems.append(Problem(str(triggers), number, f"weight {weight!r} is not a number"))
        else:
            rules.append(TriggerRule(etype, float(weight), Phrase(tuple(phrase.split()))))
    countries, roles = [], []
    for number, (lang, kind, stem, value) in _rows(actors, 4, problems):
        if lang != code:
            continue
        if kind in {"country", "people"} and re.fullmatch(r"[A-Z]{3}", value):
            countries.append((Phrase(tuple(stem.split())), value, kind == "country"))
        elif kind == "role" and value in SECTORS:
            roles.append((Phrase(tuple(stem.split())), value))
        else:
            problems.append(Problem(str(actors), number,
                f"expected kind country or people with an alpha-3 code, or role with a sector "
                f"({', '.join(sorted(SECTORS))}), got {kind!r} {value!r}"))  # fmt: skip
    if problems:
        raise InvalidInputError(problems)
    return Tables(tuple(rules), tuple(countries), tuple(roles))


SECTORS = frozenset({"GOV", "MIL", "REB", "CVL", "IGO", "MED", "NGO", "PTY", "POL", "JUD"})


@functools.lru_cache(maxsize=8)
def tables(code: str) -> Tables:
    """The tables of one language, loaded once."""
    return parse_tables(code, DATA / "triggers.tsv", DATA / "actors.tsv", EVENT_TYPES)


# ---------------------------------------------------------------- words and sentences

#: The Armenian full stop, which spaCy's blank tokenizer and sentencizer do not know.
ARMENIAN_FULL_STOP = "։"


@functools.lru_cache(maxsize=8)
def blank(code: str) -> Language:
    """spaCy's blank tokenizer of the language (never downloads) with a sentencizer that ends a
    sentence at the Armenian full stop as well."""
    nlp = spacy.blank(code)
    suffixes = [*nlp.Defaults.suffixes, re.escape(ARMENIAN_FULL_STOP)]  # type: ignore[misc]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search  # type: ignore[union-attr]
    sentencizer = nlp.add_pipe("sentencizer")
    sentencizer.punct_chars = {*sentencizer.punct_chars, ARMENIAN_FULL_STOP}  # type: ignore[attr-defined]
    return nlp


_LINE = re.compile(r"[^\n]+")


def sentences(tongue: Tongue, text: str) -> list[Sentence]:
    """The sentences of the text, a line never running into the next, with their words
    (punctuation left out, apostrophe forms kept whole: "Şuşa'da")."""
    nlp = blank(tongue.code)
    out = []
    for line in _LINE.finditer(text.replace("’", "'")):
        doc = nlp(line.group())
        for sent in doc.sents:
            words = tuple(
                Word(t.text, line.start() + t.idx, line.start() + t.idx + len(t.text),
                     tongue.lower(t.text))
                for t in sent
                if not (t.is_punct or t.is_space)
            )  # fmt: skip
            if words:
                start = line.start() + sent.start_char
                out.append(Sentence(start, line.start() + sent.end_char, words))
    return out


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
            for p, iso, _ in t.countries if iso == country and _stem_fits(p.stems[0], words[i])
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


# ---------------------------------------------------------------- places

#: The kinds a name before a district word ("Xocavənd rayonu") is read as, when it has one.
DISTRICT_KINDS = frozenset({"district", "admin2", "admin1"})
#: A name found in a context the article gives (its countries), or one the gazetteer holds
#: as notable, is a place; another capitalised word that happens to name a village is not.
NOTABLE_KINDS = frozenset({"country", "region", "state", "admin1", "district", "corridor"})
NOTABLE_POPULATION = 100_000


@dataclass(frozen=True, slots=True)
class FoundName:
    """A place name of the text: the words, the form looked up, and how it was found."""

    first: int  # word indices within its sentence
    last: int
    span: Span
    form: str
    district: bool
    confidence: float  # SURE in the text's spelling, UNSURE only by transliteration


def _notable(found: list[tuple[Place, bool]], countries: Counter[str]) -> bool:
    return any(
        p.geonameid < 0 or p.kind in NOTABLE_KINDS or p.population >= NOTABLE_POPULATION
        or countries[p.country] for p, _ in found
    )  # fmt: skip


def _capitalised(word: Word) -> bool:
    return word.text[:1].isupper() and word.text[:1].isalpha()


def find_names(
    tongue: Tongue,
    gazetteer: Gazetteer,
    sentence: Sentence,
    taken: set[int],
    countries: Counter[str],
) -> list[FoundName]:
    """Place names of a sentence: capitalised words (two together first) not part of an actor,
    in a nominative form the gazetteer knows, in the text's spelling or else transliterated."""
    words = sentence.words
    out: list[FoundName] = []
    i = 0
    while i < len(words):
        if i in taken or not _capitalised(words[i]) or _not_a_name(tongue, words[i]):
            i += 1
            continue
        found = None
        two = i + 1 < len(words) and i + 1 not in taken and _capitalised(words[i + 1])
        for last in (i + 1, i) if two else (i,):
            head = " ".join(w.text for w in words[i:last])
            forms = [f"{head} {f}".strip() for f in tongue.name_forms(words[last].text)]
            found = _look_up(tongue, gazetteer, forms, last, words, countries)
            if found:
                form, sure = found
                district = last + 1 < len(words) and any(
                    words[last + 1].lower.startswith(d) for d in tongue.district_words
                )
                span = (words[i].start, words[last + 1 if district else last].end)
                out.append(FoundName(i, last, span, form, district, sure))
                i = last + 1
                break
        else:
            i += 1
    return out


def _not_a_name(tongue: Tongue, word: Word) -> bool:
    return word.joined in tongue.not_names or word.lower.split("'")[0] in tongue.not_names


def _look_up(
    tongue: Tongue,
    gazetteer: Gazetteer,
    forms: list[str],
    last: int,
    words: Sequence[Word],
    countries: Counter[str],
) -> tuple[str, float] | None:
    district = last + 1 < len(words) and any(
        words[last + 1].lower.startswith(d) for d in tongue.district_words
    )
    # the name as written, else its Latin spellings (the gazetteer's transliteration)
    for look_up, sure in ((gazetteer.as_written, SURE), (gazetteer.candidates, UNSURE)):
        for form in forms:
            found = look_up(form)
            if found and (district or _notable(found, countries)):
                return form, sure
    return None


def place_of(gazetteer: Gazetteer, name: FoundName, resolved: Place | None) -> Place | None:
    """The place a name is: the resolver's, unless a district word follows and the name also
    names a district ("Xocavənd rayonu": the district, not its town)."""
    if not name.district or (resolved is not None and resolved.kind in DISTRICT_KINDS):
        return resolved
    districts = [p for p, _ in gazetteer.candidates(name.form) if p.kind in DISTRICT_KINDS]
    if not districts:
        return resolved
    return max(districts, key=lambda p: (p.geonameid < 0, p.kind == "district", p.population))


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
    mentions: dict[tuple[str, float, float], tuple[ExtractedPlace, list[Span]]] = {}
    for span, (where, _, _) in sorted(places_of.items()):
        mentions.setdefault((where.name, where.lat, where.lon), (where, []))[1].append(span)
    actors: dict[tuple[str, str | None, str | None], Actor] = {}
    for found in actors_by:
        for a in found:
            actor = a.mention.actor
            actors.setdefault((actor.name, actor.country, actor.sector), actor)
    return Extraction(
        title=title,
        published=published,
        published_found=found_published,
        places=tuple(ArticlePlace(p, tuple(spans)) for p, spans in mentions.values()),
        actors=tuple(actors.values()),
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
