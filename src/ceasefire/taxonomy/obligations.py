"""Which incident types bear on which obligations: the one table from an agreement's actions (its
obligations' `action`, `docs/agreement-format.md`) to the incident types (`incident_types`) that
are evidence about them, and how.

An event meets an obligation when it is what the obligation asks for (a handover of the district
to be handed over, a patrol on the route to be patrolled): it fulfils a one-off obligation and
supports (complies with) a standing one. It breaches the obligation when it is what the
obligation forbids (fire across the line of a ceasefire, a convoy stopped on a guaranteed road).
An action without entries (a limit on numbers, a notice) is not shown by a single event.
docs/taxonomy.md prints this table; a test holds the two together.
"""

from __future__ import annotations

from enum import StrEnum


class Bearing(StrEnum):
    MEETS = "meets"
    BREACHES = "breaches"


_FIGHTING = (
    "armed-clash",
    "ceasefire-violation",
    "shelling-artillery-missile-attack",
    "air-drone-strike",
    "remote-explosive-landmine-ied",
    "grenade",
    "chemical-weapon",
    "suicide-bomb",
)

#: action -> {incident type: how an event of that type bears on an obligation of that action}
ACTION_EVENTS: dict[str, dict[str, Bearing]] = {
    "cease-fire": dict.fromkeys(_FIGHTING, Bearing.BREACHES),
    "hold-positions": {
        "government-regains-territory": Bearing.BREACHES,
        "non-state-actor-overtakes-territory": Bearing.BREACHES,
    },
    "withdraw": {"withdrawal": Bearing.MEETS},
    "hand-over": {
        "handover-of-territory": Bearing.MEETS,
        "non-violent-transfer-of-territory": Bearing.MEETS,
        "withdrawal": Bearing.MEETS,
    },
    "deploy": {"deployment": Bearing.MEETS},
    "keep-within-limits": {},
    "guarantee-passage": {"corridor-obstruction": Bearing.BREACHES},
    "control-corridor": {"patrol": Bearing.MEETS},
    "build-route": {},
    "patrol": {"patrol": Bearing.MEETS},
    "establish-zone": {},
    "agree-parameters": {"agreement": Bearing.MEETS},
    "exchange-detainees": {"exchange-of-detainees": Bearing.MEETS},
    "enable-return": {},
    "unblock-links": {},
    "establish-body": {"headquarters-or-base-established": Bearing.MEETS},
    "notify": {},
}


#: action -> {force record kind: how a recorded movement of that kind bears on an obligation of
#: that action}. A recorded patrol meets what a patrol event meets; an escorted convoy that went
#: through meets a guarantee of passage and shows a corridor under control. `force/` links its
#: records with it, as `ingest.links` links events with the table above.
ACTION_RECORDS: dict[str, dict[str, Bearing]] = {
    "patrol": {"patrol": Bearing.MEETS},
    "control-corridor": {"patrol": Bearing.MEETS, "convoy": Bearing.MEETS},
    "guarantee-passage": {"convoy": Bearing.MEETS},
}


def record_bearing(action: str, record_kind: str) -> Bearing | None:
    """How a force record of `record_kind` (patrol, convoy) bears on an obligation whose action
    is `action` (None: not)."""
    return ACTION_RECORDS.get(action, {}).get(record_kind)


def bearing(action: str, event_type: str) -> Bearing | None:
    """How an event of `event_type` bears on an obligation whose action is `action` (None: not)."""
    return ACTION_EVENTS.get(action, {}).get(event_type)


def actions_for(event_type: str) -> tuple[str, ...]:
    """Every action an event of `event_type` bears on."""
    return tuple(action for action, types in ACTION_EVENTS.items() if event_type in types)
