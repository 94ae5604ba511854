"""Our components on `spacy.blank("en")` docs (no model), and the resolver on the real gazetteer."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.tokens import Span

from ceasefire.extraction import (
    components,  # noqa: F401  (registers the components)
    eventfinder,
)
from ceasefire.extraction.components import place_patterns
from ceasefire.extraction.pipeline import extract
from ceasefire.extraction.values import ResolvedDate
from ceasefire.geo.distance import haversine_km
from ceasefire.geo.gazetteer import load, ruler_names
from ceasefire.geo.names import normalise
from ceasefire.geo.resolver import FACILITY, resolve_names, variants

CAPTIONED = (
    "A title\n\n3 min read\nA man speaks [Getty]\nPeacekeepers arrived in Baku on Tuesday.\n"
)


def test_cleaning_component_marks_boilerplate_and_starts_sentences_at_lines() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("ceasefire_cleaning_v1")
    doc = nlp(CAPTIONED)
    reasons = [b.reason for b in doc._.boilerplate]
    assert reasons == ["read-time", "caption"]
    starts = [t.text for t in doc if t.is_sent_start and not t.is_space]
    assert "Peacekeepers" in starts
    assert "A" in starts


def test_dates_component_uses_the_given_publication_date() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("ceasefire_cleaning_v1")
    nlp.add_pipe("ceasefire_dates_v1")
    doc = nlp.make_doc(CAPTIONED)
    doc._.published = dt.date(2020, 11, 11)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert [d.date for d in doc._.dates] == [ResolvedDate("2020-11-10", "day")]


def test_places_component_on_hand_made_entities() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("ceasefire_cleaning_v1")
    places = nlp.add_pipe("ceasefire_places_v1")
    doc = nlp.make_doc("Talks in Baku and Khankendi ended; Nagorno-Karabakh stays calm.")
    for _, proc in nlp.pipeline[:1]:
        doc = proc(doc)
    doc.ents = [Span(doc, 2, 3, "GPE"), Span(doc, 4, 5, "GPE"), Span(doc, 7, 10, "ORG")]
    doc = places(doc)
    names = [p.place.name for p in doc._.places]
    assert names == ["Baku", "Stepanakert", "Nagorno-Karabakh"]  # an ORG that is a region


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Baku"], [(40.38, 49.89)]),
        (["Shushi"], [(39.76, 46.75)]),
        (["Khankendi"], [(39.82, 46.75)]),
        (["Kelbajar", "Agdam", "Berdzor"], [(40.10, 46.04), (39.99, 46.93), (39.64, 46.55)]),
        (["Hin Taghe", "Hadrut"], [(39.52, 47.03), (39.52, 47.03)]),
        (["Paris", "France"], [(48.85, 2.35), (46.0, 2.0)]),
        (["Paris", "Texas", "Dallas"], [(33.66, -95.56), (31.25, -99.25), (32.78, -96.81)]),
        (["Washington"], [(38.90, -77.04)]),
        (["Turkish"], [(39.0, 35.0)]),
    ],
)
def test_resolver_by_context(names: list[str], expected: list[tuple[float, float]]) -> None:
    resolved = resolve_names(load(), names)
    for res, (lat, lon) in zip(resolved, expected, strict=True):
        assert res.place is not None
        assert haversine_km(res.place.lat, res.place.lon, lat, lon) < 50, (res.place, lat, lon)


def test_unknown_street_falls_back_to_the_article_focus() -> None:
    resolved = resolve_names(load(), ["New Orleans", "Louisiana", "Royal Street"])
    assert resolved[2].fallback
    assert resolved[2].place is not None
    assert resolved[2].place.name == "New Orleans"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Aghdam district", ["Aghdam district", "Aghdam"]),
        ("the city of Goris", ["the city of Goris", "Goris"]),
    ],
)
def test_variants(name: str, expected: list[str]) -> None:
    assert variants(name)[: len(expected)] == expected


@pytest.mark.parametrize(
    ("name", "facility"),
    [("Royal Street", True), ("White House", True), ("Baku", False), ("Lachin corridor", False)],
)
def test_facility_names(name: str, facility: bool) -> None:
    assert bool(FACILITY.search(name)) is facility


@pytest.mark.parametrize(
    ("raw", "key"),
    [("Şuşa", "susa"), ("Nagorno-Karabakh", "nagorno karabakh"), ("Azerbaijan's", "azerbaijan")],
)
def test_normalise(raw: str, key: str) -> None:
    assert normalise(raw) == key


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Russia began deploying 2,000 peacekeepers to the region.", 2000, "peacekeepers"),
        ("The clash left 12 soldiers dead and 30 wounded.", 12, "soldiers"),
        ("Fighting has left hundreds, possibly thousands, dead.", 200, "dead"),
    ],
)
def test_quantities(sentence: str, value: int, unit: str) -> None:
    q = eventfinder.quantity_in(sentence)
    assert q is not None
    assert (q.value, q.unit) == (value, unit)


def test_the_ruler_forces_the_supplement_places_it_marks() -> None:
    """The names come from the gazetteer's data (places.tsv, `ruler` column), own names and
    alternates, and only those the gazetteer indexes."""
    names = ruler_names()
    assert {"Nagorno-Karabakh", "Karabakh", "Khankendi", "Hin Taghe", "Lachin corridor"} <= set(
        names
    )
    assert "Baku" not in names  # the model knows it: no row asks to force it
    assert "Xankəndi" not in names  # another script: the gazetteer does not index it either
    assert place_patterns(["Hadrut"]) == [{"label": "GPE", "pattern": "Hadrut"}]


@pytest.mark.model
def test_the_pipeline_labels_forced_names_as_places() -> None:
    found = extract("Shelling hit Khtsaberd and Hin Taghe overnight, Artsakh officials said.")
    assert {p.place.name for p in found.places} >= {"Khtsaberd", "Hin Taghe"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an offset from a town is a place of its own, that far in that direction
        ("The convoy set out from Trumba, about 2 km west of Saraqib, and drove on.",
         [("2 km west of Saraqib", 35.86, 36.778)]),
        # an offset in a parenthesis locates the town named before it: the town is the place
        ("While in Shyrokyne (100km south of Donetsk), the SMM heard 13 explosions.",
         [("Shyrokyne", 47.098, 37.818)]),
    ],
)  # fmt: skip
def test_offsets_from_a_town(text: str, expected: list[tuple[str, float, float]]) -> None:
    found = [
        (p.place.name, round(p.place.lat, 3), round(p.place.lon, 3)) for p in extract(text).places
    ]
    assert found == expected


def test_a_compass_word_is_never_a_place() -> None:
    text = "The SMM heard explosions fired from positions to the north-east of Zolote."
    assert all(
        p.place.name.lower() not in {"north-east", "northeast"} for p in extract(text).places
    )
