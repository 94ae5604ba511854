"""Direct quotes in news text, and who said them.

Pure functions over the text and the named people found in it: a quote's speaker is named after
it ("...," said Ilham Aliyev), before it in the same sentence (Pashinyan described it as "..."),
by a pronoun resolved to the last named person ("he declared"), or carried over from the quote
before when a paragraph opens a quote and the previous paragraph's quote was left open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = '"“«„'
_CLOSE = '"”»“'
SPEECH_VERBS = (
    r"said|says|told|tells|declared|declares|stressed|stresses|added|adds|noted|notes|stated|states|"
    r"announced|announces|wrote|writes|tweeted|asked|asks|warned|warns|insisted|insists|explained|"
    r"claimed|claims|argued|argues|replied|recalled|emphasi[sz]ed|underlined|continued|concluded|"
    r"described|called|urged|acknowledged|admitted|posted"
)
_AFTER_VERB_FIRST = re.compile(rf"^\s*[,.]?\s*(?:{SPEECH_VERBS})\s+", re.I)
_AFTER_PRONOUN = re.compile(rf"^\s*[,.]?\s*(?P<pronoun>he|she)\s+(?:{SPEECH_VERBS})\b", re.I)
_AFTER_PRONOUN_VERB = re.compile(rf"^\s*[,.]?\s*(?:{SPEECH_VERBS})\s+(?P<pronoun>he|she)\b", re.I)


@dataclass(frozen=True)
class Quote:
    start: int  # offsets of the quoted words, marks excluded
    end: int
    text: str
    speaker: str | None = None


@dataclass(frozen=True)
class Person:
    start: int
    end: int
    name: str  # canonical name (full name when the article gives it)


def find_quotes(text: str, *, min_words: int = 1) -> list[Quote]:
    """Quoted passages; an opening mark left unclosed at a paragraph's end continues the quote
    when the next paragraph opens with a mark (the newspaper convention), else it ends there."""
    quotes: list[Quote] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] not in _OPEN:
            i += 1
            continue
        start = i + 1
        j = start
        while j < n and text[j] not in _CLOSE:
            if text[j] == "\n":
                # paragraph end inside a quote: continue only when the next paragraph reopens it
                k = j
                while k < n and text[k] in "\r\n \t":
                    k += 1
                if "\n\n" in text[j:k] or text[j:k].count("\n") >= 1:
                    if k < n and text[k] in _OPEN:
                        j = k + 1
                        continue
                    break
            j += 1
        end = j
        body = text[start:end].strip()
        if len(body.split()) >= min_words and end > start:
            quotes.append(Quote(start, end, text[start:end]))
        i = end + 1
    return quotes


def _canonical(persons: list[Person]) -> dict[str, str]:
    """Surname -> full name, from the full names an article gives."""
    out: dict[str, str] = {}
    for p in persons:
        parts = p.name.split()
        if len(parts) > 1:
            out.setdefault(parts[-1].lower(), p.name)
    return out


def canonical_name(name: str, persons: list[Person]) -> str:
    parts = name.split()
    if len(parts) == 1:
        return _canonical(persons).get(parts[0].lower(), name)
    return name


def with_surnames(text: str, persons: list[Person]) -> list[Person]:
    """`persons` plus every bare mention of a full-named person's surname the model missed."""
    taken = [(p.start, p.end) for p in persons]
    out = list(persons)
    for surname, full in _canonical(persons).items():
        for m in re.finditer(rf"\b{re.escape(surname)}\b", text, re.I):
            if m.group(0)[:1].isupper() and not any(s <= m.start() < e for s, e in taken):
                out.append(Person(m.start(), m.end(), full))
                taken.append(m.span())
    return sorted(out, key=lambda p: p.start)


def attribute(text: str, quotes: list[Quote], persons: list[Person]) -> list[Quote]:
    """Give every quote its speaker (None when the text does not say)."""
    persons = sorted(persons, key=lambda p: p.start)
    full = _canonical(persons)

    def name_of(p: Person) -> str:
        parts = p.name.split()
        return full.get(parts[-1].lower(), p.name) if parts else p.name

    def last_before(pos: int) -> str | None:
        before = [p for p in persons if p.end <= pos]
        return name_of(before[-1]) if before else None

    out: list[Quote] = []
    previous: Quote | None = None
    for q in quotes:
        close = q.end + 1
        after = text[close : close + 120]
        sentence_end = re.search(r"[.!?](?:\s|$)|\n", after)
        window_end = close + (sentence_end.start() if sentence_end else len(after))
        speaker: str | None = None
        # named after the quote: '"...," said Ilham Aliyev' or '"...," Aliyev said'
        for p in persons:
            if close <= p.start <= window_end and p.start - close < 60:
                between = text[close : p.start]
                if _AFTER_VERB_FIRST.match(between) or re.match(r"^\s*[,.]?\s*$", between):
                    tail = text[p.end : p.end + 30]
                    if _AFTER_VERB_FIRST.match(between) or re.match(
                        rf"^\s*(?:{SPEECH_VERBS})\b", tail, re.I
                    ):
                        speaker = name_of(p)
                        break
        if speaker is None and (_AFTER_PRONOUN.match(after) or _AFTER_PRONOUN_VERB.match(after)):
            speaker = last_before(q.start)
        if speaker is None:
            # named before the quote in the same sentence: 'Pashinyan described it as "..."'
            line_start = max(text.rfind("\n", 0, q.start), text.rfind(". ", 0, q.start)) + 1
            prior_close = previous.end if previous and previous.end > line_start else line_start
            earlier = [p for p in persons if prior_close <= p.start < q.start]
            if earlier:
                speaker = name_of(earlier[-1])
        if speaker is None and previous is not None and previous.speaker:
            # a quote that opens a paragraph after the same speaker's quote, nobody else named
            others = [p for p in persons if previous.end < p.start < q.start]
            opens_paragraph = text[max(0, q.start - 3) : q.start - 1].strip() == "" and (
                q.start < 2 or "\n" in text[max(0, q.start - 3) : q.start]
            )
            if opens_paragraph and all(name_of(p) == previous.speaker for p in others):
                speaker = previous.speaker
        quote = Quote(q.start, q.end, q.text, speaker)
        out.append(quote)
        previous = quote
    return out
