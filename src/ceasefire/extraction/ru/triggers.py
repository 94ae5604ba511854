"""Russian event triggers by lemma (`triggers.tsv`, loaded once) and the modality a sentence
gives them, from its own words ("по заявлению", "опровергло", "должны", "будет").

A sentence that says nothing happened ("нарушений не зафиксировано", "ни одного нарушения")
reports no event: `absent` tells the reader to leave its triggers out.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from importlib import resources

from ceasefire.extraction.ru.model import Token
from ceasefire.taxonomy.incident_types import EVENT_TYPES


@dataclass(frozen=True, slots=True)
class Rule:
    type: str
    weight: float
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    start: int  # character offsets in the text
    end: int
    weight: float


#: In a sentence of both, the second type is the first one's form ("нарушение ... обстрел").
OVERRIDES = (
    ("ceasefire-violation", "armed-clash"),
    ("ceasefire-violation", "shelling-artillery-missile-attack"),
    ("demining", "shelling-artillery-missile-attack"),
    ("exchange-of-detainees", "handover-of-territory"),
    ("deployment", "headquarters-or-base-established"),
)


def parse_rules(text: str, source: str = "triggers.tsv") -> list[Rule]:
    """The rules of a trigger table; a bad row is refused with its line."""
    rules = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise ValueError(f"{source}:{number}: expected type, weight, pattern (3 columns)")
        etype, weight, pattern = fields
        if etype not in EVENT_TYPES:
            raise ValueError(f"{source}:{number}: {etype!r} is no event type of the taxonomy")
        try:
            compiled = re.compile(rf"(?<!\S)(?:{pattern})(?!\S)")
        except re.error as e:
            raise ValueError(f"{source}:{number}: pattern: {e}") from None
        rules.append(Rule(etype, float(weight), compiled))
    return rules


@functools.lru_cache(maxsize=1)
def rules() -> list[Rule]:
    table = resources.files("ceasefire.extraction.ru").joinpath("triggers.tsv").read_text("utf-8")
    return parse_rules(table)


def triggers(tokens: tuple[Token, ...], table: list[Rule] | None = None) -> list[Trigger]:
    """The event types a sentence's lemmas signal, the first trigger of each type, and no two
    types on the same words (the one written first in the table keeps them)."""
    starts: list[int] = []
    parts: list[str] = []
    position = 0
    for token in tokens:
        starts.append(position)
        parts.append(token.lemma)
        position += len(token.lemma) + 1
    lemmas = " ".join(parts)
    found: dict[str, Trigger] = {}
    for rule in table if table is not None else rules():
        if rule.type in found:
            continue
        for m in rule.pattern.finditer(lemmas):
            first = bisect.bisect_right(starts, m.start()) - 1
            last = bisect.bisect_right(starts, max(m.start(), m.end() - 1)) - 1
            start, end = tokens[first].start, tokens[last].end
            if any(t.start < end and start < t.end for t in found.values()):
                continue
            found[rule.type] = Trigger(rule.type, start, end, rule.weight)
            break
    for winner, loser in OVERRIDES:
        if winner in found:
            found.pop(loser, None)
    return sorted(found.values(), key=lambda t: t.start)


_ABSENT = re.compile(
    r"(?<!\w)(?:не\s+(?:было\s+)?(?:зафиксирован\w*|зарегистрирован\w*|отмечен\w*|выявлен\w*|"
    r"допущен\w*|поступал\w*|происходил\w*|было)|ни\s+одного|ни\s+одной|"
    r"отсутств\w*|обошлось\s+без)(?!\w)",
    re.I,
)
_DENIED = re.compile(
    r"(?<!\w)(?:опроверг\w*|отрица\w*|не\s+соответству\w*\s+действительности|ложь|ложн\w*|"
    r"дезинформаци\w*|не\s+подтвер\w*)(?!\w)",
    re.I,
)
_OBLIGATION = re.compile(
    r"(?<!\w)(?:должн\w*|обязан\w*|обязу\w*|обязательств\w*|необходимо|следует|надлежит)(?!\w)",
    re.I,
)
_ALLEGED = re.compile(
    r"(?<!\w)(?:по\s+(?:заявлению|словам|данным|информации|сообщению|утверждению)|"
    r"сообщил\w*|сообщает|сообщают|заявил\w*|заявляет|заявляют|обвинил\w*|обвиня\w*|якобы|"
    r"утвержда\w*|предположительно|по\s+неподтвержденным)(?!\w)",
    re.I,
)
_PLANNED = re.compile(
    r"(?<!\w)(?:будет|будут|планиру\w*|запланирован\w*|намерен\w*|намерева\w*|предстоит|"
    r"состоится|пройдет|начнется|собира\w*ся|готов\w*\s+к|ожида\w*ся)(?!\w)",
    re.I,
)


def absent(sentence: str) -> bool:
    """Whether the sentence says that what it names did not happen ("нарушений не зафиксировано")."""
    return bool(_ABSENT.search(sentence))


def modality(sentence: str, trigger_start: int, *, future: bool = False) -> str:
    """`denied`, `obligation`, `planned`, `alleged` or `happened`, from the words before the
    trigger (at `trigger_start` in the sentence) and a few after it; `future` when a verb near
    the trigger is in the future tense ("вывод завершится")."""
    window = sentence[: trigger_start + 40]
    if _DENIED.search(window):
        return "denied"
    if _OBLIGATION.search(window):
        return "obligation"
    if future or _PLANNED.search(window):
        return "planned"
    if _ALLEGED.search(sentence[:trigger_start]):
        return "alleged"
    return "happened"
