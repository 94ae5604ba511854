"""The agreement page's chart of the force's strength against each cap: pure geometry for a
server-rendered SVG (no script, no CDN), one small panel per limited category."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 600.0
HEIGHT = 120.0
PAD_LEFT = 48.0
PAD_RIGHT = 12.0
PAD_Y = 12.0


@dataclass(frozen=True)
class Report:
    """One strength report as the chart reads it."""

    id: str
    label: str
    at: dt.datetime
    figures: dict[str, float]


@dataclass(frozen=True)
class Mark:
    id: str
    label: str
    value: float
    x: float
    y: float
    above: bool


@dataclass(frozen=True)
class Panel:
    measure: str
    unit: str
    cap: float
    cap_y: float
    top: float
    points: str
    marks: list[Mark]
    first: str
    last: str


def panels(
    caps: Sequence[tuple[str, float, str]],
    reports: Sequence[Report],
    start: dt.datetime,
    end: dt.datetime,
) -> list[Panel]:
    """A panel per cap (measure, maximum, unit) with each report's figure of that measure,
    placed by date between `start` and `end` and by value between 0 and a little above the
    larger of the cap and the largest figure. A measure no report gives has no marks."""
    span = max((end - start).total_seconds(), 1.0)
    inner_w = WIDTH - PAD_LEFT - PAD_RIGHT
    inner_h = HEIGHT - 2 * PAD_Y
    out = []
    for measure, cap, unit in caps:
        given = sorted(
            ((r, r.figures[measure]) for r in reports if measure in r.figures),
            key=lambda x: (x[0].at, x[0].id),
        )
        top = max([cap, *(v for _, v in given)]) * 1.1 or 1.0

        def y(value: float, top: float = top) -> float:
            return round(PAD_Y + inner_h * (1 - value / top), 1)

        marks = []
        for report, value in given:
            fraction = min(max((report.at - start).total_seconds() / span, 0.0), 1.0)
            x = round(PAD_LEFT + inner_w * fraction, 1)
            marks.append(Mark(report.id, report.label, value, x, y(value), value > cap))
        out.append(
            Panel(
                measure, unit, cap, y(cap), top,
                " ".join(f"{m.x},{m.y}" for m in marks), marks,
                given[0][0].label if given else "", given[-1][0].label if given else "",
            )
        )  # fmt: skip
    return out
