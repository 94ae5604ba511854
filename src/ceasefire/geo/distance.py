"""Distances on the Earth: one radius, one great-circle distance, and the boxes that prefilter it."""

from __future__ import annotations

import math

#: The mean Earth radius (IUGG), used by every distance in Ceasefire.
EARTH_RADIUS_KM = 6371.0088
#: Kilometres in one degree of latitude (and of longitude at the equator) on that sphere.
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180

BBox = tuple[float, float, float, float]  # (min_lon, min_lat, max_lon, max_lat)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def within_km(lat1: float, lon1: float, lat2: float, lon2: float, km: float) -> bool:
    """Whether two points are less than `km` apart; the latitude difference alone (a lower bound
    of the distance) rules out most far pairs without the trigonometry."""
    if abs(lat1 - lat2) * KM_PER_DEGREE >= km:
        return False
    return haversine_km(lat1, lon1, lat2, lon2) < km


def bbox_gap_km(a: BBox, b: BBox) -> float:
    """Distance between two bounding boxes (0 when they overlap), on a local flat approximation
    around their middle latitude: accurate enough at the tens of kilometres it is used for."""
    dlon = max(a[0] - b[2], b[0] - a[2], 0.0)
    dlat = max(a[1] - b[3], b[1] - a[3], 0.0)
    mid_lat = math.radians((a[1] + a[3] + b[1] + b[3]) / 4)
    return math.hypot(dlon * math.cos(mid_lat), dlat) * KM_PER_DEGREE


def grow_bbox(bbox: BBox, km: float) -> BBox:
    """`bbox` grown by `km` on every side (longitude by the width a degree has at its latitude)."""
    dlat = km / KM_PER_DEGREE
    dlon = dlat / max(math.cos(math.radians((bbox[1] + bbox[3]) / 2)), 0.01)
    return (bbox[0] - dlon, bbox[1] - dlat, bbox[2] + dlon, bbox[3] + dlat)


#: Compass bearings in degrees clockwise from north, by the words news uses for them.
BEARINGS = {
    "north": 0.0, "north-east": 45.0, "northeast": 45.0, "east": 90.0, "south-east": 135.0,
    "southeast": 135.0, "south": 180.0, "south-west": 225.0, "southwest": 225.0, "west": 270.0,
    "north-west": 315.0, "northwest": 315.0,
}  # fmt: skip


def offset(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point `km` from (lat, lon) towards `bearing` (degrees from north), on a flat local
    projection: accurate to well under 1% over the tens of kilometres news gives."""
    dlat = km * math.cos(math.radians(bearing)) / KM_PER_DEGREE
    dlon = (
        km
        * math.sin(math.radians(bearing))
        / (KM_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))
    )
    return lat + dlat, lon + dlon
