"""What the compliance rule says about one obligation at one moment: its status and why."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ceasefire.agreements.specs import Limit
from ceasefire.agreements.timeref import TimeRef


class Status(StrEnum):
    NOT_IN_FORCE = "not-in-force"
    PENDING = "pending"
    FULFILLED = "fulfilled"
    FULFILLED_LATE = "fulfilled-late"
    OVERDUE = "overdue"
    IN_FORCE = "in-force"
    BREACHED = "breached"
    EXPIRED = "expired"


@dataclass(frozen=True)
class ComplianceRow:
    obligation: str
    provision: str
    parties: tuple[str, ...]
    action: str
    area: str | None
    status: Status
    deadline: TimeRef | None
    amendments: tuple[str, ...]
    evidence: tuple[str, ...]
    reason: str
    limits: tuple[Limit, ...] = ()
