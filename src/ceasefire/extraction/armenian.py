"""The Armenian reader: case endings, dates, counts and modality of Armenian, for the reader without a model (`native.py`); `read_hy`."""

from __future__ import annotations

import datetime as dt
import re

from ceasefire.extraction import native
from ceasefire.extraction.tongue import FoundDate, Tongue
from ceasefire.extraction.turkic import explicit_dates, relative_dates
from ceasefire.extraction.values import Extraction

# Case endings and the article, longest first: locative -ում, ablative -ից, genitive and dative
# -ի, instrumental -ով, the articles -ը/-ն, the plural -ներ/-եր.
ENDINGS = (
    "ներում", "ներից", "ներին", "ների", "ներով", "ները", "երում", "երից", "երին", "երի", "երը",
    "ներ", "եր", "ում", "ից", "ով", "ին", "ը", "ն", "ի",
)  # fmt: skip
MIN_STEM = 3


def name_forms(word: str) -> list[str]:
    """The nominative forms a capitalised word may be of, the word first: an ending stripped
    ("Ստեփանակերտում" -> "Ստեփանակերտ"), or the genitive -ու of a name in -ի
    ("Մարտունու" -> "Մարտունի")."""
    out = [word]
    if word.endswith("ու") and len(word) > MIN_STEM + 2:
        out.append(word[:-2] + "ի")
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            stem = word[: -len(ending)]
            if stem not in out:
                out.append(stem)
    return out


MONTHS = {
    "հունվար": 1, "փետրվար": 2, "մարտ": 3, "ապրիլ": 4, "մայիս": 5, "հունիս": 6, "հուլիս": 7,
    "օգոստոս": 8, "սեպտեմբեր": 9, "հոկտեմբեր": 10, "նոյեմբեր": 11, "դեկտեմբեր": 12,
}  # fmt: skip
_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
DATES = (
    # "2020 թ. դեկտեմբերի 11-ին", "2020 թվականի դեկտեմբերի 11-ը", "դեկտեմբերի 11-ին"
    re.compile(
        rf"(?:\b{_YEAR}\s*(?:թ\.|թվականի)\s*)?\b{_MONTH}ի?\s+(?P<day>[0-3]?\d)(?:-?(?:ին|ը|ի|ն))?",
        re.I,
    ),
    # "11 դեկտեմբերի 2020"
    re.compile(rf"\b(?P<day>[0-3]?\d)\s+{_MONTH}ի?(?:\s+{_YEAR})?", re.I),
)
DAYS = {"երեկ": 1, "այսօր": 0, "նախօրեին": 1, "անցած գիշեր": 1}
PERIODS = re.compile(
    r"\bանցած\s+(?:օրվա\s+ընթացքում|օրը|ժամանակահատվածում)|\bվերջին\s+(?:24|մեկ օրվա)\s+ժամ\w*|"
    r"\bօրվա\s+ընթացքում"
)


def hy_dates(text: str, published: dt.date | None) -> list[FoundDate]:
    found = explicit_dates(text, DATES, MONTHS, published)
    more = relative_dates(text, DAYS, PERIODS, published)
    kept = found + [d for d in more if not any(f.start < d.end and d.start < f.end for f in found)]
    return sorted(kept, key=lambda d: d.start)


NUMBERS = {
    "մեկ": 1, "երկու": 2, "երեք": 3, "չորս": 4, "հինգ": 5, "վեց": 6, "յոթ": 7, "ութ": 8,
    "ինը": 9, "տասը": 10, "տաս": 10, "քսան": 20, "երեսուն": 30, "քառասուն": 40, "հիսուն": 50,
    "հարյուր": 100,
}  # fmt: skip
UNITS = {
    "exchange-of-detainees": ("գերի", "ռազմագերի", "զինծառայող", "աճյուն", "դի", "քաղաքացի",
                              "անձ"),
    "ceasefire-violation": ("անգամ", "դեպք", "խախտում", "կրակոց"),
    "shelling-artillery-missile-attack": ("արկ", "անգամ", "ական", "հրթիռ"),
    "patrol": ("պարեկ", "երթուղի", "մեքենա", "շարասյուն"),
    "demining": ("ական", "պայթուցիկ", "հեկտար"),
    "deployment": ("զինծառայող", "խաղաղապահ", "մեքենա", "տանկ"),
    "withdrawal": ("զինծառայող", "մեքենա", "տանկ"),
}  # fmt: skip

ARMENIAN = Tongue(
    code="hy",
    lower=str.lower,
    name_forms=name_forms,
    dates=hy_dates,
    numbers=NUMBERS,
    approximate={"տասնյակ": 24, "հարյուրավոր": 200},
    district_words=("շրջան",),
    people_endings=("ցի", "ական"),
    units=UNITS,
    # the negation is a prefix: "չի", "չեն", "չարձանագրվեց" (not "չորս", four)
    negated=re.compile(r"\bչ(?!որս)\w*"),
    none_before=re.compile(r"\b(?:ոչ մի|որևէ)\b"),
    obligation=re.compile(r"\bպետք է\b|\bպարտավոր\w*"),
    planned=re.compile(r"\bնախատեսվ\w*|\bպիտի\b|\bկ\w+վի\b"),
    alleged=re.compile(r"\bպնդ\w*|\bիբր(?:և)?\b"),
    background=re.compile(r"(?:\w+ )?(?:ընթացքում|ավարտ\w*|դադարեցն\w*|հետո\b)"),
    speech=re.compile(r"(?:\w+ )?(?:հայտն\w*|հաղորդ\w*|համաձայն\b|տեղեկացն\w*|տվյալներ\w*)"),
    not_names=frozenset({*MONTHS, "արմենպրես", "պն"}),
)


def read_hy(text: str, published: dt.date | None) -> Extraction:
    """An Armenian text (Armenpress, the Armenian defence ministry) read."""
    return native.read(ARMENIAN, text, published)
