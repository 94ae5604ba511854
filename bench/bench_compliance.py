"""Compliance for 1,000 obligations and 100,000 observations at 365 moments.

Ours: `compliance_series`, which indexes the observations once and sweeps each obligation over the
sorted moments, building a row only where it changes.
Baseline: the straightforward way, `compliance_at` once per moment (regrouping and re-sorting the
observations every time); timed on a sample of moments and scaled to 365.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from zoneinfo import ZoneInfo

from bench.common import Result
from ceasefire.agreements.specs import AmendmentSpec, Effect, Limit, ObligationSpec, Observation
from ceasefire.agreements.timeref import parse_timeref
from ceasefire.compliance.rules import compliance_at
from ceasefire.compliance.sweep import compliance_series

ZONE = ZoneInfo("Europe/Moscow")
START = dt.datetime(2020, 11, 10, tzinfo=ZONE)


def workload(
    n_obligations: int = 1000, n_observations: int = 100_000, seed: int = 7
) -> tuple[list[ObligationSpec], list[AmendmentSpec], list[Observation]]:
    rng = random.Random(seed)
    obligations = []
    for i in range(n_obligations):
        kind = i % 3
        obligations.append(
            ObligationSpec(
                id=f"o{i}",
                provision=str(i % 9 + 1),
                parties=("ARM",),
                action="hand-over",
                effective_from=START + dt.timedelta(days=rng.randrange(30)),
                deadline=parse_timeref(
                    (START + dt.timedelta(days=30 + rng.randrange(300))).date().isoformat(), ZONE
                )
                if kind == 0
                else None,
                standing=kind != 0,
                limits=(Limit("personnel", 1960),) if kind == 2 else (),
            )
        )
    amendments = [
        AmendmentSpec(
            f"a{i}",
            f"o{i * 3}",
            START + dt.timedelta(days=rng.randrange(200)),
            parse_timeref(
                (START + dt.timedelta(days=250 + rng.randrange(100))).date().isoformat(), ZONE
            ),
        )
        for i in range(100)
    ]
    effects = [Effect.FULFILS, Effect.BREACHES, Effect.COMPLIES, Effect.FIGURE]
    observations = []
    for j in range(n_observations):
        start = START + dt.timedelta(minutes=rng.randrange(365 * 24 * 60))
        effect = effects[rng.randrange(4)]
        observations.append(
            Observation(
                f"x{j}",
                f"o{rng.randrange(n_obligations)}",
                effect,
                start,
                start + dt.timedelta(days=1),
                {"personnel": float(rng.randrange(1500, 2000))} if effect is Effect.FIGURE else {},
            )
        )
    return obligations, amendments, observations


def run() -> list[Result]:
    obligations, amendments, observations = workload()
    moments = [START + dt.timedelta(days=d, hours=12) for d in range(365)]

    started = time.perf_counter()
    ours = compliance_series(obligations, amendments, observations, moments)
    ours_s = time.perf_counter() - started

    sample = moments[:: 365 // 12][:12]
    started = time.perf_counter()
    for moment in sample:
        expected = compliance_at(obligations, amendments, observations, moment)
        assert expected == ours[moments.index(moment)]
    baseline_s = (time.perf_counter() - started) / len(sample) * len(moments)
    return [
        Result(
            "compliance 1k obligations x 100k obs x 365 moments",
            ours_s,
            baseline_s,
            "compliance_at per moment",
            f"baseline timed on {len(sample)} moments, scaled; {ours_s / 365 * 1000:.1f} ms per moment",
        )
    ]
