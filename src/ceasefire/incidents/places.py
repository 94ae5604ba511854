"""Places of an agreement's region as people name them: its towns (for a map's labels and a
form's suggestions, from the offline gazetteer) and a place name read as a point of the region."""

from __future__ import annotations

from dataclasses import dataclass

from shapely.geometry import shape
from sqlalchemy.orm import Session

from ceasefire.agreements import service as agreements_service
from ceasefire.geo import gazetteer

#: degrees added around the agreement's areas: the towns just outside them matter too
MARGIN = 0.5


@dataclass(frozen=True)
class Town:
    name: str
    lat: float
    lon: float
    country: str
    population: int


def region_bbox(session: Session, *, agreement_id: str) -> tuple[float, float, float, float] | None:
    """west, south, east, north around the agreement's areas (None when it has no shapes)."""
    boxes = [
        shape(area.geometry).bounds
        for area in agreements_service.areas(session, agreement_id=agreement_id)
        if area.geometry
    ]
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes) - MARGIN,
        min(b[1] for b in boxes) - MARGIN,
        max(b[2] for b in boxes) + MARGIN,
        max(b[3] for b in boxes) + MARGIN,
    )


def towns(session: Session, *, agreement_id: str, limit: int = 300) -> list[Town]:
    """The region's towns, the most populous first, one entry a name."""
    box = region_bbox(session, agreement_id=agreement_id)
    if box is None:
        return []
    seen: set[str] = set()
    found = []
    for place in gazetteer.load().towns_within(*box, limit=limit * 2):
        if place.name in seen:
            continue
        seen.add(place.name)
        found.append(Town(place.name, place.lat, place.lon, place.country, place.population))
    return found[:limit]


def locate(session: Session, *, agreement_id: str, name: str) -> Town | None:
    """The town of the region called `name` (any spelling the gazetteer knows), the most
    populous when several; None when the region has none of that name."""
    box = region_bbox(session, agreement_id=agreement_id)
    if box is None or not name.strip():
        return None
    west, south, east, north = box
    inside = [
        p
        for p in gazetteer.load().lookup(name.strip())
        if west <= p.lon <= east and south <= p.lat <= north and p.kind in ("city", "village")
    ]
    if not inside:
        return None
    best = max(inside, key=lambda p: p.population)
    return Town(best.name, best.lat, best.lon, best.country, best.population)
