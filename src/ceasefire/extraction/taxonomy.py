"""Event types the extractor emits (kebab-case ids) and their mapping to CASE 2021 task 2 labels.

The ids follow ACLED's sub-event types plus what a ceasefire needs. The `verify` branch owns the
incident taxonomy (`ceasefire.incidents.taxonomy`); this list is reconciled with it at merge.
"""

from __future__ import annotations

# ACLED's 25 sub-event types (CASE 2021 task 2 "seen" labels, OTHER included) -> our ids.
ACLED_TYPES: dict[str, str] = {
    "abduction-forced-disappearance": "ABDUCT_DISSAP",
    "agreement": "AGREEMENT",
    "air-drone-strike": "AIR_STRIKE",
    "armed-clash": "ARMED_CLASH",
    "arrests": "ARREST",
    "shelling-artillery-missile-attack": "ART_MISS_ATTACK",
    "attack": "ATTACK",
    "change-to-group-activity": "CHANGE_TO_GROUP_ACT",
    "chemical-weapon": "CHEM_WEAP",
    "disrupted-weapons-use": "DISR_WEAP",
    "excessive-force-against-protesters": "FORCE_AGAINST_PROTEST",
    "government-regains-territory": "GOV_REGAINS_TERIT",
    "grenade": "GRENADE",
    "headquarters-or-base-established": "HQ_ESTABLISHED",
    "mob-violence": "MOB_VIOL",
    "non-state-actor-overtakes-territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "non-violent-transfer-of-territory": "NON_VIOL_TERRIT_TRANSFER",
    "other": "OTHER",
    "peaceful-protest": "PEACE_PROTEST",
    "looting-property-destruction": "PROPERTY_DISTRUCT",
    "protest-with-intervention": "PROTEST_WITH_INTER",
    "remote-explosive-landmine-ied": "REM_EXPLOS",
    "sexual-violence": "SEX_VIOL",
    "suicide-bomb": "SUIC_BOMB",
    "violent-demonstration": "VIOL_DEMONSTR",
}

# What a ceasefire needs beyond ACLED, and the CASE label each is scored as (documented in
# docs/extraction.md): movements of forces are ACLED's "change to group/activity", a handover is
# a non-violent transfer of territory, a ceasefire violation is fighting between armed groups.
CEASEFIRE_TYPES: dict[str, str] = {
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
UNSEEN_TYPES: dict[str, str] = {
    "organized-crime": "ORG_CRIME",
    "natural-disaster": "NATURAL_DISASTER",
    "man-made-disaster": "MAN_MADE_DISASTER",
}

EVENT_TYPES: tuple[str, ...] = (*ACLED_TYPES, *CEASEFIRE_TYPES, *UNSEEN_TYPES)
CASE_LABEL: dict[str, str] = {**ACLED_TYPES, **CEASEFIRE_TYPES, **UNSEEN_TYPES}
CASE_LABELS: tuple[str, ...] = tuple(sorted(set(CASE_LABEL.values())))


def case_label(event_type: str) -> str:
    """The CASE 2021 task 2 label an event type is scored as (`OTHER` for anything unknown)."""
    return CASE_LABEL.get(event_type, "OTHER")
