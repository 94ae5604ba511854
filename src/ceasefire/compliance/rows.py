"""What the compliance rule says about one obligation at one moment: its status, and why in words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from ceasefire.agreements.specs import Limit, Observation
from ceasefire.agreements.timeref import TimeRef


class Status(StrEnum):
    NOT_IN_FORCE = "not-in-force"
    PENDING = "pending"
    FULFILLED = "fulfilled"
    FULFILLED_LATE = "fulfilled-late"
    OVERDUE = "overdue"
    IN_FORCE = "in-force"
    NO_REPORT = "no-report"
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


# The reasons a row gives, in words: one wording, used by the rule at one moment (`rules`) and by
# the sweep over many (`sweep`), so the two can never say a thing differently.


def not_in_force(effective_from: dt.datetime) -> str:
    return f"in force from {effective_from.isoformat()}"


def expired(term_end: dt.datetime) -> str:
    return f"term ended {term_end.isoformat()}"


def fulfilment(fulfilling: Observation, deadline: TimeRef | None) -> tuple[Status, str]:
    """Fulfilled or fulfilled late, and why: late when it began after the deadline's end."""
    if deadline is not None and fulfilling.start >= deadline.end:
        return (
            Status.FULFILLED_LATE,
            f"fulfilled {fulfilling.when}, after the deadline {deadline.label}",
        )
    by = f" by the deadline {deadline.label}" if deadline else ""
    return Status.FULFILLED, f"fulfilled {fulfilling.when}{by}"


def breaches(count: int, last: Observation) -> str:
    return f"{count} breach(es), last {last.when}"


def above_limit(figure: Observation, limit: Limit) -> str:
    return (
        f"{limit.measure} {figure.figures[limit.measure]:g} above the limit "
        f"{limit.maximum:g} on {figure.when}"
    )


def in_force(
    supporting: int, term_end: dt.datetime | None, report: Observation | None = None
) -> str:
    reason = "in force, no breach observed"
    if report is not None:
        reason = f"within the limits by the report of {report.when}"
    if supporting:
        reason += f"; {supporting} supporting observation(s)"
    if term_end is not None:
        reason += f"; term to {term_end.isoformat()}"
    return reason


def no_report(supporting: int, term_end: dt.datetime | None) -> str:
    reason = "no report of the figures in force"
    if supporting > 0:
        reason += f"; {supporting} supporting observation(s)"
    if term_end is not None:
        reason += f"; term to {term_end.isoformat()}"
    return reason


def overdue(deadline: TimeRef) -> str:
    return f"deadline {deadline.label} passed, not fulfilled"


def pending(deadline: TimeRef | None, amendments: tuple[str, ...]) -> str:
    if deadline is None:
        return "no deadline; not yet fulfilled"
    changed = f" (amended by {', '.join(amendments)})" if amendments else ""
    return f"due by {deadline.label}{changed}"
