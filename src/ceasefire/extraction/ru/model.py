"""The Russian model: natasha's segmenter, morphology and NER (slovnet weights shipped in the
natasha wheel), and pymorphy3 for lemmas, loaded once per process on first use.

natasha's own lemmatiser (`MorphVocab`) goes through pymorphy2, which cannot start on Python
3.11 (`inspect.getargspec`, `pkg_resources`); `lemma` does what it does with pymorphy3: of the
dictionary's readings of a word, the one that agrees with the tagger's part of speech and case.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import pymorphy3
from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
from threadpoolctl import threadpool_limits

#: Universal Dependencies parts of speech -> the OpenCorpora ones pymorphy3 gives.
_POS = {
    "NOUN": {"NOUN"}, "PROPN": {"NOUN"}, "ADJ": {"ADJF", "ADJS", "PRTF", "COMP"},
    "VERB": {"VERB", "INFN", "PRTF", "PRTS", "GRND"}, "AUX": {"VERB", "INFN"},
    "NUM": {"NUMR", "ADJF"}, "ADV": {"ADVB", "PRED", "COMP"}, "DET": {"ADJF", "NPRO"},
    "PRON": {"NPRO"},
}  # fmt: skip
_CASE = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int  # character offsets in the text
    end: int
    pos: str  # Universal Dependencies
    case: str | None  # Nom, Gen, Dat, Acc, Ins, Loc
    lemma: str  # lower case, ё as е
    future: bool = False  # a verb in the future tense ("завершится", "будет")


@dataclass(frozen=True, slots=True)
class Entity:
    label: str  # LOC, PER, ORG
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]


@dataclass(frozen=True, slots=True)
class Parsed:
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]


class _Models:
    def __init__(self) -> None:
        embedding = NewsEmbedding()
        self.segmenter = Segmenter()
        self.morph = NewsMorphTagger(embedding)
        self.ner = NewsNERTagger(embedding)
        self.analyzer = pymorphy3.MorphAnalyzer()


@functools.lru_cache(maxsize=1)
def models() -> _Models:
    """The loaded models, once per process (about a second and 150 MB)."""
    return _Models()


@functools.lru_cache(maxsize=200_000)
def lemma(word: str, pos: str = "", case: str | None = None) -> str:
    """The dictionary form of `word`, lower case with ё as е: of pymorphy3's readings, the most
    likely one of the tagger's part of speech (and case, where it gives one)."""
    if pos == "PROPN" and case == "Nom":
        return word.lower().replace("ё", "е")  # a name as written is its own dictionary form
    readings = models().analyzer.parse(word)
    wanted = _POS.get(pos)
    grammeme = _CASE.get(case or "")
    best = None
    for reading in readings:
        if wanted is not None and reading.tag.POS not in wanted:
            continue
        if grammeme is not None and reading.tag.case not in (None, grammeme):
            continue
        best = reading
        break
    if best is None and wanted is not None:
        best = next((r for r in readings if r.tag.POS in wanted), None)
    chosen = best or (readings[0] if readings else None)
    form = str(chosen.normal_form) if chosen is not None else word.lower()
    return form.replace("ё", "е")


def _token(word: Any, tag: Any, offset: int) -> Token:
    """A word (its offsets in its line) with the tagger's part of speech, case and tense."""
    feats = tag.feats or {}
    case = feats.get("Case")
    pos = tag.pos or ""
    start, end = word.start + offset, word.stop + offset
    future = feats.get("Tense") == "Fut"
    return Token(word.text, start, end, pos, case, lemma(word.text, pos, case), future)


def _lines(text: str) -> list[tuple[int, str]]:
    """The text's non-blank lines with their offsets: a headline or a dateline without a stop
    is never one sentence with the paragraph after it."""
    out, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((offset, line))
        offset += len(line) + 1
    return out


def parse(text: str) -> Parsed:
    """Sentences with their tokens' lemmas, and the named entities, of a Russian text (line by
    line; offsets are into the whole text). The article's sentences go through the tagger, and
    its lines through the NER, as one batch each."""
    m = models()
    lines = _lines(text)
    sentences: list[tuple[int, Any, list[Any]]] = []  # (line offset, sentence, its tokens)
    for offset, line in lines:
        tokens = list(m.segmenter.tokenize(line))
        for s in m.segmenter.sentenize(line):
            words = [t for t in tokens if s.start <= t.start < s.stop]
            if words:
                sentences.append((offset, s, words))
    # numpy's BLAS threads make slovnet's small matrix products several times slower, in CPU
    # and in wall time, on a machine whose cores are shared: one thread each
    with threadpool_limits(limits=1, user_api="blas"):
        tagged = list(m.morph.map([[w.text for w in words] for _, _, words in sentences]))
        named = list(m.ner.map([line for _, line in lines]))
    out = tuple(
        Sentence(
            s.start + offset,
            s.stop + offset,
            s.text,
            tuple(_token(w, t, offset) for w, t in zip(words, markup.tokens, strict=True)),
        )
        for (offset, s, words), markup in zip(sentences, tagged, strict=True)
    )
    entities = tuple(
        Entity(e.type, e.start + offset, e.stop + offset, line[e.start : e.stop])
        for (offset, line), markup in zip(lines, named, strict=True)
        for e in markup.spans
    )
    return Parsed(out, entities)
