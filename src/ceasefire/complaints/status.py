"""The complaint life cycle: received -> under-review -> answered | withdrawn. Pure."""

from __future__ import annotations

from ceasefire.complaints.schemas import ComplaintStatus

S = ComplaintStatus
ALLOWED: dict[ComplaintStatus, frozenset[ComplaintStatus]] = {
    S.RECEIVED: frozenset({S.UNDER_REVIEW, S.WITHDRAWN}),
    S.UNDER_REVIEW: frozenset({S.ANSWERED, S.WITHDRAWN}),
    S.ANSWERED: frozenset(),
    S.WITHDRAWN: frozenset(),
}


def can_move(current: ComplaintStatus, new: ComplaintStatus) -> bool:
    return new in ALLOWED[current]


def moves_for(
    current: ComplaintStatus, *, reviewer: bool, filing_liaison: bool
) -> list[ComplaintStatus]:
    """The moves a person may make now: monitoring staff review and answer; only the liaison
    of the party that filed it withdraws a complaint (the other side's, and the monitors, never)."""
    order = list(ComplaintStatus)
    return [
        new
        for new in sorted(ALLOWED[current], key=order.index)
        if (filing_liaison if new is S.WITHDRAWN else reviewer)
    ]
