"""What every benchmark shares: timing a callable and printing a result line as a ratio."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    name: str
    ours_s: float
    baseline_s: float
    baseline: str
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.baseline_s / self.ours_s if self.ours_s else float("inf")

    def line(self) -> str:
        return (
            f"{self.name:<48} ours {self.ours_s * 1000:10.1f} ms   {self.baseline:<28} "
            f"{self.baseline_s * 1000:10.1f} ms   x{self.ratio:7.2f}   {self.note}"
        )


def best_of(func: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of `repeat` runs, in seconds (the least disturbed by a noisy machine)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best
