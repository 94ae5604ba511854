"""Is a new report the same incident as a stored one? Close in time, place and type. Pure.

Two footprints are close when their types are the same or share an ACLED event type, their time
spans are at most `hours` apart, and their places are at most `km` apart (bounding boxes; without
coordinates, the same place name).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from ceasefire.geo.distance import BBox, bbox_gap_km, grow_bbox
from ceasefire.taxonomy.incident_types import TAXONOMY

DEFAULT_HOURS = 24.0
DEFAULT_KM = 10.0


@dataclass(frozen=True)
class Footprint:
    type: str
    start: dt.datetime
    end: dt.datetime
    bbox: BBox | None = None
    place_name: str = ""


def related_types(a: str, b: str) -> bool:
    if a == b:
        return True
    ta, tb = TAXONOMY.get(a), TAXONOMY.get(b)
    return ta is not None and tb is not None and ta.acled_event_type == tb.acled_event_type


@functools.lru_cache(maxsize=256)
def related_type_ids(kind: str) -> tuple[str, ...]:
    """Every type `related_types` pairs with `kind` (itself included), for an indexed filter."""
    return tuple(sorted({kind, *(other for other in TAXONOMY if related_types(kind, other))}))


def hours_apart(a: Footprint, b: Footprint) -> float:
    gap = max(a.start, b.start) - min(a.end, b.end)
    return max(gap.total_seconds(), 0.0) / 3600


def km_apart(a: BBox, b: BBox) -> float:
    """Distance between two bounding boxes (0 when they overlap)."""
    return bbox_gap_km(a, b)


def is_close(
    a: Footprint, b: Footprint, *, hours: float = DEFAULT_HOURS, km: float = DEFAULT_KM
) -> bool:
    if not related_types(a.type, b.type) or hours_apart(a, b) > hours:
        return False
    if a.bbox is not None and b.bbox is not None:
        return km_apart(a.bbox, b.bbox) <= km
    return bool(a.place_name) and a.place_name.strip().lower() == b.place_name.strip().lower()


def search_box(bbox: BBox, km: float = DEFAULT_KM) -> BBox:
    """`bbox` grown by `km` on every side: the indexed pre-filter for `is_close`."""
    return grow_bbox(bbox, km)
