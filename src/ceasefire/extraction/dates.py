"""Date expressions resolved against the publication date, with their precision.

Values follow TimeML: `2020-11-10` (day), `2020-W46` (week), `2020-11` (month), `2020` (year).
A bare weekday is the most recent such day on or before publication ("on Tuesday" in an article
of Wednesday 11 Nov 2020 is 10 Nov); "next Tuesday" is the first one after it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ceasefire.extraction.values import ResolvedDate

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

# Most specific first; each pattern is tried with `search` over the expression.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I)),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I)),
    ("numeric", re.compile(r"\b(?P<a>[0-3]?\d)[./](?P<b>[01]?\d)[./](?P<year>\d{4})\b")),
    (
        "end-of-month",
        re.compile(
            rf"\b(?:the\s+)?end\s+of\s+(?:(?P<rel>this|the|next|last)\s+month|{_MONTH}(?:\s+{_YEAR})?)\b",
            re.I,
        ),
    ),
    ("dm", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?![a-z])", re.I)),
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*(?:,\s*)?\d)", re.I)),
    (
        "month-year",
        re.compile(rf"\b(?:(?P<part>early|mid|late)[- ]+)?{_MONTH},?\s+(?:of\s+)?{_YEAR}\b", re.I),
    ),
    (
        "relative-day",
        re.compile(
            r"\b(?P<word>today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night)\b",
            re.I,
        ),
    ),
    (
        "ago",
        re.compile(
            r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?P<unit>day|week|month|year)s?\s+ago\b",
            re.I,
        ),
    ),
    ("weekday", re.compile(rf"\b(?:(?P<rel>last|next|this|past|coming)\s+)?{_WEEKDAY}\b", re.I)),
    (
        "relative-unit",
        re.compile(
            r"\b(?P<rel>this|last|next|past|previous|coming)\s+(?P<unit>week|month|year)\b", re.I
        ),
    ),
    (
        "month",
        re.compile(
            rf"\b(?:(?P<part>early|mid|late)[- ]+)?(?:(?P<rel>last|next|this)\s+)?{_MONTH}(?![a-z])",
            re.I,
        ),
    ),
    (
        "decade",
        re.compile(r"\b(?:the\s+)?(?:(?:early|mid|late)[- ]+)?(?P<decade>1[89]\d|20\d)0s\b", re.I),
    ),
    (
        "quarter",
        re.compile(
            r"\b(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of\s+(?P<qyear>\d{4}))?\b",
            re.I,
        ),
    ),
    (
        "season",
        re.compile(
            rf"\b(?:(?P<rel>last|next|this)\s+)?(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?{_YEAR})?\b",
            re.I,
        ),
    ),
    ("year", re.compile(rf"\b(?:in|since|of|during|by|until|from)?\s*{_YEAR}\b", re.I)),
    (
        "reference",
        re.compile(
            r"\b(?P<ref>now|currently|at present|these days|nowadays|recently|lately|in the past|formerly|previously|once|in the future|soon|eventually)\b",
            re.I,
        ),
    ),
]
_REFERENCES = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "at present": "PRESENT_REF",
    "these days": "PRESENT_REF", "nowadays": "PRESENT_REF", "recently": "PAST_REF",
    "lately": "PAST_REF", "in the past": "PAST_REF", "formerly": "PAST_REF",
    "previously": "PAST_REF", "once": "PAST_REF", "in the future": "FUTURE_REF",
    "soon": "FUTURE_REF", "eventually": "FUTURE_REF",
}  # fmt: skip
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}


def _day(d: dt.date) -> ResolvedDate:
    return ResolvedDate(d.isoformat(), "day")


def _month(year: int, month: int) -> ResolvedDate:
    return ResolvedDate(f"{year:04d}-{month:02d}", "month")


def _week(d: dt.date) -> ResolvedDate:
    year, week, _ = d.isocalendar()
    return ResolvedDate(f"{year:04d}-W{week:02d}", "week")


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_number(token: str | None) -> int | None:
    if not token:
        return None
    return MONTHS.get(token.lower().rstrip("."))


def _recent_month(month: int, published: dt.date, rel: str | None) -> int:
    """The year of the month named without one: the most recent on or before publication."""
    if rel == "next":
        return published.year + (1 if month <= published.month else 0)
    if rel == "last":
        return published.year - (1 if month >= published.month else 0)
    if rel == "this":
        return published.year
    return published.year if month <= published.month else published.year - 1


def _day_in_year(month: int, day: int, published: dt.date) -> dt.date | None:
    """A day-and-month without a year: the publication's year, unless that is well after it."""
    candidate = _safe_date(published.year, month, day)
    if candidate and (candidate - published).days > 60:
        candidate = _safe_date(published.year - 1, month, day)
    return candidate


def resolve(expression: str, published: dt.date) -> ResolvedDate | None:
    """Resolve a date expression (e.g. "on Tuesday", "late September") against `published`."""
    text = expression.strip()
    for kind, pattern in _PATTERNS:
        match = pattern.search(text)
        if match is None:
            continue
        resolved = _resolve_match(kind, match, published)
        if resolved is not None:
            return resolved
    return None


def _resolve_match(kind: str, m: re.Match[str], published: dt.date) -> ResolvedDate | None:
    g = m.groupdict()
    if kind == "iso":
        d = _safe_date(int(g["year"]), int(g["m"]), int(g["d"]))
        return _day(d) if d else None
    if kind in {"dmy", "mdy"}:
        month = _month_number(g["month"])
        d = _safe_date(int(g["year"]), month, int(g["day"])) if month else None
        return _day(d) if d else None
    if kind == "numeric":
        a, b, year = int(g["a"]), int(g["b"]), int(g["year"])
        d = _safe_date(year, b, a) or _safe_date(year, a, b)  # day-month first (not US-only news)
        return _day(d) if d else None
    if kind == "end-of-month":
        month = _month_number(g.get("month"))
        if month:
            year = int(g["year"]) if g.get("year") else _recent_month(month, published, "this")
        else:
            delta = {"next": 1, "last": -1}.get((g.get("rel") or "").lower(), 0)
            year, month = _add_months(published.year, published.month, delta)
        return _day(dt.date(year, month, calendar.monthrange(year, month)[1]))
    if kind in {"dm", "md"}:
        month = _month_number(g["month"])
        if not month:
            return None
        d = _day_in_year(month, int(g["day"]), published)
        return _day(d) if d else None
    if kind == "month-year":
        month = _month_number(g["month"])
        return _month(int(g["year"]), month) if month else None
    if kind == "relative-day":
        word = g["word"].lower()
        offset = -1 if word in {"yesterday", "last night"} else 1 if word == "tomorrow" else 0
        return _day(published + dt.timedelta(days=offset))
    if kind == "ago":
        raw = g["n"].lower()
        n = int(raw) if raw.isdigit() else _NUMBERS[raw]
        unit = g["unit"].lower()
        if unit == "day":
            return _day(published - dt.timedelta(days=n))
        if unit == "week":
            return _week(published - dt.timedelta(weeks=n))
        if unit == "month":
            return _month(*_add_months(published.year, published.month, -n))
        return ResolvedDate(f"{published.year - n:04d}", "year")
    if kind == "weekday":
        return _day(weekday_date(g["weekday"], published, g.get("rel")))
    if kind == "relative-unit":
        rel = g["rel"].lower()
        delta = 1 if rel in {"next", "coming"} else -1 if rel in {"last", "past", "previous"} else 0
        unit = g["unit"].lower()
        if unit == "week":
            return _week(published + dt.timedelta(weeks=delta))
        if unit == "month":
            return _month(*_add_months(published.year, published.month, delta))
        return ResolvedDate(f"{published.year + delta:04d}", "year")
    if kind == "month":
        month = _month_number(g["month"])
        if month is None:
            return None
        bare_may = g["month"].lower() == "may" and not (g.get("part") or g.get("rel"))
        if bare_may and g["month"][0] != "M":
            return None  # "may" in lower case is the verb, not the month
        rel = (g.get("rel") or "").lower() or None
        return _month(_recent_month(month, published, rel), month)
    if kind == "year":
        return ResolvedDate(g["year"], "year")
    if kind == "decade":
        return ResolvedDate(g["decade"], "decade")
    if kind == "quarter":
        year = int(g["qyear"]) if g.get("qyear") else published.year
        return ResolvedDate(f"{year:04d}-Q{_ORDINALS[g['ord'].lower()]}", "quarter")
    if kind == "season":
        code = _SEASONS[g["season"].lower()]
        rel = (g.get("rel") or "").lower()
        year = (
            int(g["year"])
            if g.get("year")
            else published.year + (-1 if rel == "last" else 1 if rel == "next" else 0)
        )
        return ResolvedDate(f"{year:04d}-{code}", "season")
    if kind == "reference":
        return ResolvedDate(_REFERENCES[g["ref"].lower()], "reference")
    return None


def weekday_date(name: str, published: dt.date, rel: str | None = None) -> dt.date:
    """The day a weekday name refers to: the most recent on or before publication by default."""
    target = WEEKDAYS[name.lower()]
    back = (published.weekday() - target) % 7
    rel = (rel or "").lower()
    if rel in {"next", "coming"}:
        return published + dt.timedelta(days=(target - published.weekday()) % 7 or 7)
    if rel in {"last", "past"} and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


def _unnamed(pattern: str) -> str:
    return re.sub(r"\?P<\w+>", "?:", pattern)


_W, _D, _M, _Y = (_unnamed(p) for p in (_WEEKDAY, _DAY, _MONTH, _YEAR))
_DATELINE = re.compile(
    rf"^\s*(?:{_W},?\s+)?(?:{_D}\s+{_M},?\s+{_Y}|{_M}\s+{_D},?\s+{_Y}|\d{{4}}-\d\d-\d\d)\b(?:[\s,|-]+[\d:.+]+(?:\s*(?:am|pm|gmt|utc|[a-z]{{3,4}}))?)?[\s.]*$",
    re.I,
)
_PUBLISHED_LINE = re.compile(
    r"^\s*(?:published|updated|posted|date)\s*(?:on|:)?\s*(?P<rest>.+)$", re.I
)


def find_publication_date(text: str, *, max_lines: int = 15) -> dt.date | None:
    """The publication date printed near the top of an article (a line that is only a date)."""
    seen = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        seen += 1
        if seen > max_lines:
            break
        candidate = line
        published = _PUBLISHED_LINE.match(line)
        if published:
            candidate = published.group("rest")
        if _DATELINE.match(candidate) or published:
            resolved = resolve(candidate, dt.date(2000, 1, 1))
            if resolved is not None and resolved.precision == "day":
                return dt.date.fromisoformat(resolved.value)
    return None


def find_date_expressions(text: str) -> list[tuple[int, int, str]]:
    """Spans `(start, end, text)` of date expressions in `text`, longest first, never overlapping."""
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        if kind in {"year", "reference", "decade"}:
            continue
        for m in pattern.finditer(text):
            start, end = m.span()
            if (
                kind == "month"
                and m.group("month").lower() == "may"
                and not text[start:end][:1].isupper()
            ):
                continue
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            found.append((start, end, text[start:end]))
    return sorted(found)
