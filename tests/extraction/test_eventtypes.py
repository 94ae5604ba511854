"""Event triggers, classification and modality: case tables in our own words, no model."""

from __future__ import annotations

import pytest

from ceasefire.extraction import eventtypes
from ceasefire.extraction.eventtypes import classify, modality, triggers
from ceasefire.extraction.taxonomy import ACLED_TYPES, CASE_LABEL, EVENT_TYPES, case_label


@pytest.mark.parametrize(
    ("sentence", "etype"),
    [
        ("Azerbaijan's president met the Turkish foreign minister in Baku.", "diplomatic-meeting"),
        ("Armenia, Azerbaijan and Russia signed a statement ending the war.", "agreement"),
        ("Russia began deploying 1,960 peacekeepers along the line of contact.", "deployment"),
        ("Thousands of protesters marched to the parliament in Yerevan.", "peaceful-protest"),
        (
            "Police fired tear gas to disperse the rally outside the ministry.",
            "protest-with-intervention",
        ),
        ("Armenian units pulled out of the district before the deadline.", "withdrawal"),
        (
            "Artillery shells hit the outskirts of the town overnight.",
            "shelling-artillery-missile-attack",
        ),
        ("A drone strike destroyed two armoured vehicles near the village.", "air-drone-strike"),
        (
            "Both sides accused each other of violating the ceasefire near Hadrut.",
            "ceasefire-violation",
        ),
        ("The sides exchanged prisoners of war at the border crossing.", "exchange-of-detainees"),
        ("Sappers carried out demining of the road to the district centre.", "demining"),
        ("Peacekeepers patrolled the corridor between Goris and Stepanakert.", "patrol"),
        (
            "Protesters blocked the corridor road, stopping the convoy for hours.",
            "corridor-obstruction",
        ),
        ("A roadside bomb struck a joint patrol on the highway.", "remote-explosive-landmine-ied"),
        (
            "The monitors were denied access to the area by local commanders.",
            "monitor-movement-restriction",
        ),
        ("Gunmen abducted a shepherd near the line of contact.", "abduction-forced-disappearance"),
    ],
)
def test_classify(sentence: str, etype: str) -> None:
    assert classify(sentence) == etype


def test_nothing_signalled_is_other() -> None:
    assert classify("The weather was mild and the markets were open.") == "other"


def test_fighting_that_is_being_ended_is_not_a_clash() -> None:
    sentence = "The leaders signed the agreement to end more than a month of fighting."
    assert "armed-clash" not in {t.type for t in triggers(sentence)}


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("By the end of this month, they must withdraw from all lands.", "withdraw", "obligation"),
        (
            "Armenia agreed to a timetable to withdraw from large parts of the region.",
            "withdraw",
            "obligation",
        ),
        ("Troops withdrew from the village on Sunday.", "withdrew", "happened"),
        ("The ministry denied that its forces shelled the town.", "shelled", "denied"),
        ("Baku accused Armenian forces of shelling the town.", "shelling", "alleged"),
        ("Russia will deploy more peacekeepers next week.", "deploy", "planned"),
    ],
)
def test_modality(sentence: str, word: str, expected: str) -> None:
    assert modality(sentence, sentence.index(word)) == expected


def test_taxonomy_keeps_the_ids_the_issue_names() -> None:
    for etype in (
        "deployment",
        "agreement",
        "diplomatic-meeting",
        "peaceful-protest",
        "withdrawal",
    ):
        assert etype in EVENT_TYPES
    assert len(ACLED_TYPES) == 25
    assert all(etype == etype.lower() and " " not in etype for etype in EVENT_TYPES)
    assert case_label("handover-of-territory") == "NON_VIOL_TERRIT_TRANSFER"
    assert case_label("no-such-type") == "OTHER"
    assert set(CASE_LABEL) == set(EVENT_TYPES)


def test_one_taxonomy_for_extraction_and_incidents() -> None:
    from ceasefire.extraction.eventtypes import _RULE_TABLE
    from ceasefire.taxonomy.incident_types import NOT_INCIDENT_TYPES, TAXONOMY

    emitted = {etype for etype, _, _ in _RULE_TABLE}
    assert emitted <= set(EVENT_TYPES)
    assert set(EVENT_TYPES) == set(TAXONOMY) | set(NOT_INCIDENT_TYPES)
    assert not set(TAXONOMY) & set(NOT_INCIDENT_TYPES)
    # what the extraction finds of these ids is proposed as an incident of the same id
    for etype in (
        "deployment",
        "agreement",
        "diplomatic-meeting",
        "peaceful-protest",
        "withdrawal",
    ):
        assert etype in TAXONOMY


@pytest.mark.parametrize(
    ("event_type", "label"),
    [
        ("armed-clash", "ARMED_CLASH"),
        ("non-violent-transfer-of-territory", "NON_VIOL_TERRIT_TRANSFER"),
        ("looting-property-destruction", "PROPERTY_DISTRUCT"),
        ("ceasefire-violation", "ARMED_CLASH"),
        ("patrol", "CHANGE_TO_GROUP_ACT"),
        ("exchange-of-detainees", "AGREEMENT"),
        ("statement", "OTHER"),
        ("natural-disaster", "NATURAL_DISASTER"),
    ],
)
def test_case_labels(event_type: str, label: str) -> None:
    assert case_label(event_type) == label


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Army units recaptured the town of Alpha after a week.", "government-regains-territory"),
        ("Rebels captured the base at Beta overnight.", "non-state-actor-overtakes-territory"),
        ("Militiamen drove the soldiers out of Gamma.", "non-state-actor-overtakes-territory"),
        ("Government troops dislodged the insurgents from Delta.", "government-regains-territory"),
        ("Gunmen seized two farmers near the road.", None),
        ("The talks took place in Epsilon.", None),
    ],
)
def test_who_takes_a_place_decides_the_territory_type(text: str, expected: str | None) -> None:
    assert eventtypes.territory(text) == expected
