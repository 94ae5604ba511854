"""Russian date expressions resolved against the publication date, as the English `dates.py`
does (TimeML values, with their precision).

"в ночь на 12 декабря" is the night from the 11th into the 12th: TimeML's night of the 11th,
`2020-12-11TNI`, of precision `night` (neither day alone would be true). "за прошедшие сутки"
is the day before publication; a weekday named alone is the latest such day on or before it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ceasefire.extraction.values import DateMention, ResolvedDate

#: Month stems: "декабря", "декабре", "декабрь" all begin with "декабр".
MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8,
    "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>январ[яеь]|феврал[яеь]|март[аеу]?|апрел[яеь]|ма[яйе]|июн[яеь]|июл[яеь]|"
    r"август[аеу]?|сентябр[яеь]|октябр[яеь]|ноябр[яеь]|декабр[яеь])"
)
#: Weekdays in the forms "в понедельник", "во вторник", "в среду", ... (and the nominative).
WEEKDAYS = {
    "понедельник": 0, "вторник": 1, "среду": 2, "среда": 2, "четверг": 3, "пятницу": 4,
    "пятница": 4, "субботу": 5, "суббота": 5, "воскресенье": 6,
}  # fmt: skip
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_B = r"(?<![\w.])"  # no word or number goes on before
_E = r"(?![\w])"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "night",
        re.compile(
            rf"{_B}в\s+ночь\s+на\s+(?P<day>[0-3]?\d)\s+{_MONTH}(?:\s+{_YEAR}(?:\s*г(?:ода|\.)?)?)?{_E}",
            re.I,
        ),
    ),
    (
        "night-relative",
        re.compile(
            rf"{_B}в\s+ночь\s+на\s+(?P<word>сегодня|вчера|(?:минувш|прошл)\w+\s+{'|'.join(WEEKDAYS)}|{'|'.join(WEEKDAYS)}){_E}",
            re.I,
        ),
    ),
    (
        "as-of",
        re.compile(
            rf"{_B}по\s+состоянию\s+на\s+\d{{1,2}}[:.]\d\d(?:\s+мск)?\s+(?P<day>[0-3]?\d)\s+{_MONTH}(?:\s+{_YEAR})?{_E}",
            re.I,
        ),
    ),
    (
        "dmy",
        re.compile(rf"{_B}(?P<day>[0-3]?\d)\s+{_MONTH}\s+{_YEAR}(?:\s*(?:года|г\.|г{_E}))?", re.I),
    ),
    (
        "numeric",
        re.compile(r"(?<![\w.])(?P<day>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?![\w])"),
    ),
    ("dm", re.compile(rf"{_B}(?P<day>[0-3]?\d)\s+{_MONTH}{_E}", re.I)),
    (
        "past-day",
        re.compile(
            rf"{_B}(?:за|в\s+течение)\s+(?:прошедшие|минувшие|истекшие|истёкшие|последние|прошлые)\s+(?:сутки|24\s+часа){_E}",
            re.I,
        ),
    ),
    ("relative-day", re.compile(rf"{_B}(?P<word>позавчера|вчера|сегодня|завтра){_E}", re.I)),
    (
        "weekday",
        re.compile(
            rf"{_B}(?:во?\s+)(?:(?P<rel>минувш|прошл|эт|следующ|ближайш)\w*\s+)?(?P<weekday>{'|'.join(WEEKDAYS)}){_E}",
            re.I,
        ),
    ),
    ("month-year", re.compile(rf"{_B}(?:в\s+)?{_MONTH}\s+{_YEAR}(?:\s*(?:года|г\.))?", re.I)),
    ("month", re.compile(rf"{_B}в\s+{_MONTH}{_E}", re.I)),
    ("year", re.compile(rf"{_B}(?:в\s+)?{_YEAR}\s*(?:году|года|г\.){_E}", re.I)),
]
_RELATIVE = {"позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1}


@dataclass(frozen=True, slots=True)
class Found:
    kind: str
    start: int
    end: int
    date: ResolvedDate | None


def month_of(word: str) -> int | None:
    word = word.lower()
    for stem, number in sorted(MONTHS.items(), key=lambda kv: -len(kv[0])):
        if word.startswith(stem):
            return number
    return None


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _day_in_year(month: int, day: int, published: dt.date) -> dt.date | None:
    """A day and month without a year: the publication's year, unless that is well after it."""
    candidate = _safe(published.year, month, day)
    if candidate and (candidate - published).days > 60:
        candidate = _safe(published.year - 1, month, day)
    return candidate


def _weekday(name: str, rel: str | None, published: dt.date) -> dt.date:
    """The latest such weekday on or before publication ("в минувшее воскресенье" before it);
    with "следующий"/"ближайший", the first one after."""
    wanted = WEEKDAYS[name.lower()]
    if rel and rel.lower() in {"следующ", "ближайш"}:
        return published + dt.timedelta(days=(wanted - published.weekday() - 1) % 7 + 1)
    back = (published.weekday() - wanted) % 7
    if back == 0 and rel and rel.lower() in {"минувш", "прошл"}:
        back = 7
    return published - dt.timedelta(days=back)


def _day(d: dt.date | None) -> ResolvedDate | None:
    return ResolvedDate(d.isoformat(), "day") if d else None


def _night_before(d: dt.date | None) -> ResolvedDate | None:
    return ResolvedDate(f"{(d - dt.timedelta(days=1)).isoformat()}TNI", "night") if d else None


def _resolve(kind: str, m: re.Match[str], published: dt.date | None) -> ResolvedDate | None:
    g = m.groupdict()
    year = int(g["year"]) if g.get("year") else None
    month = month_of(g["month"]) if g.get("month") else None
    if kind == "numeric":
        return _day(_safe(int(g["year"]), int(g["m"]), int(g["day"])))
    if kind == "month-year" and month and year:
        return ResolvedDate(f"{year:04d}-{month:02d}", "month")
    if kind == "year" and year:
        return ResolvedDate(f"{year:04d}", "year")
    if kind in {"dmy", "dm", "night", "as-of"} and month:
        day = int(g["day"])
        if year:
            d = _safe(year, month, day)
        elif published is not None:
            d = _day_in_year(month, day, published)
        else:
            return None
        return _night_before(d) if kind == "night" else _day(d)
    if published is None:
        return None
    if kind == "past-day":
        return _day(published - dt.timedelta(days=1))
    if kind == "relative-day":
        return _day(published + dt.timedelta(days=_RELATIVE[g["word"].lower()]))
    if kind == "weekday":
        return _day(_weekday(g["weekday"], g.get("rel"), published))
    if kind == "night-relative":
        words = g["word"].lower().split()
        if words[0] in _RELATIVE:
            target = published + dt.timedelta(days=_RELATIVE[words[0]])
        else:
            rel = words[0][:6] if len(words) > 1 else None
            target = _weekday(words[-1], rel, published)
        return _night_before(target)
    if kind == "month" and month:
        year = published.year if month <= published.month else published.year - 1
        return ResolvedDate(f"{year:04d}-{month:02d}", "month")
    return None


def find(text: str, published: dt.date | None) -> list[Found]:
    """Every date expression of `text`, the most specific reading of each stretch of text."""
    taken: list[tuple[int, int]] = []
    out: list[Found] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            out.append(Found(kind, start, end, _resolve(kind, m, published)))
    return sorted(out, key=lambda f: f.start)


def mentions(text: str, published: dt.date | None) -> list[DateMention]:
    return [
        DateMention(text[f.start : f.end], (f.start, f.end), f.date) for f in find(text, published)
    ]


def reporting_day(found: list[Found], published: dt.date | None) -> ResolvedDate | None:
    """The day a bulletin reports on, which its undated events took place on: "по состоянию на
    19:30 30 августа" gives that day, "за прошедшие сутки" the day before publication."""
    for f in found:
        if f.kind == "as-of" and f.date:
            return f.date
    for f in found:
        if f.kind == "past-day" and f.date:
            return f.date
    return None
