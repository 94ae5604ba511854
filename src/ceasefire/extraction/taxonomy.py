"""The event types the extractor emits are those of `ceasefire.taxonomy.incident_types` (the one
source of truth: `EVENT_TYPES` there); this module only maps them to the CASE 2021 task 2 labels
the event-type evaluation scores them as.
"""

from __future__ import annotations

from ceasefire.taxonomy import incident_types as incidents_taxonomy

#: The incident taxonomy's ACLED sub-event types, by our id (25, `other` included).
ACLED_TYPES: tuple[str, ...] = tuple(incidents_taxonomy.ACLED_TYPES)
EVENT_TYPES: tuple[str, ...] = incidents_taxonomy.EVENT_TYPES

# CASE 2021 task 2 "seen" labels by ACLED sub-event type (its 25 labels, OTHER included).
_CASE_BY_ACLED_SUB_TYPE: dict[str, str] = {
    "Abduction/forced disappearance": "ABDUCT_DISSAP",
    "Agreement": "AGREEMENT",
    "Air/drone strike": "AIR_STRIKE",
    "Armed clash": "ARMED_CLASH",
    "Arrests": "ARREST",
    "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "Attack": "ATTACK",
    "Change to group/activity": "CHANGE_TO_GROUP_ACT",
    "Chemical weapon": "CHEM_WEAP",
    "Disrupted weapons use": "DISR_WEAP",
    "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Government regains territory": "GOV_REGAINS_TERIT",
    "Grenade": "GRENADE",
    "Headquarters or base established": "HQ_ESTABLISHED",
    "Mob violence": "MOB_VIOL",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
    "Other": "OTHER",
    "Peaceful protest": "PEACE_PROTEST",
    "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Protest with intervention": "PROTEST_WITH_INTER",
    "Remote explosive/landmine/IED": "REM_EXPLOS",
    "Sexual violence": "SEX_VIOL",
    "Suicide bomb": "SUIC_BOMB",
    "Violent demonstration": "VIOL_DEMONSTR",
}

# The ceasefire types are scored as (docs/extraction.md): movements of forces are ACLED's
# "change to group/activity", a handover is a non-violent transfer of territory, a ceasefire
# violation is fighting between armed groups, an exchange of detainees an agreement carried out.
# Set here rather than from the ACLED mapping of the incident taxonomy, which has none for some.
_CASE_BY_CEASEFIRE_TYPE: dict[str, str] = {
    "ceasefire-violation": "ARMED_CLASH",
    "withdrawal": "CHANGE_TO_GROUP_ACT",
    "handover-of-territory": "NON_VIOL_TERRIT_TRANSFER",
    "deployment": "CHANGE_TO_GROUP_ACT",
    "patrol": "CHANGE_TO_GROUP_ACT",
    "exchange-of-detainees": "AGREEMENT",
    "corridor-obstruction": "CHANGE_TO_GROUP_ACT",
    "monitor-movement-restriction": "CHANGE_TO_GROUP_ACT",
    "demining": "CHANGE_TO_GROUP_ACT",
    "diplomatic-meeting": "OTHER",
    "statement": "OTHER",
}

# CASE 2021 task 2 "unseen" labels: not incidents, but the classifier must name them.
_CASE_BY_NOT_INCIDENT_TYPE: dict[str, str] = {
    "organized-crime": "ORG_CRIME",
    "natural-disaster": "NATURAL_DISASTER",
    "man-made-disaster": "MAN_MADE_DISASTER",
}


def _case_label(event_type: str) -> str:
    if event_type in _CASE_BY_CEASEFIRE_TYPE:
        return _CASE_BY_CEASEFIRE_TYPE[event_type]
    if event_type in _CASE_BY_NOT_INCIDENT_TYPE:
        return _CASE_BY_NOT_INCIDENT_TYPE[event_type]
    sub_type = incidents_taxonomy.TAXONOMY[event_type].acled_sub_event_type
    return _CASE_BY_ACLED_SUB_TYPE[sub_type or "Other"]


#: Every event type's CASE label (a type added to the incident taxonomy without one fails here,
#: at import, and in the tests).
CASE_LABEL: dict[str, str] = {t: _case_label(t) for t in EVENT_TYPES}
CASE_LABELS: tuple[str, ...] = tuple(sorted(set(CASE_LABEL.values())))


def case_label(event_type: str) -> str:
    """The CASE 2021 task 2 label an event type is scored as (`OTHER` for anything unknown)."""
    return CASE_LABEL.get(event_type, "OTHER")
