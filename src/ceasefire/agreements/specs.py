"""The registry's typed values: what an obligation, an amendment and an observation say, as plain
data for the compliance rules (built from an agreement file or from the stored registry)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from ceasefire.agreements.timeref import TimeRef

#: The smallest step of time: the last instant of a period [start, end) is `end - TICK`.
TICK = dt.timedelta(microseconds=1)


class Effect(StrEnum):
    """What an observation does to the obligation it bears on."""

    FULFILS = "fulfils"
    BREACHES = "breaches"
    COMPLIES = "complies"
    FIGURE = "figure"
    NOTICE = "notice"


@dataclass(frozen=True)
class Limit:
    measure: str
    maximum: float
    unit: str = ""


@dataclass(frozen=True)
class Term:
    """How long an obligation lasts: `months` from its start, renewed by `renewal_months` unless a
    party gives notice at least `notice_months` before the term ends."""

    months: int
    renewal_months: int | None = None
    notice_months: int = 0

    def __post_init__(self) -> None:
        # a term of no length, or renewed by none, would have no end to compute (the file format
        # refuses both; code that builds a Term by hand is held to it here)
        if self.months <= 0:
            raise ValueError(f"a term lasts at least one month, not {self.months}")
        if self.renewal_months is not None and self.renewal_months <= 0:
            raise ValueError(f"a renewal lasts at least one month, not {self.renewal_months}")


@dataclass(frozen=True)
class ObligationSpec:
    id: str
    provision: str
    parties: tuple[str, ...]
    action: str
    effective_from: dt.datetime
    area: str | None = None
    deadline: TimeRef | None = None
    standing: bool = False
    term: Term | None = None
    limits: tuple[Limit, ...] = ()


@dataclass(frozen=True)
class AmendmentSpec:
    id: str
    obligation: str
    decided_at: dt.datetime
    deadline: TimeRef | None = None
    limits: tuple[Limit, ...] | None = None


@dataclass(frozen=True)
class Observation:
    """A verified fact: it happened within [start, end) and bears on `obligation` with `effect`.

    `label` is the time as written (e.g. `2020-11-20`), used in reasons; `start == end` is exact.
    """

    id: str
    obligation: str
    effect: Effect
    start: dt.datetime
    end: dt.datetime
    figures: Mapping[str, float] = field(default_factory=dict)
    label: str = ""

    @property
    def last(self) -> dt.datetime:
        """The last instant of the period it happened in: from then on it has surely happened."""
        return self.end - TICK if self.end > self.start else self.start

    @property
    def when(self) -> str:
        return self.label or self.start.isoformat()
