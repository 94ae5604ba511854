"""Russian place names: the entities the model labels LOC and the district phrases ("в
Мартунинском районе"), brought to the nominative and looked up in the gazetteer in Cyrillic.

A district is named by the adjective of its centre; the centre's name comes back by rule
("-ский" off, then the stem's common endings: Мартунинский -> Мартуни, Шушинский -> Шуша,
Аскеранский -> Аскеран), the first form the gazetteer knows winning. "район", "область",
"регион" or "округ" prefer the division of that name over a town of it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ceasefire.extraction.ru import actors as ru_actors
from ceasefire.extraction.ru.model import Entity, Token
from ceasefire.extraction.values import ExtractedPlace, PlaceMention
from ceasefire.geo.gazetteer import Gazetteer, Place
from ceasefire.geo.resolver import resolve_names

#: Words of a division, by lemma.
DIVISION_WORDS = frozenset({"район", "область", "регион", "округ", "провинция", "край"})
DIVISION_KINDS = frozenset({"district", "admin1", "admin2", "state"})
_ADJECTIVE_ENDINGS = ("ский", "цкий")


def _title(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


def centre_names(adjective: str) -> list[str]:
    """The names a district's adjective may come from, most likely first: "мартунинский" ->
    Мартунин, Мартуни, Мартуна, ...; the gazetteer decides which is a place."""
    word = adjective.lower()
    if not word.endswith(_ADJECTIVE_ENDINGS):
        return []
    out: list[str] = []
    stem = word[: -len("ский")]
    if word.endswith("цкий"):
        out.append(word[:-2])  # донецкий -> донецк
        stem = word[: -len("цкий")] + "ц"
    out.append(stem)
    if stem.endswith("ь"):
        out.append(stem[:-1])  # джебраильский -> джебраил
    if stem.endswith("н"):
        out.append(stem[:-1])  # мартунинский -> мартуни
    if stem.endswith(("ин", "ен", "ын")):
        out += [stem[:-2] + "а", stem[:-2] + "и", stem[:-2] + "я", stem[:-2]]  # шушинский -> шуша
    out.append(stem + "а")
    out.append(word[:-2])
    return [_title(n) for n in dict.fromkeys(out)]


@dataclass(frozen=True, slots=True)
class Phrase:
    """A place phrase of the text: where it is, the nominative names to try, a division?"""

    start: int
    end: int
    names: tuple[str, ...]
    division: bool
    country: str | None = None  # alpha-3, when the phrase is a country's name ("Армении")


def _division_word(tokens: Sequence[Token], i: int) -> int | None:
    """The index of the division word an adjective at `i` qualifies: the next word, or the one
    after a list of such adjectives ("в Шушинском, Аскеранском и Мардакертском районах")."""
    j = i + 1
    while (
        j + 1 < len(tokens)
        and tokens[j].text in {",", "и"}
        and (tokens[j + 1].lemma.endswith(_ADJECTIVE_ENDINGS))
    ):
        j += 2
    return j if j < len(tokens) and tokens[j].lemma in DIVISION_WORDS else None


def phrases(tokens: Sequence[Token], entities: Sequence[Entity]) -> list[Phrase]:
    """The place phrases of one sentence: LOC entities and adjective + division word."""
    countries = ru_actors.words().countries
    out: list[Phrase] = []
    covered: set[int] = set()
    for i, token in enumerate(tokens):
        division = _division_word(tokens, i)
        if token.text[:1].isupper() and token.lemma.endswith(_ADJECTIVE_ENDINGS) and division:
            end = tokens[division].end if division == i + 1 else token.end
            out.append(Phrase(token.start, end, tuple(centre_names(token.lemma)), True))
            covered.update({i, division} if division == i + 1 else {i})
    for entity in entities:
        if entity.label != "LOC":
            continue
        inside = [i for i, t in enumerate(tokens) if entity.start <= t.start < entity.end]
        if not inside or covered & set(inside):
            continue
        words = [tokens[i] for i in inside]
        division = bool(
            words[-1].lemma in DIVISION_WORDS
            or (inside[-1] + 1 < len(tokens) and tokens[inside[-1] + 1].lemma in DIVISION_WORDS)
        )
        core = [w for w in words if w.lemma not in DIVISION_WORDS] or words
        names = [
            entity.text,
            " ".join(_title(w.lemma) for w in core),
            " ".join(w.text for w in core),
        ]
        if len(core) == 1:
            names += centre_names(core[0].lemma)
        country = countries.get(tuple(w.lemma for w in core))
        out.append(Phrase(entity.start, entity.end, tuple(dict.fromkeys(names)), division, country))
    return sorted(out, key=lambda p: p.start)


def _extracted(place: Place) -> ExtractedPlace:
    return ExtractedPlace(
        name=place.name, lat=round(place.lat, 5), lon=round(place.lon, 5), country=place.country,
        geonameid=place.geonameid if place.geonameid > 0 else None, kind=place.kind,
    )  # fmt: skip


def _division(gazetteer: Gazetteer, names: Sequence[str]) -> Place | None:
    """The division a district phrase names: our supplement's first, then the most populous."""
    for name in names:
        found = [p for p, _ in gazetteer.candidates(name) if p.kind in DIVISION_KINDS]
        if found:
            return min(found, key=lambda p: (p.geonameid > 0, -p.population))
    return None


def place(
    gazetteer: Gazetteer, text: str, found: Sequence[Phrase], countries: Counter[str]
) -> list[PlaceMention]:
    """The places of an article's phrases, resolved together (each informs the others), the
    districts among the divisions."""
    named: list[tuple[Phrase, str]] = []
    out: list[PlaceMention] = []
    for phrase in found:
        # a country by its name in our table: the gazetteer's Cyrillic names of countries are
        # few, and a namesake town must not win ("Армения" is also a town in Colombia)
        state = gazetteer.country(phrase.country) if phrase.country else None
        if state is not None:
            span = (phrase.start, phrase.end)
            out.append(PlaceMention(text[phrase.start : phrase.end], span, _extracted(state)))
            continue
        name = next((n for n in phrase.names if gazetteer.candidates(n)), None)
        if name is not None:
            named.append((phrase, name))
    resolved = resolve_names(gazetteer, [n for _, n in named], context_countries=countries)
    for (phrase, _), res in zip(named, resolved, strict=True):
        where = _division(gazetteer, phrase.names) if phrase.division else None
        where = where or (res.place if not res.fallback else None)
        if where is not None:
            span = (phrase.start, phrase.end)
            out.append(PlaceMention(text[phrase.start : phrase.end], span, _extracted(where)))
    return sorted(out, key=lambda m: m.span[0])
