"""Import formats as pure parsing: our CSV, GeoJSON, ACLED-format CSV and UCDP GED CSV rows to
`IncidentCreate`, with the source's own fields kept as read.

Each parser yields (line, Row) or (line, Refused); the line is the file line a CSV row ends on
(the header is line 1) or the feature's number in a GeoJSON collection. A refusal has a reason
(what summaries group by) and a message naming the field and the value.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TextIO

from pydantic import ValidationError

from ceasefire.agreements.aliases import Aliases
from ceasefire.geo import countries
from ceasefire.incidents.schemas import Casualties, IncidentCreate, ObligationLink
from ceasefire.taxonomy import incident_types as taxonomy


class ImportFormat(StrEnum):
    CSV = "csv"
    GEOJSON = "geojson"
    ACLED = "acled"
    UCDP = "ucdp"


class DayMonth(StrEnum):
    """The order of day and month in dates such as 5/9/2020."""

    DAY_FIRST = "day-first"
    MONTH_FIRST = "month-first"


@dataclass(frozen=True)
class Options:
    agreement: str | None = None
    day_month: DayMonth | None = None  # None: detected from the file
    aliases: Aliases = field(default_factory=Aliases)


@dataclass(frozen=True)
class Row:
    data: IncidentCreate
    source_fields: dict[str, str] | None = None
    source_version: str | None = None  # the source's revision stamp (ACLED's `timestamp`)
    unmapped: tuple[str, ...] = ()  # actor names no party alias matched


@dataclass(frozen=True)
class Refused:
    reason: str  # what a summary groups by, e.g. "event_date: not a known date form"
    message: str  # the whole message, with the value


Parsed = tuple[int, Row | Refused]

ACLED_TIME_PRECISION = {"1": "day", "2": "week", "3": "month"}
ACLED_GEO_PRECISION = {"1": "exact", "2": "near", "3": "region"}
LIST_SEPARATOR = " | "
ACLED_LIST_SEPARATOR = "; "
#: Columns of our own ACLED export that carry what ACLED's columns cannot say exactly.
CEASEFIRE_PREFIX = "ceasefire_"


# --- bytes to text -------------------------------------------------------------------------------


def _valid(content: bytes, encoding: str) -> bool:
    """Whether `content` is text in `encoding`, read in pieces (no second copy of the file)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(content)
    try:
        for start in range(0, len(content), _PIECE):
            decoder.decode(view[start : start + _PIECE])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


_PIECE = 1 << 20


def detect_encoding(content: bytes) -> str:
    """The encoding a file is read in: UTF-16 or UTF-8 by their byte-order marks, then UTF-8,
    then Windows-1252 (what spreadsheets write on Windows), then Latin-1 (which reads any
    bytes)."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if content.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    for encoding in ("utf-8", "cp1252"):
        if _valid(content, encoding):
            return encoding
    return "latin-1"


@dataclass(frozen=True)
class Source:
    """A file's bytes and their encoding, read as text as often as needed without decoding the
    whole file into memory at once."""

    content: bytes
    encoding: str

    @classmethod
    def of(cls, content: bytes) -> Source:
        return cls(content, detect_encoding(content))

    def open(self) -> TextIO:
        return io.TextIOWrapper(io.BytesIO(self.content), encoding=self.encoding, newline="")


Text = str | Source


def _open(text: Text) -> TextIO:
    return io.StringIO(text, newline="") if isinstance(text, str) else text.open()


def decode(content: bytes) -> tuple[str, str]:
    """The text of a file and the encoding it was read in (`detect_encoding`)."""
    encoding = detect_encoding(content)
    return content.decode(encoding), encoding


def _delimiter(text: Text) -> str:
    """Comma, semicolon (spreadsheets in many locales) or tab, whichever the header has most."""
    with _open(text) as handle:
        header = handle.readline()
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_NUMBER = re.compile(r"-?\d+(\.\d*)?([eE][-+]?\d+)?\Z")


def neutralise(cell: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula: one beginning with = + - @ (or with
    quotes before them) gets a leading quote, except plain numbers. `restore` undoes it."""
    if cell and _FORMULA.match(cell) and not _NUMBER.match(cell):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    if cell.startswith("'") and _FORMULA.match(cell, 1):
        return cell[1:]
    return cell


def _rows(text: Text) -> Iterator[tuple[int, dict[str, str]]]:
    delimiter = _delimiter(text)
    with _open(text) as handle:
        yield from _read(csv.DictReader(handle, delimiter=delimiter))


def _read(reader: csv.DictReader[str]) -> Iterator[tuple[int, dict[str, str]]]:
    if reader.fieldnames:
        reader.fieldnames = [name.strip() for name in reader.fieldnames]
    for row in reader:
        yield (
            reader.line_num,
            {
                k: (restore(v) if v.startswith("'") else v) if v else ""
                for k, v in row.items()
                if k is not None
            },
        )


def _error(exc: ValidationError) -> Refused:
    parts, reasons = [], []
    for item in exc.errors():
        where = ".".join(str(x) for x in item["loc"]) or "row"
        parts.append(f"{where}: {item['msg']}")
        reasons.append(f"{where}: {item['msg']}")
    return Refused("; ".join(reasons), "; ".join(parts))


def _make(fields: dict[str, Any]) -> IncidentCreate | Refused:
    try:
        return IncidentCreate.model_validate(fields)
    except ValidationError as exc:
        return _error(exc)


class FieldError(ValueError):
    """A refused value: `reason` is what summaries group by."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def _number(column: str, value: str) -> float | None:
    value = value.strip()
    try:
        return float(value) if value else None
    except ValueError:
        raise FieldError(f"{column}: not a number", f"{column} {value!r}: not a number") from None


def _count(column: str, value: str) -> int:
    value = value.strip()
    try:
        number = int(float(value)) if value else 0
    except ValueError:
        raise FieldError(f"{column}: not a number", f"{column} {value!r}: not a number") from None
    if number < 0:
        raise FieldError(f"{column}: negative", f"{column} {value!r}: negative")
    return number


# --- dates ---------------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?\Z")
_NAMED = re.compile(r"(\d{1,2})[ -]([A-Za-z]+)\.?[ -],?\s*(\d{4}|\d{2})\Z")
_NAMED_MONTH_FIRST = re.compile(r"([A-Za-z]+)\.? (\d{1,2}),? (\d{4})\Z")
_NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\Z")
_NUMERIC_ANYWHERE = re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2}")
_NUMERIC_ANYWHERE_BYTES = re.compile(rb"\b\d{1,2}[/.]\d{1,2}[/.]\d{2}")


def _has_numeric_dates(text: Text) -> bool:
    if isinstance(text, str):
        return _NUMERIC_ANYWHERE.search(text) is not None
    if text.encoding == "utf-16":  # not ASCII-compatible: look row by row
        return True
    return _NUMERIC_ANYWHERE_BYTES.search(text.content) is not None


AMBIGUOUS_ORDER = (
    "event_date: day/month order ambiguous (no day above 12 in this file); "
    "choose it with --day-first or --month-first"
)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # as spreadsheets read two digits: 00-68 this century
        year += 2000 if year <= 68 else 1900
    return year


def _date(year: int, month: int, day: int, value: str, column: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise FieldError(
            f"{column}: not a calendar date", f"{column} {value!r}: not a calendar date"
        ) from None


def numeric_order(values: Iterable[str]) -> DayMonth | None:
    """The day/month order of a file's a/b/yyyy dates: DAY_FIRST when some first number is above
    12, MONTH_FIRST when some second one is, None when no date says (ambiguous, unless every
    date has day = month). A file with both is refused (FieldError)."""
    day_first = month_first = ambiguous = False
    for value in values:
        match = _NUMERIC.match(value.strip())
        if not match:
            continue
        first, second = int(match[1]), int(match[2])
        day_first |= first > 12
        month_first |= second > 12
        ambiguous |= first != second
    if day_first and month_first:
        message = (
            "event_date: the file has both day-first (e.g. 13/5/2020) and month-first "
            "(5/13/2020) dates"
        )
        raise FieldError(message, message)
    if day_first:
        return DayMonth.DAY_FIRST
    if month_first:
        return DayMonth.MONTH_FIRST
    return DayMonth.DAY_FIRST if not ambiguous else None


def parse_date(value: str, order: DayMonth | None, column: str = "event_date") -> dt.date:
    """A day in any form ACLED files take: ISO (2020-05-09), 9-May-20, 09 May 2020, May 9, 2020,
    and 5/9/2020 in `order` (None: refused as ambiguous unless day = month)."""
    text = value.strip()
    if match := _ISO.match(text):
        return _date(int(match[1]), int(match[2]), int(match[3]), value, column)
    if match := _NAMED.match(text):
        month = _MONTHS.get(match[2].lower())
        if month is not None:
            return _date(_year(match[3]), month, int(match[1]), value, column)
    if match := _NAMED_MONTH_FIRST.match(text):
        month = _MONTHS.get(match[1].lower())
        if month is not None:
            return _date(int(match[3]), month, int(match[2]), value, column)
    if match := _NUMERIC.match(text):
        first, second, year = int(match[1]), int(match[2]), _year(match[3])
        if order is None and first != second:
            raise FieldError(AMBIGUOUS_ORDER, f"{AMBIGUOUS_ORDER} ({value!r})")
        if order is DayMonth.MONTH_FIRST:
            first, second = second, first
        return _date(year, second, first, value, column)
    raise FieldError(
        f"{column}: not a known date form",
        f"{column} {value!r}: not a known date form (e.g. 2020-05-09, 9-May-20, 09 May 2020, "
        "5/9/2020)",
    )


# --- our CSV and GeoJSON -------------------------------------------------------------------------


def parse_csv(text: Text, options: Options) -> Iterator[Parsed]:
    """Our CSV: the fields of IncidentCreate as columns; lists separated by ' | ', obligations as
    `obligation:effect`."""
    for line, row in _rows(text):
        try:
            fields: dict[str, Any] = {
                k: v for k, v in row.items() if v != "" and k in IncidentCreate.model_fields
            }
            for key in ("latitude", "longitude"):
                if key in fields:
                    fields[key] = float(fields[key])
            for key in ("sources",):
                if key in fields:
                    fields[key] = [
                        x.strip() for x in fields[key].split(LIST_SEPARATOR) if x.strip()
                    ]
            if "obligations" in fields:
                links = []
                for item in fields["obligations"].split(LIST_SEPARATOR):
                    obligation, _, effect = item.strip().partition(":")
                    links.append({"obligation": obligation, "effect": effect})
                fields["obligations"] = links
            for key in ("actors", "casualties", "geometry"):
                if key in fields:
                    fields[key] = json.loads(fields[key])
        except ValueError as exc:
            yield line, Refused("malformed value", f"malformed value: {exc}")
            continue
        fields.setdefault("agreement", options.agreement)
        fields.setdefault("origin", "import")
        made = _make(fields)
        yield line, made if isinstance(made, Refused) else Row(made)


def parse_geojson(text: Text, options: Options) -> Iterator[Parsed]:
    """A FeatureCollection whose features' properties are the fields of IncidentCreate; the
    source id is the `external_id` property, else the feature's id."""
    try:
        with _open(text) as handle:
            data = json.load(handle)
    except json.JSONDecodeError as exc:
        yield exc.lineno, Refused("not JSON", f"not JSON: {exc.msg}")
        return
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        yield (
            1,
            Refused(
                "not a FeatureCollection",
                "expected a GeoJSON FeatureCollection with a list of features",
            ),
        )
        return
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
            yield number, Refused("feature without properties", "feature without properties")
            continue
        fields = dict(feature["properties"])
        source_fields = fields.pop("source_fields", None)
        source_version = fields.pop("source_version", None)
        fields["geometry"] = feature.get("geometry")
        if "external_id" not in fields and isinstance(feature.get("id"), str | int):
            fields["external_id"] = str(feature["id"])
        fields.setdefault("agreement", options.agreement)
        fields.setdefault("origin", "import")
        made = _make(fields)
        if isinstance(made, Refused):
            yield number, made
            continue
        yield (
            number,
            Row(
                made,
                {str(k): str(v) for k, v in source_fields.items()}
                if isinstance(source_fields, dict)
                else None,
                str(source_version) if source_version else None,
            ),
        )


# --- ACLED ---------------------------------------------------------------------------------------

#: ACLED's columns that an incident has a field for; every other column is kept as read.
ACLED_MODELLED = frozenset(
    {
        "event_id_cnty",
        "event_date",
        "year",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "assoc_actor_1",
        "actor2",
        "assoc_actor_2",
        "country",
        "iso3",
        "admin1",
        "admin2",
        "admin3",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "source",
        "notes",
        "fatalities",
    }
)
ACLED_ROLES = (
    ("actor1", "actor1"),
    ("assoc_actor_1", "associated with actor1"),
    ("actor2", "actor2"),
    ("assoc_actor_2", "associated with actor2"),
)
_MULTI_ACTOR_COLUMNS = {"assoc_actor_1", "assoc_actor_2"}


def _split(value: str) -> list[str]:
    if ";" not in value:  # the common case: one name
        value = value.strip()
        return [value] if value else []
    return [x.strip() for x in value.split(";") if x.strip()]


def _json(row: dict[str, str], column: str) -> Any:
    try:
        return json.loads(row[column])
    except ValueError:
        raise FieldError(f"{column}: not JSON", f"{column}: not JSON") from None


def _actors(row: dict[str, str], aliases: Aliases) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    actors, unmapped = [], []
    for column, role in ACLED_ROLES:
        value = row.get(column, "")
        names = _split(value) if column in _MULTI_ACTOR_COLUMNS else [value.strip()]
        for name in names:
            if not name:
                continue
            party = aliases.party_of(name) if aliases else None
            if party is None:
                unmapped.append(name)
            actors.append({"name": name[:200], "party": party, "role": role})
    return actors, tuple(unmapped)


def _acled_fields(
    row: dict[str, str], order: DayMonth | None, options: Options
) -> tuple[dict[str, Any], tuple[str, ...]]:
    type_id = row.get("ceasefire_type", "").strip() or taxonomy.from_acled(
        row.get("event_type", ""), row.get("sub_event_type", "")
    )
    if not type_id:
        raise FieldError(
            "event_type/sub_event_type: unknown ACLED pair",
            f"event_type/sub_event_type: unknown ACLED pair {row.get('event_type', '')!r} / "
            f"{row.get('sub_event_type', '')!r}",
        )
    precision_code = row.get("time_precision", "1").strip() or "1"
    precision = ACLED_TIME_PRECISION.get(precision_code)
    if precision is None:
        raise FieldError(
            "time_precision: expected 1, 2 or 3",
            f"time_precision {precision_code!r}: expected 1, 2 or 3",
        )
    occurred = row.get("ceasefire_occurred", "")
    occurred_end = None
    if occurred:
        occurred, _, end = occurred.partition("/")
        occurred_end = end or None
        precision = row.get("ceasefire_time_precision") or None
    else:
        day = parse_date(row.get("event_date", ""), order).isoformat()
        occurred = day[:7] if precision == "month" else day
        precision = "week" if precision == "week" else None
    unmapped: tuple[str, ...] = ()
    if row.get("ceasefire_actors"):
        actors = _json(row, "ceasefire_actors")
    else:
        actors, unmapped = _actors(row, options.aliases)
    if row.get("ceasefire_casualties"):
        casualties = _json(row, "ceasefire_casualties")
    else:
        fatalities = _count("fatalities", row.get("fatalities", ""))
        casualties = (
            [Casualties(side="unknown", killed_unspecified=fatalities).model_dump()]
            if fatalities
            else []
        )
    if row.get("ceasefire_sources"):
        sources = _json(row, "ceasefire_sources")
    else:
        sources = _split(row.get("source", ""))
    geometry = _json(row, "ceasefire_geometry") if row.get("ceasefire_geometry") else None
    ours = bool(row.get("ceasefire_id"))
    external_id = row.get("event_id_cnty", "").strip() or None
    if ours and external_id == f"CF{row['ceasefire_id'].strip()}":
        external_id = None  # our own id written for ACLED readers, not a source's id
    notes = row.get("notes", "")
    fields: dict[str, Any] = {
        "type": type_id,
        "summary": notes
        if notes or ours
        else f"{row.get('sub_event_type', '')} at {row.get('location', '')}",
        "occurred": occurred,
        "occurred_end": occurred_end,
        "time_precision": precision,
        "agreement": row.get("ceasefire_agreement") or options.agreement,
        "place_name": row.get("location", ""),
        "country": countries.code_of(row.get("iso3", ""))
        or countries.code_of(row.get("country", "")),
        "admin1": row.get("admin1", ""),
        "admin2": row.get("admin2", ""),
        "admin3": row.get("admin3", ""),
        "area": row.get("ceasefire_area") or None,
        "latitude": None if geometry else _number("latitude", row.get("latitude", "")),
        "longitude": None if geometry else _number("longitude", row.get("longitude", "")),
        "geometry": geometry,
        "location_precision": row.get("ceasefire_location_precision")
        or ACLED_GEO_PRECISION.get(row.get("geo_precision", "1").strip() or "1", "near"),
        "actors": actors,
        "casualties": casualties,
        "sources": sources,
        "origin": "import",
        "external_id": external_id,
    }
    return fields, unmapped


def _column(text: Text, name: str) -> Iterator[str]:
    for _, row in _rows(text):
        yield row.get(name, "")


def parse_acled(text: Text, options: Options) -> Iterator[Parsed]:
    """ACLED-format CSV: the columns of an ACLED export (every column is kept as read on the
    incident). `ceasefire_*` columns, as our exports write, take precedence over ACLED's."""
    order: DayMonth | None = options.day_month
    mixed: FieldError | None = None
    if order is None:
        try:
            # a second pass over the file only when some cell looks like a/b/yyyy
            order = (
                numeric_order(_column(text, "event_date"))
                if _has_numeric_dates(text)
                else DayMonth.DAY_FIRST
            )
        except FieldError as exc:
            mixed = exc
    for line, row in _rows(text):
        try:
            if mixed is not None:
                raise mixed
            fields, unmapped = _acled_fields(row, order, options)
        except FieldError as exc:
            yield line, Refused(exc.reason, str(exc))
            continue
        made = _make(fields)
        if isinstance(made, Refused):
            yield line, made
            continue
        kept = {k: v for k, v in row.items() if not k.startswith(CEASEFIRE_PREFIX)}
        yield line, Row(made, kept, row.get("timestamp", "").strip() or None, unmapped)


# --- UCDP GED ------------------------------------------------------------------------------------

#: UCDP's type_of_violence: 1 state-based, 2 non-state, 3 one-sided (against civilians).
UCDP_TYPES = {"1": "armed-clash", "2": "armed-clash", "3": "attack"}
#: UCDP's where_prec: 1 the place, 2 within 25 km, 3 second-order unit, 4 first-order unit, 5-7
#: wider (a line, a country, international waters).
UCDP_WHERE = {"1": "exact", "2": "near", "3": "district", "4": "region"}
#: UCDP's date_prec: 1 the day, 2 within 2-6 days, 3 the week, 4 the month, 5 longer.
UCDP_MODELLED = frozenset(
    {
        "id",
        "type_of_violence",
        "side_a",
        "side_b",
        "where_prec",
        "where_coordinates",
        "adm_1",
        "adm_2",
        "latitude",
        "longitude",
        "country",
        "date_prec",
        "date_start",
        "date_end",
        "deaths_a",
        "deaths_b",
        "deaths_civilians",
        "deaths_unknown",
        "source_article",
        "source_headline",
    }
)


def _ucdp_fields(row: dict[str, str], options: Options) -> tuple[dict[str, Any], tuple[str, ...]]:
    code = row.get("type_of_violence", "").strip()
    type_id = UCDP_TYPES.get(code)
    if type_id is None:
        raise FieldError(
            "type_of_violence: expected 1, 2 or 3", f"type_of_violence {code!r}: expected 1, 2 or 3"
        )
    start = parse_date(row.get("date_start", ""), DayMonth.DAY_FIRST, "date_start")
    end_text = row.get("date_end", "").strip()
    end = parse_date(end_text, DayMonth.DAY_FIRST, "date_end") if end_text else start
    if end < start:
        raise FieldError("date_end: before date_start", f"date_end {end_text!r}: before date_start")
    date_prec = row.get("date_prec", "1").strip() or "1"
    if date_prec not in {"1", "2", "3", "4", "5"}:
        raise FieldError("date_prec: expected 1 to 5", f"date_prec {date_prec!r}: expected 1 to 5")
    actors, unmapped, sides = [], [], []
    for column, role in (("side_a", "side a"), ("side_b", "side b")):
        name = row.get(column, "").strip()
        party = options.aliases.party_of(name) if name and options.aliases else None
        sides.append(party or "unknown")
        if name:
            if party is None:
                unmapped.append(name)
            actors.append({"name": name[:200], "party": party, "role": role})
    deaths_a, deaths_b = (
        _count("deaths_a", row.get("deaths_a", "")),
        _count("deaths_b", row.get("deaths_b", "")),
    )
    civilians = _count("deaths_civilians", row.get("deaths_civilians", ""))
    unknown = _count("deaths_unknown", row.get("deaths_unknown", ""))
    casualties = [
        c
        for c in (
            Casualties(side=sides[0], killed_military=deaths_a),
            Casualties(side=sides[1], killed_military=deaths_b),
            Casualties(side="unknown", killed_civilian=civilians, killed_unspecified=unknown),
        )
        if c.killed_military or c.killed_civilian or c.killed_unspecified
    ]
    summary = row.get("source_headline", "").strip() or (
        f"{row.get('dyad_name', '').strip() or 'Violence'} at "
        f"{row.get('where_coordinates', '').strip()}"
    )
    sources = [s for s in _split(row.get("source_article", "")) if s]
    fields: dict[str, Any] = {
        "type": type_id,
        "summary": summary,
        "occurred": start.isoformat(),
        "occurred_end": end.isoformat() if end != start else None,
        "time_precision": "week" if date_prec in {"2", "3"} and end == start else None,
        "agreement": options.agreement,
        "place_name": row.get("where_coordinates", "").strip(),
        "country": countries.code_of(re.sub(r"\s*\(.*\)$", "", row.get("country", ""))),
        "admin1": re.sub(r" (province|region)$", "", row.get("adm_1", "").strip()),
        "admin2": row.get("adm_2", "").strip(),
        "latitude": _number("latitude", row.get("latitude", "")),
        "longitude": _number("longitude", row.get("longitude", "")),
        "location_precision": UCDP_WHERE.get(row.get("where_prec", "").strip(), "region"),
        "actors": actors,
        "casualties": [c.model_dump() for c in casualties],
        "sources": sources[:50],
        "origin": "import",
        "external_id": f"UCDP-{row['id'].strip()}" if row.get("id", "").strip() else None,
    }
    return fields, tuple(unmapped)


def parse_ucdp(text: Text, options: Options) -> Iterator[Parsed]:
    """UCDP Georeferenced Event Dataset (GED) CSV: one row an event, every column kept."""
    for line, row in _rows(text):
        try:
            fields, unmapped = _ucdp_fields(row, options)
        except FieldError as exc:
            yield line, Refused(exc.reason, str(exc))
            continue
        made = _make(fields)
        if isinstance(made, Refused):
            yield line, made
            continue
        yield line, Row(made, dict(row), None, unmapped)


def parse(fmt: ImportFormat, text: Text, options: Options) -> Iterator[Parsed]:
    parser = {
        ImportFormat.CSV: parse_csv,
        ImportFormat.GEOJSON: parse_geojson,
        ImportFormat.ACLED: parse_acled,
        ImportFormat.UCDP: parse_ucdp,
    }[fmt]
    return parser(text, options)


def obligations_cell(links: Iterable[ObligationLink]) -> str:
    return LIST_SEPARATOR.join(f"{x.obligation}:{x.effect}" for x in links)
