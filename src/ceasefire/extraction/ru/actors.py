"""Russian actors: forces, ministries, peacekeepers and people, each with an alpha-3 country and
a CAMEO sector as `extraction/actors.py` gives them ("российские миротворцы" RUS MIL,
"вооружённые силы Азербайджана" AZE MIL, "Минобороны России" RUS MIL, "ВС Армении" ARM MIL).

The words are a data table by lemma (`actors.tsv`): countries by their adjectives, names and
abbreviations, sectors by their role words. A role word takes the country of an adjective just
before it or of a country's name just after it (in the genitive).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from ceasefire.extraction.ru.model import Entity, Token
from ceasefire.extraction.values import Actor, ActorMention

MAX_WORDS = 4


@dataclass(frozen=True, slots=True)
class Words:
    """Lemma sequences -> (country code or None, sector or None)."""

    countries: dict[tuple[str, ...], str]
    sectors: dict[tuple[str, ...], str]


def parse_words(text: str, source: str = "actors.tsv") -> Words:
    countries: dict[tuple[str, ...], str] = {}
    sectors: dict[tuple[str, ...], str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or fields[0] not in {"country", "sector"}:
            raise ValueError(f"{source}:{number}: expected country|sector, code, words")
        kind, code, words = fields
        if kind == "country" and not (len(code) == 3 and code.isupper()):
            raise ValueError(f"{source}:{number}: {code!r} is no ISO 3166-1 alpha-3 code")
        table = countries if kind == "country" else sectors
        for phrase in words.split("|"):
            key = tuple(phrase.split())
            if not key or len(key) > MAX_WORDS:
                raise ValueError(f"{source}:{number}: {phrase!r}: 1 to {MAX_WORDS} words")
            table.setdefault(key, code)
    return Words(countries, sectors)


@functools.lru_cache(maxsize=1)
def words() -> Words:
    table = resources.files("ceasefire.extraction.ru").joinpath("actors.tsv").read_text("utf-8")
    return parse_words(table)


@dataclass(frozen=True, slots=True)
class _Unit:
    kind: str  # country | sector
    code: str
    first: int  # token indexes, inclusive
    last: int


def _units(tokens: Sequence[Token], table: Words) -> list[_Unit]:
    """The longest country or role phrase at each position, left to right."""
    out: list[_Unit] = []
    i = 0
    while i < len(tokens):
        for size in range(min(MAX_WORDS, len(tokens) - i), 0, -1):
            key = tuple(t.lemma for t in tokens[i : i + size])
            if key in table.countries:
                out.append(_Unit("country", table.countries[key], i, i + size - 1))
                break
            if key in table.sectors:
                out.append(_Unit("sector", table.sectors[key], i, i + size - 1))
                break
        else:
            i += 1
            continue
        i = out[-1].last + 1
    return out


def _name(tokens: Sequence[Token]) -> str:
    return " ".join(t.lemma for t in tokens)


def _person_name(tokens: Sequence[Token]) -> str:
    """A person's name in the nominative: "Ильхамом Алиевым" -> "Ильхам Алиев"."""
    return " ".join(
        "-".join(part[:1].upper() + part[1:] for part in t.lemma.split("-")) for t in tokens
    )


def mentions(
    text: str, tokens: Sequence[Token], entities: Sequence[Entity], table: Words | None = None
) -> list[ActorMention]:
    """The actors of one sentence (its tokens, and the entities that fall in it)."""
    table = table or words()
    people = [e for e in entities if e.label == "PER"]
    in_person = {i for i, t in enumerate(tokens) for p in people if p.start <= t.start < p.end}
    units = [u for u in _units(tokens, table) if u.first not in in_person]
    used: set[int] = set()
    out: list[ActorMention] = []

    def add(first: int, last: int, name: str, country: str | None, sector: str | None,
            bare: bool = False) -> None:  # fmt: skip
        start, end = tokens[first].start, tokens[last].end
        out.append(ActorMention(Actor(text[start:end], name, country, sector), (start, end), bare))

    for n, unit in enumerate(units):
        if unit.kind != "sector" or n in used:
            continue
        first, last, country = unit.first, unit.last, None
        before = units[n - 1] if n > 0 else None
        after = units[n + 1] if n + 1 < len(units) else None
        if (
            before
            and before.kind == "country"
            and unit.first - before.last <= 2
            and n - 1 not in used
            and tokens[before.last].pos == "ADJ"
        ):
            first, country = before.first, before.code  # "российские миротворцы"
            used.add(n - 1)
        elif (
            after
            and after.kind == "country"
            and after.first - unit.last <= 2
            and tokens[after.last].pos != "ADJ"  # a name, not "военнослужащих, армянской"
            and tokens[after.last].case in {"Gen", None}
            and all(t.pos in {"NOUN", "PROPN", "ADJ"} for t in tokens[unit.last + 1 : after.first])
        ):
            last, country = after.last, after.code  # "вооружённые силы Азербайджана"
            used.add(n + 1)
        used.add(n)
        # the person a title names: "президент Азербайджана Ильхам Алиев"
        person = next((p for p in people if 0 <= p.start - tokens[last].end <= 2), None)
        if person is not None:
            continue  # told with the person below
        add(first, last, _name(tokens[first : last + 1]), country, unit.code)
    for n, unit in enumerate(units):
        if unit.kind == "country" and n not in used:
            add(unit.first, unit.last, _name(tokens[unit.first : unit.last + 1]), unit.code,
                "GOV", bare=True)  # fmt: skip
    for person in people:
        inside = [i for i, t in enumerate(tokens) if person.start <= t.start < person.end]
        if not inside:
            continue
        # the title and country just before the name: "президент Азербайджана Ильхам Алиев"
        near = [u for u in units if inside[0] - 4 <= u.first and u.last < inside[0]]
        sector = next((u.code for u in reversed(near) if u.kind == "sector"), None)
        country = next((u.code for u in reversed(near) if u.kind == "country"), None)
        add(inside[0], inside[-1], _person_name([tokens[i] for i in inside]), country, sector)
    for org in (e for e in entities if e.label == "ORG"):
        if any(m.span[0] < org.end and org.start < m.span[1] for m in out):
            continue
        org_tokens = [t for t in tokens if org.start <= t.start < org.end]
        if not org_tokens:
            continue
        found = _units(org_tokens, table)
        sector = next((u.code for u in found if u.kind == "sector"), "GOV")
        country = next((u.code for u in found if u.kind == "country"), None)
        out.append(ActorMention(Actor(org.text, org.text, country, sector), (org.start, org.end)))
    return sorted(out, key=lambda m: m.span[0])
