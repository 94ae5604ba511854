"""Which of a sentence's places an event is at: pure, a case table over hand-made places."""

from __future__ import annotations

from typing import Any

import pytest

from ceasefire.extraction.eventfinder import _nearest_place

TEXT = "The West condemned the shelling of Tartar in the Middle East on Monday."


def place(name: str, country: str) -> dict[str, Any]:
    start = TEXT.index(name)
    return {"name": name, "country": country, "span": [start, start + len(name)]}


@pytest.mark.parametrize(
    ("names", "trigger", "expected"),
    [
        # a place of one country before a region of many, however near the region is
        ([("West", ""), ("Tartar", "AZ"), ("Middle East", "")], "shelling", "Tartar"),
        # else the nearest region, a place after "in" counting as half as far
        ([("West", ""), ("Middle East", "")], "shelling", "Middle East"),
        ([("West", ""), ("Middle East", "")], "condemned", "West"),
        ([("Tartar", "AZ"), ("Middle East", "")], "Monday", "Tartar"),
        ([], "shelling", None),
    ],
)
def test_an_event_is_at_the_nearest_place_of_one_country(
    names: list[tuple[str, str]], trigger: str, expected: str | None
) -> None:
    found = _nearest_place(TEXT, [place(n, c) for n, c in names], [], TEXT.index(trigger))
    assert (found["name"] if found else None) == expected
