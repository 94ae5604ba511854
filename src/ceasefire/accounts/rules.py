"""Which party an account may belong to: a pure rule over the kinds of the loaded parties.

A monitor, co-head or admin sees the whole internal picture, so it must belong to a monitoring
party and to no conflict party of any loaded agreement; a liaison speaks for a conflict party and
must belong to one (and to no monitoring party). Everything else is refused, naming the allowed
parties.
"""

from __future__ import annotations

from dataclasses import dataclass

from ceasefire.accounts.roles import MONITORING_ROLES, Role


@dataclass(frozen=True)
class PartyKinds:
    """The parties of the loaded agreements, by kind (ISO 3166-1 alpha-3 codes)."""

    monitoring: frozenset[str]
    conflict: frozenset[str]

    @property
    def empty(self) -> bool:
        return not self.monitoring and not self.conflict


def _names(codes: frozenset[str]) -> str:
    return ", ".join(sorted(codes)) or "none"


def account_problem(role: Role, party: str | None, kinds: PartyKinds) -> str | None:
    """Why an account of `role` may not belong to `party`, or None when it may."""
    if kinds.empty:
        return (
            "no agreement is loaded, so no party can be checked: load one first "
            "(ceasefire init, or ceasefire agreements load FILE)"
        )
    if role in MONITORING_ROLES:
        allowed = kinds.monitoring - kinds.conflict
        if party is None:
            return f"a {role} belongs to a monitoring party: give one of {_names(allowed)}"
        if party in kinds.conflict:
            return (
                f"a {role} belongs to a monitoring party, and {party} is a conflict party: "
                f"use one of {_names(allowed)}"
            )
        if party not in allowed:
            return (
                f"a {role} belongs to a monitoring party of a loaded agreement, and {party} "
                f"is none: use one of {_names(allowed)}"
            )
        return None
    allowed = kinds.conflict - kinds.monitoring
    if party is None:
        return f"a {role} belongs to a conflict party: give one of {_names(allowed)}"
    if party in kinds.monitoring:
        return (
            f"a {role} belongs to a conflict party, and {party} is a monitoring party: "
            f"use one of {_names(allowed)}"
        )
    if party not in allowed:
        return (
            f"a {role} belongs to a conflict party of a loaded agreement, and {party} is none: "
            f"use one of {_names(allowed)}"
        )
    return None
