"""Places in a text read without a model: capitalised words in their nominative forms, looked up
as written, else by their Latin spellings, district words, the resolver's choice."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ceasefire.extraction.tongue import SURE, UNSURE, Sentence, Tongue, Word
from ceasefire.extraction.values import Span
from ceasefire.geo.gazetteer import Gazetteer, Place

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
