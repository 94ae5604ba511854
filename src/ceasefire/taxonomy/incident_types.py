"""The incident taxonomy: ACLED's event types and 25 sub-event types, plus ceasefire extensions.

`TAXONOMY` maps a kebab-case id to (label, ACLED event type, ACLED sub-event type or None).
An extension whose ACLED sub-event type is None has no exact ACLED equivalent: exports write its
ACLED event type with an empty sub-event type and keep our id in the `ceasefire_type` column.
Pure data, imported by the news channel; docs/taxonomy.md explains each entry.
"""

from __future__ import annotations

from typing import NamedTuple


class IncidentType(NamedTuple):
    label: str
    acled_event_type: str
    acled_sub_event_type: str | None


BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

#: ACLED's own sub-event types, under ids made from their names.
ACLED_TYPES: dict[str, IncidentType] = {
    "armed-clash": IncidentType("Armed clash", BATTLES, "Armed clash"),
    "government-regains-territory": IncidentType(
        "Government regains territory", BATTLES, "Government regains territory"
    ),
    "non-state-actor-overtakes-territory": IncidentType(
        "Non-state actor overtakes territory", BATTLES, "Non-state actor overtakes territory"
    ),
    "chemical-weapon": IncidentType("Chemical weapon", EXPLOSIONS, "Chemical weapon"),
    "air-drone-strike": IncidentType("Air/drone strike", EXPLOSIONS, "Air/drone strike"),
    "suicide-bomb": IncidentType("Suicide bomb", EXPLOSIONS, "Suicide bomb"),
    "shelling-artillery-missile-attack": IncidentType(
        "Shelling/artillery/missile attack", EXPLOSIONS, "Shelling/artillery/missile attack"
    ),
    "remote-explosive-landmine-ied": IncidentType(
        "Remote explosive/landmine/IED", EXPLOSIONS, "Remote explosive/landmine/IED"
    ),
    "grenade": IncidentType("Grenade", EXPLOSIONS, "Grenade"),
    "sexual-violence": IncidentType(
        "Sexual violence", VIOLENCE_AGAINST_CIVILIANS, "Sexual violence"
    ),
    "attack": IncidentType("Attack", VIOLENCE_AGAINST_CIVILIANS, "Attack"),
    "abduction-forced-disappearance": IncidentType(
        "Abduction/forced disappearance",
        VIOLENCE_AGAINST_CIVILIANS,
        "Abduction/forced disappearance",
    ),
    "peaceful-protest": IncidentType("Peaceful protest", PROTESTS, "Peaceful protest"),
    "protest-with-intervention": IncidentType(
        "Protest with intervention", PROTESTS, "Protest with intervention"
    ),
    "excessive-force-against-protesters": IncidentType(
        "Excessive force against protesters", PROTESTS, "Excessive force against protesters"
    ),
    "violent-demonstration": IncidentType("Violent demonstration", RIOTS, "Violent demonstration"),
    "mob-violence": IncidentType("Mob violence", RIOTS, "Mob violence"),
    "agreement": IncidentType("Agreement", STRATEGIC, "Agreement"),
    "arrests": IncidentType("Arrests", STRATEGIC, "Arrests"),
    "change-to-group-activity": IncidentType(
        "Change to group/activity", STRATEGIC, "Change to group/activity"
    ),
    "disrupted-weapons-use": IncidentType(
        "Disrupted weapons use", STRATEGIC, "Disrupted weapons use"
    ),
    "headquarters-or-base-established": IncidentType(
        "Headquarters or base established", STRATEGIC, "Headquarters or base established"
    ),
    "looting-property-destruction": IncidentType(
        "Looting/property destruction", STRATEGIC, "Looting/property destruction"
    ),
    "non-violent-transfer-of-territory": IncidentType(
        "Non-violent transfer of territory", STRATEGIC, "Non-violent transfer of territory"
    ),
    "other": IncidentType("Other", STRATEGIC, "Other"),
}

#: What a ceasefire needs beyond ACLED, with the closest ACLED type for exports.
CEASEFIRE_TYPES: dict[str, IncidentType] = {
    "ceasefire-violation": IncidentType("Unspecified ceasefire violation", BATTLES, None),
    "withdrawal": IncidentType("Withdrawal of forces", STRATEGIC, "Change to group/activity"),
    "handover-of-territory": IncidentType(
        "Handover of territory", STRATEGIC, "Non-violent transfer of territory"
    ),
    "deployment": IncidentType("Deployment of forces", STRATEGIC, "Change to group/activity"),
    "patrol": IncidentType("Patrol", STRATEGIC, None),
    "exchange-of-detainees": IncidentType("Exchange of detainees", STRATEGIC, None),
    "corridor-obstruction": IncidentType("Obstruction of a corridor", STRATEGIC, None),
    "monitor-movement-restriction": IncidentType(
        "Restriction of monitors' movement", STRATEGIC, None
    ),
    "demining": IncidentType("Demining", STRATEGIC, "Disrupted weapons use"),
    "diplomatic-meeting": IncidentType("Diplomatic meeting", STRATEGIC, None),
    "statement": IncidentType("Statement", STRATEGIC, None),
}

TAXONOMY: dict[str, IncidentType] = {**ACLED_TYPES, **CEASEFIRE_TYPES}

#: What the news channel must recognise in order to set it aside: events that are not incidents
#: of a ceasefire (CASE 2021's "unseen" types). Never an incident type; no ACLED equivalent.
NOT_INCIDENT_TYPES: dict[str, str] = {
    "organized-crime": "Organized crime",
    "natural-disaster": "Natural disaster",
    "man-made-disaster": "Man-made disaster",
}

#: Every event type the news channel's extraction may name: the incident types, then the rest.
EVENT_TYPES: tuple[str, ...] = (*TAXONOMY, *NOT_INCIDENT_TYPES)

ACLED_EVENT_TYPES: tuple[str, ...] = (
    BATTLES,
    EXPLOSIONS,
    VIOLENCE_AGAINST_CIVILIANS,
    PROTESTS,
    RIOTS,
    STRATEGIC,
)

_BY_ACLED: dict[tuple[str, str], str] = {
    (t.acled_event_type.lower(), (t.acled_sub_event_type or "").lower()): key
    for key, t in ACLED_TYPES.items()
}


def is_known(type_id: str) -> bool:
    return type_id in TAXONOMY


def from_acled(event_type: str, sub_event_type: str) -> str | None:
    """Our id for an ACLED (event type, sub-event type) pair, or None when ACLED has no such pair."""
    return _BY_ACLED.get((event_type.strip().lower(), sub_event_type.strip().lower()))


def to_acled(type_id: str) -> tuple[str, str]:
    """The ACLED event type and sub-event type ('' when ours has no exact ACLED sub-type)."""
    item = TAXONOMY[type_id]
    return item.acled_event_type, item.acled_sub_event_type or ""
