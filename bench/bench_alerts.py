"""Alert evaluation over 10,000 obligations and 100,000 incidents (goal: under 1 s).

Ours: every alert rule (`alerts.rules.evaluate` and `area_alerts`) over the compliance rows of
10,000 obligations, 100,000 incidents in 50 watched areas (tested as columns, each area's
bounding box first), 500 disputes and 2,000 complaints. The compliance rows themselves are the
compliance package's work (`bench compliance`); their time at this size is printed in the note.
Baseline: the same obligation rules, with the watched areas tested the straightforward way, one
shapely point per incident and area (timed on a tenth of the incidents, scaled up).
"""

from __future__ import annotations

import datetime as dt
import random
import time

from shapely.geometry import Point

from bench.bench_compliance import START, workload
from bench.common import Result, best_of
from ceasefire.alerts import checks, rules
from ceasefire.compliance.rules import compliance_at

MOMENT = START + dt.timedelta(days=180)
N_OBLIGATIONS, N_INCIDENTS, N_AREAS = 10_000, 100_000, 50


def facts(seed: int = 11) -> tuple[rules.Facts, list[rules.Area], rules.Points]:
    rng = random.Random(seed)
    areas = [
        rules.Area(
            i, i % 7, f"area {i}", checks.disc(45 + rng.random() * 3, 39 + rng.random() * 2, 8)
        )
        for i in range(N_AREAS)
    ]
    points = rules.Points.of(
        (
            i,
            45 + rng.random() * 3,
            39 + rng.random() * 2,
            MOMENT - dt.timedelta(minutes=rng.randrange(48 * 60)),
        )
        for i in range(N_INCIDENTS)
    )
    disputes = [
        rules.Dispute(i, MOMENT - dt.timedelta(hours=rng.randrange(72))) for i in range(500)
    ]
    complaints = [
        rules.OpenComplaint(
            i, "ARM" if i % 2 else "AZE", MOMENT - dt.timedelta(days=rng.randrange(20))
        )
        for i in range(2000)
    ]
    return rules.Facts("bench", disputes=disputes, complaints=complaints), areas, points


def run() -> list[Result]:
    obligations, amendments, observations = workload(N_OBLIGATIONS, N_INCIDENTS)
    base, areas, points = facts()
    params = rules.Parameters()

    start = time.perf_counter()
    rows = compliance_at(obligations, amendments, observations, MOMENT)
    compliance_s = time.perf_counter() - start

    def ours() -> int:
        firing = rules.evaluate(
            rules.Facts(base.agreement, rows, base.disputes, base.complaints), MOMENT, params
        )
        return len(firing) + len(rules.area_alerts(areas, points, MOMENT, params))

    held = ours()
    ours_s = best_of(ours)

    tenth = N_INCIDENTS // 10
    recent = MOMENT.timestamp() - params.watch_hours * 3600

    def naive_areas() -> int:
        count = 0
        for k in range(tenth):
            if not recent < points.recorded[k] <= MOMENT.timestamp():
                continue
            point = Point(points.lons[k], points.lats[k])
            count += sum(1 for area in areas if area.shape.contains(point))
        return count

    def baseline() -> None:
        rules.evaluate(
            rules.Facts(base.agreement, rows, base.disputes, base.complaints), MOMENT, params
        )

    start = time.perf_counter()
    baseline()
    rules_s = time.perf_counter() - start
    areas_s = best_of(naive_areas, repeat=1) * (N_INCIDENTS / tenth)
    verdict = "under 1 s" if ours_s < 1 else "OVER the 1 s goal"
    return [
        Result(
            f"alerts: {N_OBLIGATIONS // 1000}k obligations, {N_INCIDENTS // 1000}k incidents",
            ours_s,
            rules_s + areas_s,
            "point-by-point areas",
            f"{held} alerts hold; {verdict} (compliance rows: {compliance_s:.1f} s)",
        )
    ]
