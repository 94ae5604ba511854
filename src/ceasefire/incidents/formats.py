"""Import formats as pure parsing: CSV, GeoJSON and ACLED-format CSV rows to `IncidentCreate`.

Each parser yields (line, IncidentCreate) or (line, error message); the line is the file line a
CSV row ends on (the header is line 1) or the feature's number in a GeoJSON collection.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Any

from pydantic import ValidationError

from ceasefire.geo import countries
from ceasefire.incidents import checks
from ceasefire.incidents.schemas import Actor, Casualties, IncidentCreate, ObligationLink
from ceasefire.taxonomy import incident_types as taxonomy

Parsed = tuple[int, IncidentCreate | str]


class ImportFormat(StrEnum):
    CSV = "csv"
    GEOJSON = "geojson"
    ACLED = "acled"


ACLED_TIME_PRECISION = {"1": "day", "2": "week", "3": "month"}
ACLED_GEO_PRECISION = {"1": "exact", "2": "near", "3": "region"}
LIST_SEPARATOR = " | "


def _error(exc: ValidationError) -> str:
    parts = []
    for item in exc.errors():
        where = ".".join(str(x) for x in item["loc"]) or "row"
        parts.append(f"{where}: {item['msg']}")
    return "; ".join(parts)


def _make(line: int, fields: dict[str, Any]) -> Parsed:
    try:
        return line, IncidentCreate.model_validate(fields)
    except ValidationError as exc:
        return line, _error(exc)


def _number(value: str) -> float | None:
    value = value.strip()
    return float(value) if value else None


def _rows(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        for row in reader:
            yield reader.line_num, {k: (v or "") for k, v in row.items() if k is not None}
    except csv.Error as exc:  # e.g. a field over csv.field_size_limit(), a NUL byte
        raise checks.UnreadableError(reader.line_num, f"not readable as CSV: {exc}") from None


def parse_csv(text: str, *, agreement: str | None) -> Iterator[Parsed]:
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
            if "actors" in fields or "casualties" in fields:
                for key in ("actors", "casualties"):
                    if key in fields:
                        fields[key] = checks.load_json(fields[key])
        except ValueError as exc:
            yield line, f"malformed value: {exc}"
            continue
        fields.setdefault("agreement", agreement)
        fields.setdefault("origin", "import")
        yield _make(line, fields)


def parse_geojson(text: str, *, agreement: str | None) -> Iterator[Parsed]:
    """A FeatureCollection whose features' properties are the fields of IncidentCreate."""
    try:
        data = checks.load_json(text)
    except json.JSONDecodeError as exc:
        yield exc.lineno, f"not JSON: {exc.msg}"
        return
    except ValueError as exc:
        yield 1, f"refused JSON: {exc}"
        return
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        yield 1, "expected a GeoJSON FeatureCollection with a list of features"
        return
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
            yield number, "feature without properties"
            continue
        fields = dict(feature["properties"])
        fields["geometry"] = feature.get("geometry")
        fields.setdefault("agreement", agreement)
        fields.setdefault("origin", "import")
        yield _make(number, fields)


def _acled_date(value: str) -> str:
    value = value.strip()
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    for layout in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%m/%d/%Y"):
        try:
            return dt.datetime.strptime(value, layout).date().isoformat()
        except ValueError:
            continue
    raise ValueError(f"event_date {value!r}: expected YYYY-MM-DD or e.g. '11 December 2020'")


def parse_acled(text: str, *, agreement: str | None) -> Iterator[Parsed]:
    """ACLED-format CSV (the columns of an ACLED export; unknown columns are ignored). A
    `ceasefire_type` column, as our exports write, takes precedence over the ACLED types."""
    for line, row in _rows(text):
        try:
            type_id = row.get("ceasefire_type", "").strip() or taxonomy.from_acled(
                row.get("event_type", ""), row.get("sub_event_type", "")
            )
            if not type_id:
                raise ValueError(
                    f"event_type/sub_event_type: unknown ACLED pair {row.get('event_type', '')!r} / "
                    f"{row.get('sub_event_type', '')!r}"
                )
            occurred = _acled_date(row.get("event_date", ""))
            precision = ACLED_TIME_PRECISION.get(row.get("time_precision", "1").strip() or "1")
            if precision is None:
                raise ValueError(
                    f"time_precision {row.get('time_precision')!r}: expected 1, 2 or 3"
                )
            if precision == "month":
                occurred = occurred[:7]
            latitude, longitude = (
                _number(row.get("latitude", "")),
                _number(row.get("longitude", "")),
            )
            fatalities = int(row.get("fatalities", "0").strip() or "0")
        except ValueError as exc:
            yield line, str(exc)
            continue
        actors = []
        for column, role in (
            ("actor1", "actor1"),
            ("assoc_actor_1", "associated with actor1"),
            ("actor2", "actor2"),
            ("assoc_actor_2", "associated with actor2"),
        ):
            name = row.get(column, "").strip()
            if name:
                actors.append(Actor(name=name[:200], role=role).model_dump())
        casualties = (
            [Casualties(side="unknown", killed_unspecified=fatalities).model_dump()]
            if fatalities
            else []
        )
        country = row.get("country", "").strip()
        fields: dict[str, Any] = {
            "type": type_id,
            "summary": row.get("notes", "").strip()
            or f"{row.get('sub_event_type', '')} at {row.get('location', '')}",
            "occurred": occurred,
            "time_precision": "week" if precision == "week" else None,
            "agreement": agreement,
            "place_name": row.get("location", "").strip(),
            "country": countries.code_of(row.get("iso3", "")) or countries.code_of(country),
            "admin1": row.get("admin1", "").strip(),
            "admin2": row.get("admin2", "").strip(),
            "admin3": row.get("admin3", "").strip(),
            "latitude": latitude,
            "longitude": longitude,
            "location_precision": ACLED_GEO_PRECISION.get(
                row.get("geo_precision", "1").strip() or "1", "near"
            ),
            "actors": actors,
            "casualties": casualties,
            "sources": [s for s in [row.get("source", "").strip()] if s],
            "origin": "import",
            "external_id": row.get("event_id_cnty", "").strip() or None,
        }
        yield _make(line, fields)


def parse(fmt: ImportFormat, text: str, *, agreement: str | None) -> Iterator[Parsed]:
    parser = {
        ImportFormat.CSV: parse_csv,
        ImportFormat.GEOJSON: parse_geojson,
        ImportFormat.ACLED: parse_acled,
    }[fmt]
    return parser(text, agreement=agreement)


def obligations_cell(links: Iterable[ObligationLink]) -> str:
    return LIST_SEPARATOR.join(f"{x.obligation}:{x.effect}" for x in links)
