"""What a force record says, checked against its agreement: raw fields in (a CSV row, a form, a
JSON body, all as text or plain values), a typed record out, or every problem named by its field.

Pure: the agreement's facts arrive as a `Context` (its zone, parties, the categories its limits
cap, its areas' shapes, a way to find a place's point); nothing here reads the store.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from ceasefire.agreements.timeref import TimeRef, parse_timeref
from ceasefire.force.models import MovementKind, PostKind
from ceasefire.geo.areas import AreaShape

#: How far from every area's shape a post may stand before the monitor must confirm it, in km.
OUTSIDE_KM = 10.0

#: A place name to the point it stands for (lat, lon), or the route it names as points
#: (an agreement area drawn as a line), or None when unknown.
PlaceFinder = Callable[[str], list[tuple[float, float]] | None]


@dataclass(frozen=True)
class FieldProblem:
    """One field refused, and why, in words for the person who wrote it."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class RecordError(ValueError):
    """A record refused: every field's problem at once."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


@dataclass(frozen=True)
class Context:
    """What checking a record needs of its agreement."""

    agreement_id: str
    zone: ZoneInfo
    parties: frozenset[str]
    #: the measures the agreement's limits cap, in the order written (a strength report's categories)
    categories: tuple[str, ...]
    #: area id -> its shape (areas without geometry are absent)
    shapes: Mapping[str, AreaShape] = field(default_factory=dict)
    area_ids: frozenset[str] = frozenset()
    find_place: PlaceFinder = lambda _name: None


@dataclass(frozen=True)
class StrengthIn:
    contributor: str
    date: TimeRef
    figures: dict[str, float]
    source: str
    note: str = ""


@dataclass(frozen=True)
class PostIn:
    name: str
    kind: PostKind
    contributor: str
    lat: float
    lon: float
    area: str | None
    opened: TimeRef
    closed: TimeRef | None
    outside_areas: bool
    source: str
    note: str = ""


@dataclass(frozen=True)
class MovementIn:
    kind: MovementKind
    start: TimeRef
    end: TimeRef
    participants: tuple[str, ...]
    #: (lon, lat) pairs, as GeoJSON writes them
    route: tuple[tuple[float, float], ...]
    places: tuple[str, ...]
    cargo: str
    incidents: tuple[int, ...]
    source: str
    note: str = ""

    def geometry(self) -> dict[str, Any]:
        """The route as GeoJSON: a LineString, or a Point when it names a single place."""
        if len(self.route) == 1:
            return {"type": "Point", "coordinates": list(self.route[0])}
        return {"type": "LineString", "coordinates": [list(p) for p in self.route]}


@dataclass(frozen=True)
class CountIn:
    series: str
    date: TimeRef
    value: float | None
    total: float | None
    unit: str
    source: str
    note: str = ""


class _Fields:
    """Reads a record's fields, collecting every problem instead of stopping at the first."""

    def __init__(self, raw: Mapping[str, object], ctx: Context) -> None:
        self.raw = raw
        self.ctx = ctx
        self.problems: list[FieldProblem] = []

    def fail(self, name: str, message: str) -> None:
        self.problems.append(FieldProblem(name, message))

    def text(self, name: str, *, required: bool = False) -> str:
        value = self.raw.get(name)
        result = "" if value is None else str(value).strip()
        if required and not result:
            self.fail(name, "required")
        return result

    def time(self, name: str, *, required: bool = True) -> TimeRef | None:
        written = self.text(name, required=required)
        if not written:
            return None
        try:
            return parse_timeref(written, self.ctx.zone)
        except ValueError as exc:
            self.fail(name, str(exc))
            return None

    def number(self, name: str, value: object) -> float | None:
        """A figure: a number, not negative (None: refused or empty)."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool):
            self.fail(name, f"{value!r} is not a number")
            return None
        try:
            number = float(str(value).strip().replace(",", ""))
        except (TypeError, ValueError):
            self.fail(name, f"{value!r} is not a number")
            return None
        if not math.isfinite(number):
            self.fail(name, f"{value!r} is not a finite number")
            return None
        if number < 0:
            self.fail(name, f"{number:g} is negative; a figure is zero or more")
            return None
        return number

    def party(self, name: str, code: str) -> bool:
        if code not in self.ctx.parties:
            known = ", ".join(sorted(self.ctx.parties))
            self.fail(name, f"{code!r} is not a party of {self.ctx.agreement_id} ({known})")
            return False
        return True

    def codes(self, name: str) -> tuple[str, ...]:
        value = self.raw.get(name)
        items = value if isinstance(value, list | tuple) else split_list(str(value or ""))
        codes = tuple(str(x).strip().upper() for x in items if str(x).strip())
        return tuple(c for c in codes if self.party(name, c))

    def done(self) -> None:
        if self.problems:
            raise RecordError(self.problems)


def split_list(value: str) -> list[str]:
    """A list written in one cell: items separated by `;` (or `|`)."""
    return [x.strip() for x in value.replace("|", ";").split(";") if x.strip()]


#: The fields of a strength report beside its figures (one field per category).
STRENGTH_FIELDS = ("contributor", "date", "source", "note")


def strength(raw: Mapping[str, object], ctx: Context) -> StrengthIn:
    """A strength report: contributor, date, source, and a figure per category the agreement
    limits (given as fields of their own, or as a `figures` mapping)."""
    f = _Fields(raw, ctx)
    contributor = f.text("contributor", required=True).upper()
    if contributor:
        f.party("contributor", contributor)
    date = f.time("date")
    source = f.text("source", required=True)
    given: dict[str, object] = {}
    nested = raw.get("figures")
    if isinstance(nested, Mapping):
        given.update({str(k): v for k, v in nested.items()})
    elif nested not in (None, ""):
        f.fail("figures", "expected a mapping of category to figure")
    given.update({k: v for k, v in raw.items() if k not in {*STRENGTH_FIELDS, "figures"}})
    figures: dict[str, float] = {}
    limited = ", ".join(ctx.categories) or "none"
    for category, value in given.items():
        if category not in ctx.categories:
            if value not in (None, ""):
                f.fail(category, f"{ctx.agreement_id} limits no such category (limited: {limited})")
            continue
        number = f.number(category, value)
        if number is not None:
            figures[category] = number
    if not figures and not any(p.field in ctx.categories for p in f.problems):
        f.fail("figures", f"no figure given (the categories: {limited})")
    f.done()
    assert date is not None
    return StrengthIn(contributor, date, figures, source, f.text("note"))


def post(raw: Mapping[str, object], ctx: Context) -> PostIn:
    """A post: name, kind, contributor, position, the area it serves, opened (and closed)
    dates, source. A position farther than `OUTSIDE_KM` from every area of the agreement is
    refused unless `confirm_outside` says the monitor confirms it."""
    f = _Fields(raw, ctx)
    name = f.text("name", required=True)
    kind_text = f.text("kind") or PostKind.OBSERVATION_POST.value
    kinds = [k.value for k in PostKind]
    if kind_text not in kinds:
        f.fail("kind", f"{kind_text!r} is not one of {', '.join(kinds)}")
    contributor = f.text("contributor", required=True).upper()
    if contributor:
        f.party("contributor", contributor)
    lat = _coordinate(f, "lat", -90, 90)
    lon = _coordinate(f, "lon", -180, 180)
    area = f.text("area") or None
    if area is not None and area not in ctx.area_ids:
        f.fail("area", f"{ctx.agreement_id} has no area {area!r}")
    opened = f.time("opened")
    closed = f.time("closed", required=False)
    if opened and closed and closed.end < opened.start:
        f.fail("closed", f"{closed.label} is before the post opened ({opened.label})")
    confirmed = yes(f.text("confirm_outside"))
    outside = False
    if lat is not None and lon is not None and ctx.shapes:
        nearest = min(s.distance_km(lat, lon) for s in ctx.shapes.values())
        outside = nearest > OUTSIDE_KM
        if outside and not confirmed:
            f.fail(
                "position",
                f"{lat:g}, {lon:g} is outside every area of {ctx.agreement_id} "
                f"({nearest:.0f} km from the nearest); confirm_outside=yes records it anyway",
            )
    source = f.text("source", required=True)
    f.done()
    assert lat is not None
    assert lon is not None
    assert opened is not None
    return PostIn(
        name, PostKind(kind_text), contributor, lat, lon, area, opened, closed, outside,
        source, f.text("note"),
    )  # fmt: skip


def movement(
    raw: Mapping[str, object], ctx: Context, kind: MovementKind | None = None
) -> MovementIn:
    """A patrol or a convoy: kind, start (and end), participants, the route as a line
    (`route`: GeoJSON LineString or its coordinates) or as places (`places`, resolved through the
    agreement's areas, then the gazetteer), cargo, linked incident ids, source."""
    f = _Fields(raw, ctx)
    kind_text = kind.value if kind else f.text("kind", required=True)
    kinds = [k.value for k in MovementKind]
    if kind_text and kind_text not in kinds:
        f.fail("kind", f"{kind_text!r} is not one of {', '.join(kinds)}")
    start = f.time("start")
    end = f.time("end", required=False) or start
    if start and end and end.end < start.start:
        f.fail("end", f"{end.label} is before the start ({start.label})")
    participants = f.codes("participants")
    if not participants and not any(p.field == "participants" for p in f.problems):
        f.fail("participants", "required: the parties taking part (e.g. RUS;TUR)")
    route = _route(f, raw.get("route"))
    places_value = raw.get("places")
    places = tuple(
        str(x).strip()
        for x in (
            places_value
            if isinstance(places_value, list | tuple)
            else split_list(str(places_value or ""))
        )
        if str(x).strip()
    )
    if places and not route:
        points: list[tuple[float, float]] = []
        unknown = []
        for name in places:
            found = ctx.find_place(name)
            if not found:
                unknown.append(name)
            else:
                points += [(lon, lat) for lat, lon in found]
        if unknown:
            f.fail(
                "places",
                f"unknown place(s) {', '.join(repr(x) for x in unknown)}: not an area of "
                f"{ctx.agreement_id} nor in the gazetteer",
            )
        route = tuple(points)
    if not route and not places and not any(p.field == "route" for p in f.problems):
        f.fail("route", "required: a line (route) or a list of places (places)")
    incidents: list[int] = []
    value = raw.get("incidents")
    for item in value if isinstance(value, list | tuple) else split_list(str(value or "")):
        try:
            incidents.append(int(str(item).strip().lstrip("#")))
        except ValueError:
            f.fail("incidents", f"{item!r} is not an incident number")
    source = f.text("source", required=True)
    f.done()
    assert start is not None
    assert end is not None
    return MovementIn(
        MovementKind(kind_text), start, end, participants, route, places, f.text("cargo"),
        tuple(incidents), source, f.text("note"),
    )  # fmt: skip


def count(raw: Mapping[str, object], ctx: Context) -> CountIn:
    """One entry of a counted series: series name, date, the day's figure (`value`) and/or the
    running total the source gave (`total`), unit, source."""
    f = _Fields(raw, ctx)
    series = f.text("series", required=True)
    if series and not _is_name(series):
        f.fail("series", f"{series!r}: lower-case words joined by hyphens (e.g. returns)")
    date = f.time("date")
    value = f.number("value", raw.get("value"))
    total = f.number("total", raw.get("total"))
    if (
        value is None
        and total is None
        and not any(p.field in {"value", "total"} for p in f.problems)
    ):
        f.fail("value", "give the day's figure (value), the running total (total), or both")
    source = f.text("source", required=True)
    f.done()
    assert date is not None
    return CountIn(series, date, value, total, f.text("unit"), source, f.text("note"))


def yes(value: str) -> bool:
    return value.strip().lower() in {"1", "yes", "true", "y", "on"}


def _is_name(text: str) -> bool:
    return all(part.isalnum() and part == part.lower() for part in text.split("-"))


def _coordinate(f: _Fields, name: str, low: float, high: float) -> float | None:
    value = f.raw.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        f.fail(name, "required")
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        f.fail(name, f"{value!r} is not a number")
        return None
    if not low <= number <= high:
        f.fail(name, f"{number:g} is not between {low:g} and {high:g}")
        return None
    return number


def _route(f: _Fields, value: object) -> tuple[tuple[float, float], ...]:
    """A route written as GeoJSON (a LineString, or its coordinates), as [lon, lat] pairs."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ()
    parsed: object = value
    if isinstance(value, str):
        try:
            parsed = json.loads(value)
        except ValueError:
            f.fail("route", "expected a GeoJSON LineString or its coordinates [[lon, lat], ...]")
            return ()
    if isinstance(parsed, Mapping):
        if parsed.get("type") != "LineString":
            f.fail("route", f"expected a LineString, got {parsed.get('type')!r}")
            return ()
        parsed = parsed.get("coordinates")
    points = _pairs(parsed)
    if points is None or len(points) < 2:
        f.fail("route", "expected at least two [lon, lat] points")
        return ()
    if any(not (-180 <= lon <= 180 and -90 <= lat <= 90) for lon, lat in points):
        f.fail("route", "a point lies outside longitude -180..180 or latitude -90..90")
        return ()
    return tuple(points)


def _pairs(value: object) -> list[tuple[float, float]] | None:
    if not isinstance(value, list):
        return None
    out = []
    for item in value:
        if (
            not isinstance(item, list)
            or len(item) < 2
            or not all(isinstance(x, int | float) and not isinstance(x, bool) for x in item[:2])
        ):
            return None
        out.append((float(item[0]), float(item[1])))
    return out


def categories(limit_measures: Iterable[str]) -> tuple[str, ...]:
    """The categories a strength report may give: each limited measure once, in order."""
    return tuple(dict.fromkeys(limit_measures))
