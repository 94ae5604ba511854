"""Area shapes: validate GeoJSON, buffer a corridor's road by its width, bounding boxes."""

from __future__ import annotations

import math
from typing import Any

import shapely
from shapely.geometry import mapping, shape

from ceasefire.geo.distance import KM_PER_DEGREE


def _check(geometry: dict[str, Any]) -> Any:
    geom = shape(geometry)
    if geom.is_empty:
        raise ValueError("empty geometry")
    if not geom.is_valid:
        raise ValueError(f"{geometry['type']} is not valid (self-intersecting or unclosed ring)")
    minx, miny, maxx, maxy = geom.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise ValueError("coordinates must be [longitude, latitude] within -180..180, -90..90")
    return geom


def corridor_polygon(line: dict[str, Any], width_km: float) -> dict[str, Any]:
    """The corridor around a road: the LineString buffered by half the width on each side.

    Buffers in a local equirectangular projection around the line's mean latitude, which is
    accurate to well under 1% over a corridor's few hundred kilometres.
    """
    geom = _check(line)
    lat0 = math.radians(geom.centroid.y)
    kx = math.cos(lat0) * KM_PER_DEGREE
    ky = KM_PER_DEGREE
    projected = shapely.transform(geom, lambda coords: coords * [kx, ky])
    buffered = projected.buffer(width_km / 2, quad_segs=8)
    back = shapely.transform(buffered, lambda coords: coords / [kx, ky])
    result: dict[str, Any] = dict(mapping(back))
    return result


def area_bbox(geometry: dict[str, Any]) -> tuple[float, float, float, float]:
    """(min_lon, min_lat, max_lon, max_lat) of a GeoJSON geometry, after checking it."""
    minx, miny, maxx, maxy = _check(geometry).bounds
    return (float(minx), float(miny), float(maxx), float(maxy))


class AreaShape:
    """An area's shape for "is this point in it, or how far from it": the geometry (a corridor's
    road buffered by its width) in a local flat projection in kilometres around the shape's middle
    latitude, which is accurate to well under 1% over an area of a few hundred kilometres."""

    def __init__(self, geometry: dict[str, Any], *, width_km: float | None = None) -> None:
        geom = _check(geometry)
        self._lat0 = math.radians(geom.centroid.y)
        self._kx = math.cos(self._lat0) * KM_PER_DEGREE
        projected = shapely.transform(geom, lambda coords: coords * [self._kx, KM_PER_DEGREE])
        if width_km:
            projected = projected.buffer(width_km / 2, quad_segs=8)
        self._shape = projected
        shapely.prepare(self._shape)

    def distance_km(self, lat: float, lon: float) -> float:
        """How far the point is from the shape, in km (0 inside it or on its edge)."""
        point = shapely.Point(lon * self._kx, lat * KM_PER_DEGREE)
        return float(self._shape.distance(point))
