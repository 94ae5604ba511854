"""The language of a text and the reader that reads it: detection offline (lingua, whose models
ship inside its wheel), and the table of readers by ISO 639-1 code.

A text is read only by a reader of its own language; a language without one is "not read", never
put through the English model (docs/extraction.md, *Languages*).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from ceasefire.extraction import armenian, pipeline, ru, turkic
from ceasefire.extraction.values import Extraction

#: A reader: the text and its publication date in, what it found out.
Reader = Callable[[str, dt.date | None], Extraction]

#: ISO 639-2 "undetermined": too short, too mixed, or written so that no reader could read it.
UNDETERMINED = "und"

#: The center's five languages, and those its sources also carry (a Georgian, Iranian, Arab or
#: European outlet quoted in a feed): knowing them keeps a French text from passing for English.
LANGUAGES = (
    Language.ENGLISH, Language.RUSSIAN, Language.TURKISH, Language.AZERBAIJANI,
    Language.ARMENIAN, Language.UKRAINIAN, Language.GEORGIAN, Language.PERSIAN,
    Language.ARABIC, Language.FRENCH, Language.GERMAN, Language.SPANISH,
)  # fmt: skip

#: Below this, the best language is not trusted: "und".
MIN_CONFIDENCE = 0.6
#: A text of fewer letters says too little: its confidence is scaled down by letters / SHORT.
SHORT = 24
#: Fewer letters than this: "und" whatever the detector says.
MIN_LETTERS = 3
#: A paragraph of at least this many letters is judged on its own in a text of several scripts.
PARAGRAPH = 40
#: A text with this share of its letters in one script is judged whole (the detector's cost
#: grows with every piece it is given: per paragraph, seven times the time of the whole).
ONE_SCRIPT_SHARE = 0.9
#: How much of a text is read to tell its language (the start of a long one says it).
SAMPLE = 3000
#: Languages whose script no other of `LANGUAGES` writes: a word in it is enough.
ONE_SCRIPT = frozenset({"hy", "ka"})
#: Letters Turkish or Azerbaijani text of a sentence always carries (ı and ş above all); Latin
#: text without any, taken for one of them, is ASCII-folded or not that language at all.
TURKIC_LETTERS = frozenset("çğıöşüəÇĞİÖŞÜƏ")
#: Marks of Russian written in Latin letters: digraphs for ж, х, щ, ц, я, ю, and Russian endings.
_TRANSLIT = re.compile(
    r"zh|kh|shch|ts[aeiouy]|^y[au]|(?:iy|yy|ogo|ykh|ikh|iya|iye|aya|oye|yye|nyy|nye|ov|ev)$"
)
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]{3,}")
_LATIN = re.compile(r"[A-Za-zÀ-ɏ]")
_SCRIPTS = (
    ("latin", _LATIN), ("cyrillic", re.compile(r"[\u0400-\u052f]")),
    ("armenian", re.compile(r"[\u0530-\u058f]")), ("georgian", re.compile(r"[\u10a0-\u10ff]")),
    ("arabic", re.compile(r"[\u0600-\u06ff]")),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class DetectedLanguage:
    """A text's language: ISO 639-1 code (or "und"), how sure, and why when it is less than sure
    (`note`); `shares` gives each language's share of the letters of a mixed text."""

    code: str
    confidence: float
    note: str | None = None
    shares: tuple[tuple[str, float], ...] = ()


@functools.lru_cache(maxsize=1)
def detector() -> LanguageDetector:
    """Built once per process, on first use (its models load lazily, by script, as texts need
    them; forked workers share them copy-on-write)."""
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).build()


def letters(text: str) -> int:
    return len(_LETTER.findall(text))


def _code(language: Language) -> str:
    return language.iso_code_639_1.name.lower()


def _best(text: str) -> tuple[str, float]:
    values = detector().compute_language_confidence_values(text)
    if not values:
        return UNDETERMINED, 0.0
    return _code(values[0].language), values[0].value


def transliterated(text: str) -> bool:
    """Whether Latin text carries the marks of Russian in Latin letters ("Za proshedshie sutki
    zafiksirovano...") on at least a fifth of its words, three at least."""
    words = [w.lower() for w in _WORD.findall(text) if _LATIN.match(w)]
    marked = sum(1 for w in words if _TRANSLIT.search(w))
    return marked >= 3 and marked >= 0.2 * len(words)


def _guarded(text: str, code: str, confidence: float) -> DetectedLanguage:
    """The detector's answer, unless the text is written so that a reader of that language
    would read garbage."""
    if code in {"en", "tr", "az", "fr", "de", "es"} and transliterated(text):
        return DetectedLanguage(
            UNDETERMINED, confidence, f"Latin letters with the marks of transliterated Russian "
            f"(the detector said {code})",
        )  # fmt: skip
    if code in {"tr", "az"} and letters(text) >= SHORT and not TURKIC_LETTERS & set(text):
        return DetectedLanguage(
            UNDETERMINED, confidence, f"taken for {code} but without any of its letters "
            "(ş, ç, ğ, ı, ö, ü, ə): ASCII-folded, transliterated or another language",
        )  # fmt: skip
    return DetectedLanguage(code, confidence)


def _single(text: str) -> DetectedLanguage:
    count = letters(text)
    if count < MIN_LETTERS:
        return DetectedLanguage(UNDETERMINED, 0.0, "no words to tell a language by")
    code, confidence = _best(text)
    note = None
    if count < SHORT and code not in ONE_SCRIPT:
        confidence *= count / SHORT
        note = f"short: {count} letters"
    if confidence < MIN_CONFIDENCE:
        return DetectedLanguage(
            UNDETERMINED, round(confidence, 3), note or f"no language stands out (best: {code})"
        )
    found = _guarded(text, code, round(confidence, 3))
    return found if found.note or note is None else dataclasses.replace(found, note=note)


def scripts(text: str) -> dict[str, int]:
    """How many letters of each script the text has (Latin, Cyrillic, Armenian, Georgian,
    Arabic, other)."""
    counts = {name: len(pattern.findall(text)) for name, pattern in _SCRIPTS}
    counts["other"] = max(0, letters(text) - sum(counts.values()))
    return {name: count for name, count in counts.items() if count}


def detect(text: str) -> DetectedLanguage:
    """The language of `text` (its first `SAMPLE` characters). A text mostly in one script is
    judged whole; one that mixes scripts (an English report quoting a Russian statement) is
    judged paragraph by paragraph: it is in the language of most of its letters, with that
    share times the paragraphs' confidence as its confidence (so a text half in one language
    and half in another comes out "und"), and `shares` says the mix."""
    text = text[:SAMPLE]
    counts = scripts(text)
    if not counts or max(counts.values()) >= ONE_SCRIPT_SHARE * sum(counts.values()):
        return _single(text)
    paragraphs = [p for p in re.split(r"\n\s*\n|\n", text) if letters(p) >= PARAGRAPH]
    if len(paragraphs) < 2:
        return _single(text)
    weights: dict[str, float] = {}
    sure: dict[str, float] = {}
    total = 0
    for paragraph in paragraphs:
        found = _single(paragraph)
        count = letters(paragraph)
        total += count
        weights[found.code] = weights.get(found.code, 0) + count
        sure[found.code] = sure.get(found.code, 0) + count * found.confidence
    code = max(weights, key=lambda c: weights[c])
    share = weights[code] / total
    confidence = round(share * sure[code] / weights[code], 3)
    shares = tuple(sorted(((c, round(w / total, 3)) for c, w in weights.items()),
                          key=lambda item: -item[1]))  # fmt: skip
    if len(shares) == 1:
        return DetectedLanguage(code, confidence)
    mix = ", ".join(f"{c} {s:.0%}" for c, s in shares)
    if code == UNDETERMINED or confidence < MIN_CONFIDENCE:
        return DetectedLanguage(UNDETERMINED, confidence, f"mixed: {mix}", shares)
    return DetectedLanguage(code, confidence, f"mixed: {mix}", shares)


def read_english(text: str, published: dt.date | None) -> Extraction:
    return pipeline.extract(text, published=published)


#: The reader of each language; adding one is a line here.
READERS: dict[str, Reader] = {
    "en": read_english,
    "ru": ru.read,
    "tr": turkic.read_tr,
    "az": turkic.read_az,
    "hy": armenian.read_hy,
}

READ = "read"


def reading(code: str) -> str:
    """Whether a text of this language is read: `read`, or `not read: ...` and why."""
    if code in READERS:
        return READ
    if code == UNDETERMINED:
        return "not read: language undetermined"
    return f"not read: no reader for {code}"


def labelled(result: Extraction, language: DetectedLanguage) -> Extraction:
    """`result` saying which language it was read as, and how sure that was."""
    return dataclasses.replace(
        result,
        language=language.code,
        language_confidence=language.confidence,
        reading=reading(language.code),
    )


def is_code(code: str) -> bool:
    """Whether `code` is written as an ISO 639-1 code (two letters) or "und"."""
    code = code.strip().lower()
    return code == UNDETERMINED or (len(code) == 2 and code.isascii() and code.isalpha())


def given(code: str) -> DetectedLanguage:
    """A language said by a person (`--language`), not detected."""
    return DetectedLanguage(code.strip().lower(), 1.0, "given")


def read(
    text: str, published: dt.date | None = None, *, language: DetectedLanguage | None = None
) -> Extraction:
    """What the reader of the text's language finds in it (detected unless given); a text no
    reader reads gives an empty result that says so (`reading`)."""
    language = language or detect(text)
    reader = READERS.get(language.code)
    if reader is None:
        return labelled(Extraction(title=None, published=published, published_found=False),
                        language)  # fmt: skip
    return labelled(reader(text, published), language)
