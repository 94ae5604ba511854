"""Who receives an alert, from roles (pure): staff see the internal picture, a liaison only its
own party's complaints and published findings, a watched area's alerts go to its owner."""

from __future__ import annotations

from typing import Protocol

from ceasefire.accounts import permissions
from ceasefire.alerts.rules import Audience


class Addressed(Protocol):
    @property
    def audience(self) -> str: ...
    @property
    def party(self) -> str | None: ...
    @property
    def owner(self) -> int | None: ...


class Recipient(permissions.Actor, Protocol):
    @property
    def id(self) -> int: ...


def may_receive(user: Recipient, alert: Addressed) -> bool:
    audience = Audience(alert.audience)
    if audience is Audience.OWNER:
        return alert.owner is not None and user.id == alert.owner
    if permissions.is_monitoring_staff(user):
        return True
    return (
        audience is Audience.PARTY
        and permissions.is_liaison(user)
        and user.party is not None
        and user.party == alert.party
    )
