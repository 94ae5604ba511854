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
