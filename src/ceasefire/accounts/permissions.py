"""Who may do what: pure checks over a user (None is the anonymous public).

Services call these and raise `PermissionDeniedError` (or `NotFoundError` where even the
existence of an object must stay hidden, e.g. another party's complaint for a liaison).
"""

from __future__ import annotations

from typing import Protocol

from ceasefire.accounts.roles import MONITORING_ROLES, Role
from ceasefire.errors import CeasefireError


class PermissionDeniedError(CeasefireError):
    """The user is known but may not do this (the API answers 403)."""


class Actor(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def party(self) -> str | None: ...


def is_monitoring_staff(user: Actor | None) -> bool:
    """Admins, co-heads and monitors: members of a monitoring party, all seeing the same picture."""
    return user is not None and user.role in MONITORING_ROLES


def is_liaison(user: Actor | None) -> bool:
    return user is not None and user.role == Role.LIAISON


def can_read_incidents(user: Actor | None) -> bool:
    """The full internal picture: reports, incidents, assessments (liaisons see findings only)."""
    return is_monitoring_staff(user)


def can_read_assessments(user: Actor | None) -> bool:
    return is_monitoring_staff(user)


def can_read_published_findings(user: Actor | None) -> bool:
    return user is not None


def can_write_incidents(user: Actor | None) -> bool:
    return is_monitoring_staff(user)


def can_assess(user: Actor | None, party: str) -> bool:
    """Only a monitor or co-head of `party` writes or revises `party`'s assessment."""
    return (
        user is not None
        and user.role in (Role.MONITOR, Role.CO_HEAD)
        and user.party is not None
        and user.party == party
    )


def can_decide(user: Actor | None, party: str) -> bool:
    """Only `party`'s co-head records `party`'s decision on a disputed finding."""
    return user is not None and user.role == Role.CO_HEAD and user.party == party


def can_manage_users(user: Actor | None) -> bool:
    return user is not None and user.role == Role.ADMIN


def can_file_complaint(user: Actor | None) -> bool:
    return is_liaison(user) and user is not None and user.party is not None


def can_read_complaint(user: Actor | None, complaint_party: str) -> bool:
    if is_monitoring_staff(user):
        return True
    return is_liaison(user) and user is not None and user.party == complaint_party


def can_review_complaints(user: Actor | None) -> bool:
    return is_monitoring_staff(user)


def require(allowed: bool, what: str) -> None:
    if not allowed:
        raise PermissionDeniedError(f"not allowed: {what}")
