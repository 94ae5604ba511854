"""Checks of hostile input before anything is stored, as pure functions: JSON bounded in depth
and free of NaN/Infinity, positions on the globe, and files that hold something to import.

Every import path and the API's intake call these, so one rule refuses a bad value however
it arrives (a CSV row's latitude, a GeoJSON point, a monitor's geometry)."""

from __future__ import annotations

import json
import math
from typing import Any

#: Deeper JSON than this is refused: no incident field needs more than a few levels (a
#: MultiPolygon is four), and Python's parser gives up with a RecursionError near 1,000.
MAX_JSON_DEPTH = 32


class UnreadableError(ValueError):
    """A file that cannot be read on from `line` (its rows after that are unknown)."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        super().__init__(message)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def json_depth(value: Any) -> int:
    """How deeply `value` nests lists and objects (a scalar is 0), without recursing."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_JSON_DEPTH:
            return deepest
        stack.extend((child, depth + 1) for child in children)
    return deepest


def check_json_value(value: Any) -> None:
    """Refuse (ValueError) a parsed JSON value nested too deep or holding a non-finite number."""
    if json_depth(value) > MAX_JSON_DEPTH:
        raise ValueError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, float) and not math.isfinite(item):
            raise ValueError(f"{item} is not a finite number")
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def load_json(text: str) -> Any:
    """`json.loads` for untrusted text: NaN, Infinity and numbers too large for a float (1e400)
    are refused, and so is nesting deeper than MAX_JSON_DEPTH, with a ValueError saying so."""
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise ValueError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels") from None
    check_json_value(value)
    return value


def position_problem(lon: Any, lat: Any) -> str | None:
    """Why (longitude, latitude) is no place on Earth, or None: finite numbers in degrees,
    longitude within [-180, 180] and latitude within [-90, 90]."""
    for name, value, bound in (("longitude", lon, 180), ("latitude", lat, 90)):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"{name} {value!r} is not a number"
        if not math.isfinite(value):
            return f"{name} {value} is not a finite number"
        if not -bound <= value <= bound:
            return f"{name} {value} is outside [-{bound}, {bound}] degrees"
    return None


def _positions(coordinates: Any) -> list[Any]:
    """Every position ([lon, lat, ...]) inside a GeoJSON geometry's coordinates."""
    found, stack = [], [coordinates]
    while stack:
        item = stack.pop()
        if isinstance(item, list) and item and not isinstance(item[0], list):
            found.append(item)
        elif isinstance(item, list):
            stack.extend(item)
    return found


def geometry_problem(geometry: Any) -> str | None:
    """Why a GeoJSON geometry cannot be stored, or None: every position of it (collections
    included) must be a place on Earth (`position_problem`)."""
    if not isinstance(geometry, dict):
        return "not a GeoJSON geometry (an object with a type)"
    if json_depth(geometry) > MAX_JSON_DEPTH:
        return f"nested deeper than {MAX_JSON_DEPTH} levels"
    parts = geometry.get("geometries")
    if geometry.get("type") == "GeometryCollection" and isinstance(parts, list):
        return next((p for p in map(geometry_problem, parts) if p), None)
    for position in _positions(geometry.get("coordinates")):
        if len(position) < 2:
            return f"position {position!r} has no longitude and latitude"
        problem = position_problem(position[0], position[1])
        if problem:
            return problem
    return None


def nothing_to_import(content: bytes, rows: int) -> str | None:
    """Why a file with `rows` rows read from it (good or refused) imports nothing, or None."""
    if not content.strip():
        return "the file is empty: nothing to import"
    if rows == 0:
        return "the file holds no row or feature (a header only?): nothing to import"
    return None
