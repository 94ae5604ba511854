"""The Turkish and Azerbaijani readers: suffix rules, dates, counts and modality of the two
languages, for the reader without a model (`native.py`); `read_tr` and `read_az`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from ceasefire.extraction import native
from ceasefire.extraction.tongue import FAIR, SURE, FoundDate, Tongue
from ceasefire.extraction.values import Extraction, ResolvedDate


def lower(text: str) -> str:
    """Lower case with the dotted and dotless i of both languages ("IĞDIR" -> "ığdır")."""
    return text.replace("I", "ı").replace("İ", "i").lower()


# Case endings, plural and possessive (tried longest first); a name keeps at least three letters.
TR_SUFFIXES = (
    "larından", "lerinden", "larında", "lerinde", "ından", "inden", "undan", "ünden",
    "nından", "ninden", "nundan", "nünden", "ndaki", "ndeki", "ndan", "nden", "nda", "nde",
    "ları", "leri", "daki", "deki", "taki", "teki", "dan", "den", "tan", "ten",
    "nın", "nin", "nun", "nün", "lar", "ler", "yla", "yle", "ya", "ye", "yı", "yi", "yu", "yü",
    "da", "de", "ta", "te", "ın", "in", "un", "ün", "na", "ne", "sı", "si", "su", "sü",
    "la", "le", "a", "e", "ı", "i", "u", "ü",
)  # fmt: skip
AZ_SUFFIXES = (
    "larından", "lərindən", "larında", "lərində", "ından", "indən", "undan", "ündən",
    "nın", "nin", "nun", "nün", "ndakı", "ndəki", "ndan", "ndən", "nda", "ndə",
    "ları", "ləri", "dakı", "dəki", "dan", "dən", "lar", "lər", "ya", "yə", "yı", "yi", "yu",
    "yü", "da", "də", "ın", "in", "un", "ün", "na", "nə", "sı", "si", "su", "sü",
    "la", "lə", "a", "ə", "ı", "i", "u", "ü",
)  # fmt: skip
MIN_STEM = 3


def name_forms(word: str, suffixes: tuple[str, ...]) -> list[str]:
    """The forms of a capitalised word a place may be named by, the word first: the part before
    an apostrophe ("Şuşa'da" -> "Şuşa"), else the word with one, then two endings stripped,
    the longest ending first ("Xocavəndin" -> "Xocavənd", "Ağdamdakı" -> "Ağdam")."""
    word = word.replace("’", "'")
    if "'" in word:
        return [word.split("'")[0]]
    out = [word]
    frontier = [word]
    longest_first = sorted(suffixes, key=len, reverse=True)
    for _ in range(2):
        nxt = []
        for form in frontier:
            for suffix in longest_first:
                if lower(form).endswith(suffix) and len(form) - len(suffix) >= MIN_STEM:
                    stem = form[: -len(suffix)]
                    if stem not in out:
                        out.append(stem)
                        nxt.append(stem)
        frontier = nxt
    return out


# ---------------------------------------------------------------- dates

TR_MONTHS = {
    "ocak": 1, "şubat": 2, "mart": 3, "nisan": 4, "mayıs": 5, "haziran": 6, "temmuz": 7,
    "ağustos": 8, "eylül": 9, "ekim": 10, "kasım": 11, "aralık": 12,
}  # fmt: skip
AZ_MONTHS = {
    "yanvar": 1, "fevral": 2, "mart": 3, "aprel": 4, "may": 5, "iyun": 6, "iyul": 7,
    "avqust": 8, "sentyabr": 9, "oktyabr": 10, "noyabr": 11, "dekabr": 12,
}  # fmt: skip


def _alternatives(words: Mapping[str, int]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


def day_in_year(month: int, day: int, published: dt.date) -> dt.date | None:
    """A day and month without a year: in the publication's year, unless that is well after it."""
    for year in (published.year, published.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if (candidate - published).days <= 60:
            return candidate
    return None


#: "15.12.2020", "15/12/2020": day first, as the three languages write it.
NUMERIC_DATE = re.compile(r"\b(?P<day>[0-3]?\d)[./](?P<month>[01]?\d)[./](?P<year>(?:19|20)\d\d)\b")


def numeric_dates(text: str) -> list[FoundDate]:
    out = []
    for m in NUMERIC_DATE.finditer(text):
        try:
            when = dt.date(int(m.group("year")), int(m.group("month")), int(m.group("day")))
        except ValueError:
            continue
        out.append(FoundDate(m.start(), m.end(), ResolvedDate(when.isoformat(), "day"), SURE))
    return out


def explicit_dates(
    text: str, patterns: tuple[re.Pattern[str], ...], months: Mapping[str, int],
    published: dt.date | None,
) -> list[FoundDate]:  # fmt: skip
    """Dates written with their day and month (in words, or in figures with the year): SURE with
    a year, FAIR with the year taken from the publication date; none without either."""
    out: list[FoundDate] = numeric_dates(text)
    for pattern in patterns:
        for m in pattern.finditer(text):
            if any(d.start < m.end() and m.start() < d.end for d in out):
                continue
            month = months[lower(m.group("month"))]
            day = int(m.group("day"))
            if m.group("year"):
                try:
                    when: dt.date | None = dt.date(int(m.group("year")), month, day)
                except ValueError:
                    when = None
                sure = SURE
            elif published is not None:
                when, sure = day_in_year(month, day, published), FAIR
            else:
                when = None
            if when is not None:
                out.append(FoundDate(m.start(), m.end(), ResolvedDate(when.isoformat(), "day"),
                                     sure))  # fmt: skip
    return sorted(out, key=lambda d: d.start)


def relative_dates(
    text: str, days: Mapping[str, int], periods: re.Pattern[str], published: dt.date | None
) -> list[FoundDate]:
    """ "dün", "dünən" (days before publication) and reporting periods ("son 24 saatte", "ötən
    sutka ərzində": the day before publication); none without a publication date."""
    if published is None:
        return []
    out = []
    for m in re.finditer(rf"\b(?:{_alternatives(days)})\b", text, re.I):
        day = published - dt.timedelta(days=days[lower(m.group())])
        out.append(FoundDate(m.start(), m.end(), ResolvedDate(day.isoformat(), "day"), SURE))
    for m in periods.finditer(text):
        if any(d.start < m.end() and m.start() < d.end for d in out):
            continue
        day = published - dt.timedelta(days=1)
        out.append(FoundDate(m.start(), m.end(), ResolvedDate(day.isoformat(), "day"), FAIR,
                             period=True))  # fmt: skip
    return sorted(out, key=lambda d: d.start)


_TR_MONTH = rf"(?P<month>{_alternatives(TR_MONTHS)})"
_AZ_MONTH = rf"(?P<month>{_alternatives(AZ_MONTHS)})"
_DAY = r"(?P<day>[0-3]?\d)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
TR_DATES = (
    # "11 Aralık 2020", "11 Aralık 2020'de", "11 Aralık'ta"
    re.compile(rf"\b{_DAY}\s+{_TR_MONTH}(?:'\w+)?(?:\s+{_YEAR})?", re.I),
)
AZ_DATES = (
    # "11 dekabr 2020-ci il", "11 dekabrda"
    re.compile(rf"\b{_DAY}\s+{_AZ_MONTH}\w*(?:\s+{_YEAR}(?:-?c[iıuü]\s+il\w*)?)?", re.I),
    # "2020-ci il dekabrın 11-də", "dekabrın 11-i"
    re.compile(
        rf"(?:\b{_YEAR}-?c[iıuü]\s+il(?:in)?\s+)?\b{_AZ_MONTH}(?:ın|in|un|ün)\s+{_DAY}"
        r"(?:-?(?:[iıuü]|nd[aə]|d[aə]|n[aə]|[iıuü]nd[aə]))?\b",
        re.I,
    ),
)
TR_DAYS = {"dün": 1, "bugün": 0, "dün gece": 1, "evvelki gün": 2, "önceki gün": 2}
AZ_DAYS = {"dünən": 1, "bu gün": 0, "bugün": 0, "srağagün": 2, "dünən gecə": 1}
TR_PERIODS = re.compile(
    r"\b(?:son|geçtiğimiz|geçen)\s+(?:24|yirmi dört)\s+saat\w*|\bson\s+bir\s+gün\w*", re.I
)
AZ_PERIODS = re.compile(
    r"\b(?:ötən|son)\s+(?:sutka|gün|24\s+saat)\s+ərzində|\b(?:ötən|son)\s+sutka\w*", re.I
)


def tr_dates(text: str, published: dt.date | None) -> list[FoundDate]:
    found = explicit_dates(text, TR_DATES, TR_MONTHS, published)
    return _merge(found, relative_dates(text, TR_DAYS, TR_PERIODS, published))


def az_dates(text: str, published: dt.date | None) -> list[FoundDate]:
    found = explicit_dates(text, AZ_DATES, AZ_MONTHS, published)
    return _merge(found, relative_dates(text, AZ_DAYS, AZ_PERIODS, published))


def _merge(first: list[FoundDate], then: list[FoundDate]) -> list[FoundDate]:
    kept = first + [d for d in then if not any(f.start < d.end and d.start < f.end for f in first)]
    return sorted(kept, key=lambda d: d.start)


# ---------------------------------------------------------------- counts and modality

# "bir" is left out: it is the article far more often than a count ("yeni bir esir takası").
TR_NUMBERS = {
    "iki": 2, "üç": 3, "dört": 4, "beş": 5, "altı": 6, "yedi": 7, "sekiz": 8,
    "dokuz": 9, "on": 10, "yirmi": 20, "otuz": 30, "kırk": 40, "elli": 50, "yüz": 100,
}  # fmt: skip
AZ_NUMBERS = {
    "iki": 2, "üç": 3, "dörd": 4, "beş": 5, "altı": 6, "yeddi": 7, "səkkiz": 8,
    "doqquz": 9, "on": 10, "iyirmi": 20, "otuz": 30, "qırx": 40, "əlli": 50, "yüz": 100,
}  # fmt: skip
TR_UNITS = {
    "exchange-of-detainees": ("esir", "tutsak", "asker", "rehine", "cenaze", "ceset", "kişi",
                              "sivil", "vatandaş"),
    "ceasefire-violation": ("kez", "defa", "kere", "ihlal", "olay"),
    "shelling-artillery-missile-attack": ("mermi", "top", "kez", "defa", "roket", "füze", "havan"),
    "patrol": ("devriye", "rota", "güzergah", "araç", "kamyon", "konvoy"),
    "demining": ("mayın", "patlayıcı", "mühimmat", "hektar"),
    "deployment": ("asker", "barış", "araç", "tank"),
    "withdrawal": ("asker", "araç", "tank"),
}  # fmt: skip
AZ_UNITS = {
    "exchange-of-detainees": ("əsir", "girov", "hərbçi", "hərbi", "meyit", "cəsəd", "nəş",
                              "nəfər", "vətəndaş", "mülki"),
    "ceasefire-violation": ("dəfə", "hal", "pozuntu"),
    "shelling-artillery-missile-attack": ("mərmi", "dəfə", "raket", "minaatan"),
    "patrol": ("patrul", "marşrut", "avtomobil", "maşın", "konvoy", "yük"),
    "demining": ("mina", "partlayıcı", "sursat", "hektar"),
    "deployment": ("hərbçi", "sülhməramlı", "texnika", "tank", "avtomobil"),
    "withdrawal": ("hərbçi", "texnika", "tank", "avtomobil"),
}  # fmt: skip

_TR_NOT_NAMES = {*TR_MONTHS, "pazartesi", "salı", "çarşamba", "perşembe", "cuma", "cumartesi",
                 "pazar", "aa", "anadolu", "ajansı", "bakanlığı", "bakanlık", "milli"}  # fmt: skip
_AZ_NOT_NAMES = {*AZ_MONTHS, "bazar", "apa", "azərtac", "trend", "nazirliyi", "nazirlik",
                 "müdafiə", "idarəsi", "xidməti"}  # fmt: skip


def _tr_forms(word: str) -> list[str]:
    return name_forms(word, TR_SUFFIXES)


def _az_forms(word: str) -> list[str]:
    return name_forms(word, AZ_SUFFIXES)


TURKISH = Tongue(
    code="tr",
    lower=lower,
    name_forms=_tr_forms,
    dates=tr_dates,
    numbers=TR_NUMBERS,
    approximate={"onlarca": 24, "yüzlerce": 200, "binlerce": 2000},
    district_words=("bölge", "ilçe", "rayon"),
    people_endings=("lı", "li", "lu", "lü"),
    units=TR_UNITS,
    # a negated verb: "edilmedi", "yapılmamış", "kaydedilmiyor", "yok"
    negated=re.compile(r"\b\w+(?:m[ae]d[ıi]|m[ae]m[ıi]ş|m[ıi]yor|m[ae]z)\w*|\byok\b", re.I),
    none_before=re.compile(r"\bhiç(?:bir)?\b", re.I),
    obligation=re.compile(r"\b\w+m[ae]l[ıi](?:d[ıi]r)?\b|\bzorunda\b", re.I),
    planned=re.compile(r"\b\w+(?:[ae]c[ae]k|[ae]c[ae]ğ)\w*|\bplanlan\w*|\bbekleniyor\b", re.I),
    alleged=re.compile(r"\biddia\w*|\bsözde\b|\bileri sür\w*", re.I),
    background=re.compile(
        r"(?:\w+ )?(?:sona er\w*|sırasında|sonrasında|ardından|sonra\b|bitti|durdur\w*)", re.I
    ),
    speech=re.compile(
        r"(?:\w+ )?(?:açıkla\w*|bildir\w*|duyur\w*|göre\b|aktar\w*|ifade et\w*|kaydet\w*)", re.I
    ),
    not_names=frozenset(_TR_NOT_NAMES),
)

AZERBAIJANI = Tongue(
    code="az",
    lower=lower,
    name_forms=_az_forms,
    dates=az_dates,
    numbers=AZ_NUMBERS,
    approximate={"onlarla": 24, "yüzlərlə": 200, "minlərlə": 2000},
    district_words=("rayon", "bölgə"),
    people_endings=("lı", "li", "lu", "lü"),
    units=AZ_UNITS,
    # a negated verb: "pozulmayıb", "qeydə alınmadı", "olmamışdır", "yoxdur"
    negated=re.compile(r"\b\w+(?:m[aə]d[ıi]|m[aə]y[ıi]b|m[aə]m[ıi]ş)\w*|\byox(?:dur)?\b", re.I),
    none_before=re.compile(r"\bheç\b", re.I),
    obligation=re.compile(r"\b\w+m[aə]l[ıi](?:d[ıi]r)?\b|\böhdəsinə\b", re.I),
    planned=re.compile(
        r"\b\w+(?:[aə]c[aə]q|[aə]c[aə]k|[aə]c[aə]y)\w*|\bnəzərdə tutulur\b|\bplanlaşdırılır\b",
        re.I,
    ),
    alleged=re.compile(r"\biddia\w*|\bguya\b", re.I),
    background=re.compile(
        r"(?:\w+ )?(?:zamanı|ərzində|sonra\b|dayandırıl\w*|başa çat\w*|bitdi\w*)", re.I
    ),
    speech=re.compile(
        r"(?:\w+ )?(?:məlumat\w*|bildir\w*|açıqla\w*|görə\b|xəbər ver\w*|qeyd ed\w*)", re.I
    ),
    not_names=frozenset(_AZ_NOT_NAMES),
)


def read_tr(text: str, published: dt.date | None) -> Extraction:
    """A Turkish text (Anadolu, TRT, the Turkish defence ministry) read."""
    return native.read(TURKISH, text, published)


def read_az(text: str, published: dt.date | None) -> Extraction:
    """An Azerbaijani text (APA, Azertac, the Azerbaijani defence ministry) read."""
    return native.read(AZERBAIJANI, text, published)
