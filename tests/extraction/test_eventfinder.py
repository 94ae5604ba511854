"""Which of a sentence's places an event is at: pure, a case table over hand-made places."""

from __future__ import annotations

import pytest

from ceasefire.extraction.eventfinder import _nearest_place
from ceasefire.extraction.values import ExtractedPlace, PlaceMention

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
