"""A candidate's footprint for the one rule of "the same event" (`incidents.matching.is_close`):
what its resolved date stands for, on plain values."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasefire.incidents.matching import is_close
from ceasefire.ingest.candidates import candidate_footprint, date_span


def utc(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        ("2020-11-20", "day", (utc(2020, 11, 20), utc(2020, 11, 21))),
        ("2020-W47", "week", (utc(2020, 11, 16), utc(2020, 11, 23))),
        ("2020-11", "month", (utc(2020, 11, 1), utc(2020, 12, 1))),
        ("2020-12", "month", (utc(2020, 12, 1), utc(2021, 1, 1))),
        ("2020", "year", None),  # too vague to tell one event from another
        ("PRESENT_REF", "reference", None),
        ("2020-02-30", "day", None),
        ("2020-W54", "week", None),
        (None, None, None),
    ],
)
def test_what_a_resolved_date_stands_for(
    value: str | None, precision: str | None, expected: tuple[dt.datetime, dt.datetime] | None
) -> None:
    assert date_span(value, precision) == expected


AGHDAM = (39.99, 46.93)


@pytest.mark.parametrize(
    ("other", "same"),
    [
        (("withdrawal", ("2020-11-20", "day"), AGHDAM, "Aghdam"), True),
        (("handover-of-territory", ("2020-W47", "week"), AGHDAM, ""), True),
        (("handover-of-territory", ("2020-11-20", "day"), (40.07, 46.93), ""), True),  # ~9 km
        (("handover-of-territory", ("2020-11-20", "day"), (40.10, 46.93), ""), False),  # ~12 km
        (("armed-clash", ("2020-11-20", "day"), AGHDAM, ""), False),
        (("handover-of-territory", ("2020-11-20", "day"), (None, None), "aghdam "), True),
        (("handover-of-territory", ("2020-11-20", "day"), (None, None), ""), False),
    ],
)
def test_two_candidates_are_the_same_event_by_the_incident_rule(
    other: tuple[str, tuple[str, str], tuple[float | None, float | None], str], same: bool
) -> None:
    mine = candidate_footprint("handover-of-territory", ("2020-11-20", "day"), AGHDAM, "Aghdam")
    theirs = candidate_footprint(*other)
    assert mine is not None
    assert theirs is not None
    assert is_close(mine, theirs) is same
