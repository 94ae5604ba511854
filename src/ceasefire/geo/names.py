"""Names as the gazetteer matches them: one key for every spelling of a place's name, and the
Latin spellings a name written in Cyrillic, Armenian or Turkish/Azerbaijani letters may have."""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

_SPACES = re.compile(r"[\s\-‐-―_]+")
#: Names written in the Latin script (what the English pipeline's entity ruler takes).
LATIN = re.compile(r"^[A-Za-z0-9À-ɏḀ-ỿ'’ .,\-()&]+$")
#: Names the gazetteer indexes: Latin, Cyrillic and Armenian script, the scripts of the center's
#: languages (en, tr, az; ru; hy). Other scripts' names are left out of the index. The
#: Azerbaijani ə is outside Latin Extended-B (its capital Ə is inside): named on its own.
INDEXED = re.compile(r"^[A-Za-z0-9À-ɏəḀ-ỿЀ-ӿԀ-ԯԱ-֏ʻʼ'’ .,\-()&]+$")


@functools.lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """A matching key: accents dropped, case folded, hyphens and spaces collapsed, no "the"."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    folded = folded.replace("’", "'").replace(".", "")
    folded = _SPACES.sub(" ", folded).strip(" ,'")
    if folded.endswith("'s"):
        folded = folded[:-2]
    if folded.startswith("the "):
        folded = folded[4:]
    return folded


#: Cyrillic letters in Latin, as the BGN/PCGN romanisation of Russian writes them (with the
#: letters of the other Cyrillic alphabets of the region); "|" separates the spellings in use
#: ("дж" is "dzh" in the system, "j" in most names: Dzhalilabad, Jalilabad).
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e|yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y|i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh|h|x", "ц": "ts|c", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ә": "a|e", "ғ": "gh", "қ": "q|k", "ң": "ng",
    "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "ҷ": "j",
}  # fmt: skip
_CYRILLIC_PAIRS = {"дж": "dzh|j", "кс": "ks|x"}
#: Armenian letters in Latin, as BGN/PCGN writes them (ու is one vowel, u).
_ARMENIAN = {
    "ա": "a", "բ": "b", "գ": "g", "դ": "d", "ե": "e", "զ": "z", "է": "e", "ը": "y|e|a", "թ": "t",
    "ժ": "zh", "ի": "i", "լ": "l", "խ": "kh", "ծ": "ts", "կ": "k", "հ": "h", "ձ": "dz",
    "ղ": "gh", "ճ": "ch", "մ": "m", "յ": "y", "ն": "n", "շ": "sh", "ո": "o", "չ": "ch",
    "պ": "p", "ջ": "j", "ռ": "r", "ս": "s", "վ": "v", "տ": "t", "ր": "r", "ց": "ts", "ւ": "v",
    "փ": "p", "ք": "k", "և": "ev|yev", "օ": "o", "ֆ": "f",
}  # fmt: skip
_ARMENIAN_PAIRS = {"ու": "u"}
#: Turkish and Azerbaijani letters as English-language maps spell the same names (Gümüşhane,
#: Gumushane; Dağıstan, Daghistan; Gəncə, Ganja; Şəki, Shaki).
_TURKIC = {
    "ş": "sh", "ç": "ch", "ğ": "gh|g", "ı": "i", "ə": "a|e", "ö": "o", "ü": "u",
    "x": "kh|x", "c": "j|c", "q": "g|q",
}  # fmt: skip
_TURKIC_LETTERS = frozenset("şçğıə")
_START_VOWEL = {"е": "ye|e", "ե": "ye|e", "ո": "vo|o"}  # a word's first letter
_VOWELS = frozenset("аеёиоуыэюяaeiou")
#: At most this many spellings of one name are tried.
MAX_SPELLINGS = 24


@functools.lru_cache(maxsize=65536)
def spellings(name: str) -> tuple[str, ...]:
    """The Latin spellings of a name written in Cyrillic, Armenian or Turkish/Azerbaijani
    letters, most usual first ("Тбилиси" -> "tbilisi"; "Gəncə" -> "ganja"; "Գյումրի" -> "gyumri");
    none for a name in plain Latin letters. Keys as `normalise` makes them; at most
    MAX_SPELLINGS."""
    lowered = unicodedata.normalize("NFC", name).casefold()
    if lowered.isascii():
        return ()
    cyrillic = any("Ѐ" <= ch <= "ԯ" for ch in lowered)
    armenian = any("Ա" <= ch <= "֏" for ch in lowered)
    turkic = not cyrillic and not armenian and any(ch in _TURKIC_LETTERS for ch in lowered)
    if not (cyrillic or armenian or turkic):
        return ()
    table, pairs = (
        (_CYRILLIC, _CYRILLIC_PAIRS)
        if cyrillic
        else (_ARMENIAN, _ARMENIAN_PAIRS)
        if armenian
        else (_TURKIC, {})
    )
    options: list[list[str]] = []
    i = 0
    while i < len(lowered):
        pair = lowered[i : i + 2]
        start = i == 0 or not lowered[i - 1].isalpha()
        after_vowel = i > 0 and lowered[i - 1] in _VOWELS
        if pair in pairs:
            options.append(pairs[pair].split("|"))
            i += 2
            continue
        ch = lowered[i]
        if ch in _START_VOWEL and (start or (cyrillic and after_vowel)):
            options.append(_START_VOWEL[ch].split("|"))
        elif ch in table:
            options.append(table[ch].split("|"))
        else:
            options.append([ch])
        i += 1
    out: list[str] = []
    for combination in itertools.product(*options):
        key = normalise("".join(combination))
        if key and key not in out:
            out.append(key)
        if len(out) >= MAX_SPELLINGS:
            break
    return tuple(out)
