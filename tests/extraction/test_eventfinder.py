"""Which of a sentence's places an event is at: pure, a case table over hand-made places."""

from __future__ import annotations

import pytest

from ceasefire.extraction import eventtypes
from ceasefire.extraction.eventfinder import _nearest_place, once, speaker_starts
from ceasefire.extraction.values import (
    Actor,
    ActorMention,
    Event,
    ExtractedPlace,
    PlaceMention,
    ResolvedDate,
)

TEXT = "The West condemned the shelling of Tartar in the Middle East on Monday."


def place(name: str, country: str) -> PlaceMention:
    start = TEXT.index(name)
    where = ExtractedPlace(name, 0.0, 0.0, country, None, "city" if country else "region")
    return PlaceMention(name, (start, start + len(name)), where)


@pytest.mark.parametrize(
    ("names", "trigger", "expected"),
    [
        # a place of one country before a region of many, however near the region is
        ([("West", ""), ("Tartar", "AZE"), ("Middle East", "")], "shelling", "Tartar"),
        # else the nearest region, a place after "in" counting as half as far
        ([("West", ""), ("Middle East", "")], "shelling", "Middle East"),
        ([("West", ""), ("Middle East", "")], "condemned", "West"),
        ([("Tartar", "AZE"), ("Middle East", "")], "Monday", "Tartar"),
        ([], "shelling", None),
    ],
)
def test_an_event_is_at_the_nearest_place_of_one_country(
    names: list[tuple[str, str]], trigger: str, expected: str | None
) -> None:
    found = _nearest_place(TEXT, [place(n, c) for n, c in names], [], TEXT.index(trigger))
    assert (found.place.name if found else None) == expected


@pytest.mark.parametrize(
    ("sentence", "trigger", "etype", "expected"),
    [
        ("The leader met ministers amid protests.", "protests", "peaceful-protest", True),
        ("Protesters took to the streets.", "Protesters", "peaceful-protest", False),
        ("They kept areas seized in the fighting.", "fighting", "armed-clash", True),
        ("Fighting erupted in late September.", "Fighting", "armed-clash", False),
        ("Talks to end the fighting resumed.", "fighting", "armed-clash", True),
        ("The meeting followed the signing of the deal.", "signing", "agreement", False),
        ("Following the shelling, troops withdrew.", "shelling", "shelling-artillery-missile-attack", True),
    ],
)  # fmt: skip
def test_background_is_not_news(sentence: str, trigger: str, etype: str, expected: bool) -> None:
    assert eventtypes.background(etype, sentence, sentence.index(trigger)) is expected


def _event(etype: str, start: int, *, countries: tuple[str, ...] = (), place: str | None = None,
           kind: str = "city", day: str | None = None) -> Event:  # fmt: skip
    return Event(
        type=etype, modality="happened", sentence="s", span=(start, start + 1), trigger="t",
        confidence=0.5, actors=tuple(Actor(c, c, c, "GOV") for c in countries),
        place=ExtractedPlace(place, 0.0, 0.0, "AAA", None, kind) if place else None,
        date=ResolvedDate(day, "day") if day else None,
    )  # fmt: skip


def test_an_event_told_twice_comes_once_with_what_each_telling_gives() -> None:
    told = [
        _event("agreement", 0, countries=("AAA", "BBB")),  # the headline
        _event("agreement", 50, countries=("AAA", "BBB", "CCC"), place="Capital"),
        _event("agreement", 90, countries=("BBB",), day="2020-11-10", place="Town"),
        _event("ceasefire-violation", 120, place="North"),
        _event("ceasefire-violation", 150, place="South"),
        _event("ceasefire-violation", 180, place="Region", kind="region"),
    ]
    found = once(told, title_end=40)
    assert [e.type for e in found] == ["agreement", "ceasefire-violation", "ceasefire-violation"]
    assert [e.place.name for e in found[1:] if e.place] == ["North", "South"]
    assert found[0].date == ResolvedDate("2020-11-10", "day") and found[0].place is not None


def test_a_speaker_is_not_an_actor_of_what_they_tell() -> None:
    text = "The ministry said troops shelled the town, according to Reuters."
    mentions = [
        ActorMention(Actor("The ministry", "ministry", "AAA", "GOV"), (0, 12)),
        ActorMention(Actor("troops", "troops", "BBB", "MIL"), (18, 24)),
        ActorMention(Actor("Reuters", "Reuters", None, "MED"), (56, 63)),
    ]
    assert speaker_starts(text, mentions) == {0, 56}
