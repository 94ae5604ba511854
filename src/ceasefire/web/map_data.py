"""The map's incident data: small GeoJSON, clustered by the database when there are many.

Few incidents (up to POINT_LIMIT) come back one feature each; more come back as grid clusters
(`clustering`), summed per cell by the database so 100,000 incidents never cross the wire. Each
incident sits at the centre of its bounding box; incidents without a place are counted apart.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Float, Integer, and_, case, cast, func, select
from sqlalchemy.orm import Session

from ceasefire.accounts.models import User
from ceasefire.incidents.models import Incident
from ceasefire.web import clustering
from ceasefire.web.filters import PageFilter, conditions

POINT_LIMIT = 300
# below POINT_LIMIT, only incidents within a few pixels of each other are grouped (e.g. several
# placed at the same village), and the group lists its incidents
NEAR_PX = 24


#: Incidents placed on the globe: a box with NaN or infinite or impossible degrees (stored
#: before intake refused them) is left off the map rather than breaking it for everyone.
#: (PostgreSQL orders NaN above every number, so each bound is checked on both sides.)
ON_GLOBE = (
    Incident.min_lon.between(-180.0, 180.0),
    Incident.max_lon.between(-180.0, 180.0),
    Incident.min_lat.between(-90.0, 90.0),
    Incident.max_lat.between(-90.0, 90.0),
)


def _centre() -> tuple[Any, Any]:
    return (Incident.min_lon + Incident.max_lon) / 2.0, (Incident.min_lat + Incident.max_lat) / 2.0


def map_data(
    session: Session,
    flt: PageFilter,
    *,
    user: User,
    zone: ZoneInfo,
    zoom: int,
    point_limit: int = POINT_LIMIT,
) -> dict[str, Any]:
    where = conditions(flt, user=user, zone=zone)
    located = [*where, *ON_GLOBE]
    # both counts in one pass: every incident, and those with a place (count skips NULLs)
    total, on_map = (
        int(n or 0)
        for n in session.execute(
            select(func.count(), func.count(case((and_(*ON_GLOBE), 1))))
            .select_from(Incident)
            .where(*where)
        ).one()
    )
    lon, lat = _centre()
    features: list[dict[str, Any]] = []
    if on_map <= point_limit:
        rows = session.execute(
            select(Incident.id, lon, lat, Incident.finding, Incident.type, Incident.time_label,
                   Incident.place_name)
            .where(*located)
            .order_by(Incident.start_at, Incident.id)
        )  # fmt: skip
        details: dict[int, dict[str, Any]] = {}
        points = []
        for id_, x, y, finding, type_, when, place in rows:
            details[id_] = {"type": type_, "date": when, "place": place}
            points.append(clustering.Point(id_, float(x), float(y), finding))
        for c in clustering.grid_cluster(points, zoom=zoom, cell_px=NEAR_PX):
            if c.member is not None:
                p = c.member
                features.append(_point(p.id, p.lon, p.lat, p.status, **details[p.id]))
            else:
                feature = _feature(c)
                feature["properties"]["ids"] = c.ids
                features.append(feature)
        clustered = False
    else:
        features = [_feature(c) for c in clusters(session, located, zoom=zoom)]
        clustered = True
    return {
        "type": "FeatureCollection",
        "total": total,
        "on_map": on_map,
        "clustered": clustered,
        "features": features,
    }


def clusters(session: Session, where: list[Any], *, zoom: int) -> list[clustering.Cluster]:
    """Grid clusters summed in SQL with the same cell arithmetic as `clustering.cell_of`."""
    size = clustering.cell_degrees(zoom)
    lon, lat = _centre()
    dialect = session.get_bind().dialect.name

    def cell(value: Any, offset: float) -> Any:
        shifted = (cast(value, Float) + offset) / size
        # SQLite truncates on CAST (equal to floor for the non-negative values here);
        # PostgreSQL rounds on CAST, so it floors first
        return cast(func.floor(shifted) if dialect != "sqlite" else shifted, Integer)

    cx, cy = cell(lon, 180.0).label("cx"), cell(lat, 90.0).label("cy")
    rows = session.execute(
        select(cx, cy, Incident.finding, func.count(), func.sum(lon), func.sum(lat),
               func.min(Incident.id))
        .where(*where)
        .group_by(cx, cy, Incident.finding)
    )  # fmt: skip
    return clustering.merge_cells(
        (int(a), int(b), str(f), int(n), float(sx), float(sy), int(m))
        for a, b, f, n, sx, sy, m in rows
    )


def _point(id_: int, lon: float, lat: float, finding: str, **properties: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
        "properties": {"id": id_, "status": finding, "count": 1, **properties},
    }


def _feature(c: clustering.Cluster) -> dict[str, Any]:
    if c.member is not None:
        return _point(c.member.id, c.lon, c.lat, c.status)
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(c.lon, 5), round(c.lat, 5)]},
        "properties": {"count": c.count, "status": c.status, "statuses": c.statuses},
    }


def date_range(
    session: Session, flt: PageFilter, *, user: User, zone: ZoneInfo
) -> dict[str, str | None]:
    """The first and last incident dates under the filter (without its own dates): the slider's
    range."""
    unbounded = replace(flt, start=None, end=None, bbox=None)
    where = conditions(unbounded, user=user, zone=zone)
    first, last = session.execute(
        select(func.min(Incident.start_at), func.max(Incident.start_at)).where(*where)
    ).one()
    return {
        "first": first.astimezone(zone).date().isoformat() if first else None,
        "last": last.astimezone(zone).date().isoformat() if last else None,
    }
