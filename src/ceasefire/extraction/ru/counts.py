"""Counts in Russian: a number in digits or words, declined ("два нарушения", "двух
военнослужащих", "зафиксировано 5 нарушений", "44 пленных"), and the thing counted, by lemma.

Works on the lemmas of a sentence's tokens, so every case of a number word is one entry here
("двух", "двум", "двумя" are all "два").
"""

from __future__ import annotations

from collections.abc import Sequence

from ceasefire.extraction.ru.model import Token
from ceasefire.extraction.values import Quantity

NUMBER_WORDS = {
    "один": 1, "два": 2, "оба": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
    "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12,
    "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16,
    "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "тридцать": 30,
    "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80,
    "девяносто": 90, "сто": 100, "двести": 200, "триста": 300, "четыреста": 400,
    "пятьсот": 500, "тысяча": 1000,
}  # fmt: skip
#: Words of a rough count, with the value the English reader gives their equivalents.
APPROXIMATE = {"несколько": None, "десяток": 24, "десятки": 24, "сотня": 200, "тысячи": 2000}
#: The nouns a count is of (lemmas), and a few adjectives used as nouns ("пленные").
UNITS = frozenset({
    "нарушение", "обстрел", "выстрел", "взрыв", "очередь", "снаряд", "мина", "ракета",
    "боеприпас", "предмет", "пленный", "военнопленный", "тело", "задержанный", "военнослужащий",
    "человек", "миротворец", "маршрут", "патруль", "патрулирование", "колонна", "автомобиль",
    "машина", "грузовик", "единица", "пост", "беженец", "переселенец", "житель", "гектар",
    "населенный", "пункт", "дом", "погибший", "раненый", "боевик", "солдат", "автобус",
})  # fmt: skip
#: The units a count of each type is most likely of, best first (as the English TYPE_UNITS).
TYPE_UNITS: dict[str, tuple[str, ...]] = {
    "ceasefire-violation": ("нарушение", "обстрел", "взрыв", "выстрел", "очередь"),
    "shelling-artillery-missile-attack": ("взрыв", "снаряд", "мина", "ракета", "обстрел"),
    "armed-clash": ("нарушение", "выстрел", "очередь", "погибший", "раненый"),
    "patrol": ("маршрут", "патруль", "патрулирование", "колонна", "автомобиль", "машина"),
    "demining": ("предмет", "боеприпас", "мина", "снаряд", "гектар"),
    "exchange-of-detainees": ("пленный", "военнопленный", "тело", "задержанный",
                              "военнослужащий", "человек"),
    "deployment": ("миротворец", "военнослужащий", "единица", "человек", "солдат"),
    "withdrawal": ("военнослужащий", "единица", "солдат", "человек"),
    "other": ("беженец", "переселенец", "житель", "человек"),
    "headquarters-or-base-established": ("пост",),
}  # fmt: skip
UNCOUNTED = frozenset({"agreement", "diplomatic-meeting", "statement"})
#: Words a count may stand apart from its noun by ("5 нарушений", "два грубых нарушения",
#: "двух армянских военнослужащих"): adjectives, up to two.
_GAP = 2


def _number(tokens: Sequence[Token], i: int) -> tuple[int | None, int, bool] | None:
    """The count that starts at token `i`: (value, tokens it takes, approximate), or None."""
    word = tokens[i].text.replace("\u00a0", "")
    if word.isdigit():
        return int(word), 1, False
    lemma = tokens[i].lemma
    if lemma in APPROXIMATE:
        return APPROXIMATE[lemma], 1, True
    if tokens[i].text.lower() in APPROXIMATE:  # "тысячи", "десятки" as written
        return APPROXIMATE[tokens[i].text.lower()], 1, True
    if lemma not in NUMBER_WORDS:
        return None
    value, used = 0, 0
    while i + used < len(tokens) and tokens[i + used].lemma in NUMBER_WORDS:
        value += NUMBER_WORDS[tokens[i + used].lemma]  # "двадцать два" -> 22
        used += 1
    return value, used, False


def counts(tokens: Sequence[Token]) -> list[tuple[int, Quantity]]:
    """Every count of something in a sentence, with the character offset where it starts."""
    out: list[tuple[int, Quantity]] = []
    i = 0
    while i < len(tokens):
        found = _number(tokens, i)
        if found is None:
            i += 1
            continue
        value, used, approximate = found
        for j in range(i + used, min(len(tokens), i + used + _GAP + 1)):
            if tokens[j].lemma in UNITS:
                text = "".join(
                    t.text + " " for t in tokens[i : j + 1]
                ).strip()  # the words as written, one space apart
                out.append((tokens[i].start, Quantity(value, tokens[j].lemma, text, approximate)))
                break
            if tokens[j].pos not in {"ADJ", "DET", "NUM"}:
                break
        i += used
    return out


def quantity_in(tokens: Sequence[Token], event_type: str, at: int) -> Quantity | None:
    """The count an event of `event_type` carries: of a unit that type is counted in, the one
    nearest the trigger at character `at`; else the first count in the sentence."""
    if event_type in UNCOUNTED:
        return None
    found = counts(tokens)
    for unit in TYPE_UNITS.get(event_type, ()):
        of_unit = [(pos, q) for pos, q in found if q.unit == unit]
        if of_unit:
            return min(of_unit, key=lambda pq: abs(pq[0] - at))[1]
    return found[0][1] if found else None
