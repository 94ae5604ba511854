"""Toponym resolution: pick, for every place name of an article, the gazetteer entry it means.

Context decides (countries mentioned, nearby places, feature kind, population); a name the
gazetteer lacks (a street, a building) falls back to the article's focus, the place it is most
about, since such names are nearly always local to it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from ceasefire.extraction.evalformats import haversine_km
from ceasefire.extraction.gazetteer import Gazetteer, Place, normalise

_KIND_PRIOR = {
    "country": 5.0,
    "continent": 4.0,
    "state": 3.5,
    "region": 4.5,
    "corridor": 3.0,
    "city": 0.0,
    "village": 2.0,
}
_SUFFIXES = re.compile(
    r"\s+(?:city|county|province|region|district|governorate|oblast|state|prefecture|"
    r"municipality|town|village|area|island|islands|rayon|raion|valley)$",
    re.I,
)
_PREFIXES = re.compile(r"^(?:the|city of|state of|province of|republic of|downtown|central|northern|"
                       r"southern|eastern|western|north|south|east|west)\s+", re.I)  # fmt: skip


@dataclass(frozen=True)
class Resolution:
    place: Place | None
    score: float
    fallback: bool = False  # placed at the article's focus, the name itself was not found


def variants(name: str) -> list[str]:
    """The name, then shorter forms a gazetteer may know ("Aghdam district" -> "Aghdam")."""
    out = [name]
    stripped = name.strip().strip(".,;:'\"")
    for pattern in (_SUFFIXES, _PREFIXES):
        shorter = pattern.sub("", stripped).strip()
        if shorter and shorter != stripped and shorter not in out:
            out.append(shorter)
    both = _PREFIXES.sub("", _SUFFIXES.sub("", stripped)).strip()
    if both and both not in out:
        out.append(both)
    if stripped.endswith("'s") or stripped.endswith("’s"):
        out.append(stripped[:-2])
    return out


def _candidates(gazetteer: Gazetteer, name: str) -> list[tuple[Place, bool]]:
    for variant in variants(name):
        found = gazetteer.candidates(variant)
        if found:
            return found
    return []


def _base_score(place: Place, is_primary: bool, name: str) -> float:
    if place.geonameid < 0:  # our curated supplement: written for exactly these names
        return 9.0 + _KIND_PRIOR.get(place.kind, 0.0)
    score = math.log10(place.population + 1) + _KIND_PRIOR.get(place.kind, 0.0)
    if is_primary:
        score += 1.5
    if place.kind == "city" and name[:1].islower():
        score -= 3.0
    return score


def resolve_names(
    gazetteer: Gazetteer,
    names: list[str],
    *,
    context_countries: Counter[str] | None = None,
) -> list[Resolution]:
    """Resolve every name of one article, the choices informing each other."""
    found = [_candidates(gazetteer, name) for name in names]
    first: list[Place | None] = []
    for name, cands in zip(names, found, strict=True):
        best = max(cands, key=lambda c: _base_score(c[0], c[1], name), default=None)
        first.append(best[0] if best else None)

    countries: Counter[str] = Counter(context_countries or {})
    anchors: list[Place] = []
    for place, cands in zip(first, found, strict=True):
        if place is None:
            continue
        countries[place.country] += 1
        if len(cands) == 1 or place.kind in {"country", "state", "region"}:
            anchors.append(place)
        if place.kind in {"state"}:
            countries["US"] += 1

    out: list[Resolution] = []
    for name, cands in zip(names, found, strict=True):
        best_place: Place | None = None
        best_score = -math.inf
        for place, is_primary in cands:
            score = _base_score(place, is_primary, name)
            if place.country and countries[place.country]:
                score += 2.0 * min(countries[place.country], 3) ** 0.5
            if place.kind in {"city", "village"}:
                near = sum(
                    1
                    for a in anchors
                    if a is not place and a.kind in {"city", "village", "state", "region"}
                    and haversine_km(a.lat, a.lon, place.lat, place.lon) < 250
                )  # fmt: skip
                score += 1.5 * min(near, 2)
            if score > best_score:
                best_place, best_score = place, score
        out.append(Resolution(best_place, best_score))

    focus = article_focus([r.place for r in out])
    if focus is not None:
        out = [
            r if r.place is not None else Resolution(focus, 0.0, fallback=True) for r in out
        ]
    return out


def article_focus(places: list[Place | None]) -> Place | None:
    """The place an article is most about: its most named town, else state, else country."""
    for kinds in ({"city", "village"}, {"state", "region"}, {"country"}):
        counts = Counter(p for p in places if p is not None and p.kind in kinds)
        if counts:
            return counts.most_common(1)[0][0]
    return None


def same_name(a: str, b: str) -> bool:
    return normalise(a) == normalise(b)
