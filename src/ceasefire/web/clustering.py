"""Server-side grid clustering of incidents for the map: pure functions over plain values.

The grid is square in degrees, one cell about `cell_px` screen pixels wide at the map's zoom
(256-pixel tiles), anchored at longitude -180 and latitude -90 so a cell never moves when the
map pans. A cell holding one incident yields that incident; a cell holding more yields a cluster
at the mean position of its members, with its count and the count of each finding status.
Every incident lands in exactly one cell, so the clusters' counts add up to the list's count.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from ceasefire.incidents.models import Finding, IncidentStatus

# the order in which a cluster's colour is chosen: the status that most needs attention first (a
# candidate incident is shown as such, an accepted one by its finding)
STATUS_PRIORITY: tuple[str, ...] = (
    Finding.DISPUTED,
    Finding.PENDING,
    IncidentStatus.CANDIDATE,
    Finding.CONFIRMED,
    Finding.REJECTED,
)


@dataclass(frozen=True)
class Point:
    id: int
    lon: float
    lat: float
    status: str


@dataclass
class Cluster:
    key: tuple[int, int]
    count: int = 0
    lon_sum: float = 0.0
    lat_sum: float = 0.0
    statuses: dict[str, int] = field(default_factory=dict)
    member: Point | None = None  # the only member, while there is one
    ids: list[int] = field(default_factory=list)  # members' ids (grid_cluster only)

    @property
    def lon(self) -> float:
        return self.lon_sum / self.count

    @property
    def lat(self) -> float:
        return self.lat_sum / self.count

    @property
    def status(self) -> str:
        """The status shown: the most urgent one present (a disputed incident is never hidden)."""
        for status in STATUS_PRIORITY:
            if self.statuses.get(status):
                return status
        return max(self.statuses, key=lambda s: self.statuses[s]) if self.statuses else ""


def cell_degrees(zoom: int, cell_px: int = 60) -> float:
    """The width of a grid cell in degrees at `zoom` (clamped to 0..20)."""
    zoom = max(0, min(20, zoom))
    return 360.0 / (256.0 * float(1 << zoom)) * cell_px


def cell_of(lon: float, lat: float, size: float) -> tuple[int, int]:
    return (math.floor((lon + 180.0) / size), math.floor((lat + 90.0) / size))


def add(cluster: Cluster, lon: float, lat: float, status: str, count: int = 1) -> None:
    cluster.count += count
    cluster.lon_sum += lon * count
    cluster.lat_sum += lat * count
    cluster.statuses[status] = cluster.statuses.get(status, 0) + count


def grid_cluster(points: Iterable[Point], *, zoom: int, cell_px: int = 60) -> list[Cluster]:
    """Group `points` into grid cells; clusters come out ordered by cell for stable output."""
    size = cell_degrees(zoom, cell_px)
    cells: dict[tuple[int, int], Cluster] = {}
    for p in points:
        key = cell_of(p.lon, p.lat, size)
        cluster = cells.get(key)
        if cluster is None:
            cluster = cells[key] = Cluster(key, member=p)
        else:
            cluster.member = None
        cluster.ids.append(p.id)
        add(cluster, p.lon, p.lat, p.status)
    return [cells[k] for k in sorted(cells)]


def merge_cells(
    rows: Iterable[tuple[int, int, str, int, float, float, int]],
) -> list[Cluster]:
    """Clusters from per-(cell, status) sums computed by the database:
    (cell_x, cell_y, status, count, lon_sum, lat_sum, smallest_id) rows, in any order.
    A cell of one incident keeps that incident (its id is the smallest id of the cell)."""
    cells: dict[tuple[int, int], Cluster] = {}
    for cx, cy, status, count, lon_sum, lat_sum, smallest_id in rows:
        key = (int(cx), int(cy))
        cluster = cells.get(key)
        if cluster is None:
            cluster = cells[key] = Cluster(key)
        add(cluster, float(lon_sum) / int(count), float(lat_sum) / int(count), status, int(count))
        cluster.member = (
            Point(int(smallest_id), cluster.lon, cluster.lat, status)
            if cluster.count == 1
            else None
        )
    return [cells[k] for k in sorted(cells)]
