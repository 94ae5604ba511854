"""What a reader without a model knows of its language (a `Tongue`), the words and sentences of
a text as it reads them (spaCy's blank tokenizer and a sentencizer), and how sure a reading is."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.util import compile_suffix_regex

from ceasefire.extraction.values import ResolvedDate

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
