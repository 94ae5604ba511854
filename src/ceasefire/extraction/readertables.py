"""The trigger and actor tables of the readers without a model (`data/triggers.tsv`,
`data/actors.tsv`): phrases by stem, read once per language and checked whole."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ceasefire.errors import InvalidInputError, Problem
from ceasefire.taxonomy.incident_types import EVENT_TYPES

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words in order, each a stem (a prefix; "x$" the whole word "x"), at most `GAP` words
    between them."""

    stems: tuple[str, ...]

    GAP = 2

    def match(self, words: Sequence[str], start: int) -> int | None:
        """The index of the last word of the phrase when it begins at `start`, else None."""
        if not stem_fits(self.stems[0], words[start]):
            return None
        at = start
        for stem in self.stems[1:]:
            for k in range(at + 1, min(len(words), at + 2 + self.GAP)):
                if stem_fits(stem, words[k]):
                    at = k
                    break
            else:
                return None
        return at


def stem_fits(stem: str, word: str) -> bool:
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
