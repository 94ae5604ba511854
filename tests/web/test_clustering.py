"""Grid clustering for the map, without a database: counts always add up to the list's count."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceasefire.web import clustering
from ceasefire.web.clustering import Point


def pts(*items: tuple[float, float, str]) -> list[Point]:
    return [Point(i + 1, lon, lat, status) for i, (lon, lat, status) in enumerate(items)]


@pytest.mark.parametrize(
    ("points", "zoom", "expected"),
    [
        ([], 8, []),
        (pts((46.75, 39.82, "pending")), 8, [(1, "pending")]),
        # two incidents a few hundred metres apart: one cluster at zoom 8, apart at zoom 16
        (pts((46.750, 39.820, "pending"), (46.752, 39.821, "confirmed")), 8, [(2, "pending")]),
        (
            pts((46.750, 39.820, "pending"), (46.752, 39.821, "confirmed")),
            16,
            [(1, "pending"), (1, "confirmed")],
        ),
        # Hadrut and Aghdam are in different cells at zoom 8
        (
            pts((47.03, 39.52, "disputed"), (46.93, 39.99, "confirmed")),
            8,
            [(1, "disputed"), (1, "confirmed")],
        ),
        # a disputed incident is never hidden behind a confirmed majority
        (
            pts(
                (46.75, 39.82, "confirmed"), (46.75, 39.82, "confirmed"), (46.75, 39.82, "disputed")
            ),
            8,
            [(3, "disputed")],
        ),
    ],
)
def test_grid_cluster(points: list[Point], zoom: int, expected: list[tuple[int, str]]) -> None:
    clusters = clustering.grid_cluster(points, zoom=zoom)
    assert sorted((c.count, c.status) for c in clusters) == sorted(expected)
    for c in clusters:
        assert (c.member is not None) == (c.count == 1)


def test_a_cluster_sits_at_the_mean_of_its_members() -> None:
    [cluster] = clustering.grid_cluster(
        pts((46.70, 39.80, "pending"), (46.72, 39.82, "pending")), zoom=6
    )
    assert cluster.lon == pytest.approx(46.71)
    assert cluster.lat == pytest.approx(39.81)


def test_cells_shrink_by_half_per_zoom_level() -> None:
    assert clustering.cell_degrees(9) == pytest.approx(clustering.cell_degrees(8) / 2)
    assert clustering.cell_degrees(99) == clustering.cell_degrees(20)


coords = st.tuples(
    st.floats(-180, 179.999),
    st.floats(-90, 89.999),
    st.sampled_from(["pending", "confirmed", "disputed", "rejected"]),
)


@given(st.lists(coords, max_size=200), st.integers(0, 20))
def test_counts_add_up_and_sql_style_sums_agree(
    items: list[tuple[float, float, str]], zoom: int
) -> None:
    points = pts(*items)
    clusters = clustering.grid_cluster(points, zoom=zoom)
    assert sum(c.count for c in clusters) == len(points)
    # the database path: sums per (cell, status), merged, gives the same clusters
    size = clustering.cell_degrees(zoom)
    sums: dict[tuple[int, int, str], list[float]] = {}
    for p in points:
        cx, cy = clustering.cell_of(p.lon, p.lat, size)
        acc = sums.setdefault((cx, cy, p.status), [0, 0.0, 0.0, p.id])
        acc[0] += 1
        acc[1] += p.lon
        acc[2] += p.lat
        acc[3] = min(acc[3], p.id)
    merged = clustering.merge_cells(
        (k[0], k[1], k[2], int(v[0]), v[1], v[2], int(v[3])) for k, v in sums.items()
    )
    assert [(c.key, c.count, c.statuses) for c in merged] == [
        (c.key, c.count, c.statuses) for c in clusters
    ]
    assert [c.member.id if c.member else None for c in merged] == [
        c.member.id if c.member else None for c in clusters
    ]
    for m, c in zip(merged, clusters, strict=True):
        assert m.lon == pytest.approx(c.lon, abs=1e-6)
        assert m.lat == pytest.approx(c.lat, abs=1e-6)
