"""The extraction's typed values: the documented JSON shape, and they pickle (worker processes
send them back)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle

from ceasefire.extraction.values import (
    Actor,
    ActorMention,
    ArticlePlace,
    Boilerplate,
    Event,
    ExtractedPlace,
    Extraction,
    Quantity,
    Quote,
    ResolvedDate,
    with_sector,
)

BAKU = ExtractedPlace("Baku", 40.38, 49.89, "AZE", None, "city")
RUSSIA = Actor("Russian peacekeepers", "Russian peacekeepers", "RUS", "MIL")
RESULT = Extraction(
    title="A title",
    published=dt.date(2020, 11, 11),
    published_found=True,
    places=(ArticlePlace(BAKU, ((40, 44), (90, 94))),),
    actors=(RUSSIA,),
    events=(
        Event(
            type="deployment",
            modality="happened",
            sentence="Russian peacekeepers deployed 2,000 peacekeepers to Baku on Tuesday.",
            span=(10, 79),
            trigger="deployed",
            confidence=0.83,
            actors=(RUSSIA,),
            place=BAKU,
            date=ResolvedDate("2020-11-10", "day"),
            quantity=Quantity(2000, "peacekeepers", "2,000 peacekeepers", approximate=False),
        ),
    ),
    quotes=(Quote("Ilham Aliyev", "We won,", (120, 127)),),
    boilerplate=(Boilerplate((8, 18), "read-time"),),
)


def test_as_json_is_the_documented_shape() -> None:
    assert RESULT.as_json() == {
        "language": "en",
        "language_confidence": 1.0,
        "reading": "read",
        "title": "A title",
        "published": "2020-11-11",
        "published_found": True,
        "places": [{"name": "Baku", "lat": 40.38, "lon": 49.89, "country": "AZE",
                    "geonameid": None, "kind": "city", "mentions": [[40, 44], [90, 94]]}],
        "actors": [{"text": "Russian peacekeepers", "name": "Russian peacekeepers",
                    "country": "RUS", "sector": "MIL"}],
        "events": [{
            "type": "deployment", "modality": "happened",
            "actors": [{"text": "Russian peacekeepers", "name": "Russian peacekeepers",
                        "country": "RUS", "sector": "MIL"}],
            "targets": [],
            "place": {"name": "Baku", "lat": 40.38, "lon": 49.89, "country": "AZE",
                      "geonameid": None, "kind": "city"},
            "date": {"value": "2020-11-10", "precision": "day"},
            "quantity": {"value": 2000, "unit": "peacekeepers", "text": "2,000 peacekeepers",
                         "approximate": False},
            "sentence": "Russian peacekeepers deployed 2,000 peacekeepers to Baku on Tuesday.",
            "span": [10, 79], "trigger": "deployed", "confidence": 0.83,
            "field_confidence": {},
        }],
        "quotes": [{"speaker": "Ilham Aliyev", "text": "We won,", "span": [120, 127]}],
        "boilerplate": [{"span": [8, 18], "reason": "read-time"}],
    }  # fmt: skip
    assert list(RESULT.as_json()["events"][0]) == [  # type: ignore[index, call-overload]
        "type", "modality", "actors", "targets", "place", "date", "quantity", "sentence", "span",
        "trigger", "confidence", "field_confidence",
    ]  # fmt: skip


def test_a_readers_field_confidence_is_in_the_json() -> None:
    unsure = dataclasses.replace(RESULT.events[0], field_confidence=(("place", 0.5), ("date", 0.6)))
    assert unsure.as_json()["field_confidence"] == {"place": 0.5, "date": 0.6}
    assert pickle.loads(pickle.dumps(unsure)) == unsure


def test_values_pickle_and_compare_by_value() -> None:
    assert pickle.loads(pickle.dumps(RESULT)) == RESULT
    empty = Extraction(title=None, published=None, published_found=False)
    assert empty.as_json()["published"] is None
    assert pickle.loads(pickle.dumps(empty)) == empty


def test_a_country_acting_through_its_forces_changes_sector_only() -> None:
    bare = ActorMention(Actor("Russia", "Russia", "RUS", "GOV"), (0, 6), bare=True)
    forces = with_sector(bare, "MIL")
    assert forces == ActorMention(Actor("Russia", "Russia", "RUS", "MIL"), (0, 6), bare=True)
    assert bare.actor.sector == "GOV"
