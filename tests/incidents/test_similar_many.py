"""Matching many not yet stored incidents to the stored ones in one query (the news channel asks
this for every event of an article at once), on both stores: the same answers `is_close` gives
one pair at a time."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy.orm import Session

from ceasefire.incidents import duplicates, matching
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents.models import Incident, IncidentStatus
from ceasefire.incidents.schemas import IncidentCreate

HADRUT = (39.52, 47.03)


def stored(session: Session, **overrides: Any) -> int:
    body: dict[str, Any] = {
        "type": "armed-clash", "summary": "Fire exchanged.", "occurred": "2020-12-11",
        "latitude": HADRUT[0], "longitude": HADRUT[1], "place_name": "Hadrut",
    }  # fmt: skip
    body.update(overrides)
    return incidents_service.create_incident(session, data=IncidentCreate(**body), actor="news").id


def footprint(
    kind: str = "armed-clash",
    day: int = 11,
    at: tuple[float, float] | None = HADRUT,
    name: str = "",
) -> matching.Footprint:
    start = dt.datetime(2020, 12, day, tzinfo=dt.UTC)
    bbox = (at[1], at[0], at[1], at[0]) if at else None
    return matching.Footprint(kind, start, start + dt.timedelta(days=1), bbox, name)


@pytest.mark.parametrize(
    ("probe", "expected"),
    [
        (footprint(), ["clash"]),
        (footprint(at=(HADRUT[0] + 0.05, HADRUT[1])), ["clash"]),  # ~6 km north
        (footprint(at=(HADRUT[0] + 0.2, HADRUT[1])), []),  # ~22 km north
        (footprint(day=12), ["clash"]),  # the next day
        (footprint(day=14), []),  # three days on
        (footprint(kind="attack"), []),  # another ACLED event type
        (footprint(kind="peaceful-protest"), ["protest"]),
        (footprint(at=None, name=" hadrut "), ["clash", "named"]),  # no point: the same name
        (footprint(at=None, name=""), []),  # neither: nothing can be close
    ],
)
def test_each_footprint_gets_the_incidents_close_to_it(
    session: Session, probe: matching.Footprint, expected: list[str]
) -> None:
    ids = {
        "clash": stored(session),
        "protest": stored(session, type="peaceful-protest"),
        "named": stored(session, latitude=None, longitude=None),
    }
    dismissed = session.get(Incident, stored(session))  # a monitor dismissed it: never matched
    assert dismissed is not None
    dismissed.status = IncidentStatus.DISMISSED.value
    session.flush()
    (found,) = duplicates.similar_ids_many(session, footprints=[probe])
    assert found == sorted(ids[k] for k in expected)


def test_many_footprints_in_one_call_answer_as_one_at_a_time(session: Session) -> None:
    clash = stored(session)
    probes = [footprint(), footprint(day=14), footprint(kind="peaceful-protest"), footprint()]
    assert duplicates.similar_ids_many(session, footprints=probes) == [[clash], [], [], [clash]]
    assert duplicates.similar_ids_many(session, footprints=[]) == []
