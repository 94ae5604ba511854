"""The roles a user can hold, and which kind of party each belongs to."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    CO_HEAD = "co-head"
    MONITOR = "monitor"
    LIAISON = "liaison"


#: Roles held by members of a monitoring party (they share the same internal picture).
MONITORING_ROLES = frozenset({Role.ADMIN, Role.CO_HEAD, Role.MONITOR})

ROLE_HELP: dict[Role, str] = {
    Role.ADMIN: "manages users and tokens; sees everything a monitor sees (monitoring party)",
    Role.CO_HEAD: "decides disputed findings for their party; assesses like a monitor",
    Role.MONITOR: "takes in reports, edits incidents, records their own party's assessments",
    Role.LIAISON: "a conflict party's liaison: files complaints, sees only its own complaints "
    "and published findings",
}
