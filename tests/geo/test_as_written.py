"""`Gazetteer.as_written`: the places that have a name as written, which a reader is surer of than
those `candidates` finds only by the name's Latin spellings; Azerbaijani names with ə indexed."""

from __future__ import annotations

import pytest

from ceasefire.geo.gazetteer import load
from ceasefire.geo.names import INDEXED


@pytest.mark.parametrize("name", ["Xankəndi", "Xocavənd", "Kəlbəcər", "Şuşa", "Ստեփանակերտ"])
def test_a_name_of_the_data_is_found_as_written(name: str) -> None:
    gazetteer = load()
    written = gazetteer.as_written(name)
    assert written, name
    assert {p for p, _ in written} <= {p for p, _ in gazetteer.candidates(name)}


def test_a_spelling_no_data_has_is_found_only_by_its_latin_spellings() -> None:
    gazetteer = load()
    assert gazetteer.as_written("Ləçin") == []
    assert "Lachin" in {p.name for p in gazetteer.lookup("Ləçin")}


@pytest.mark.parametrize(
    ("name", "indexed"),
    [("Xocavənd", True), ("ƏLİ", True), ("Шуша", True), ("Շուշի", True), ("苏沙", False)],
)
def test_the_scripts_of_the_centers_languages_are_indexed(name: str, indexed: bool) -> None:
    assert bool(INDEXED.match(name)) is indexed
