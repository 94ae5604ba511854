"""What the readers without a model share (`extraction/native.py`, `readertables.py`): phrases by
stem, the tables checked whole, and texts with nothing to read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ceasefire.errors import InvalidInputError
from ceasefire.extraction import readertables
from ceasefire.extraction.armenian import read_hy
from ceasefire.extraction.turkic import read_az, read_tr
from ceasefire.taxonomy.incident_types import EVENT_TYPES


@pytest.mark.parametrize(
    ("stems", "words", "last"),
    [
        (("ateşkes", "ihlal"), ["ateşkes", "ihlali"], 1),
        (("ateşkes", "ihlal"), ["ateşkesi", "5", "kez", "ihlal"], 3),  # two words between
        (("ateşkes", "ihlal"), ["ateşkesi", "dün", "5", "kez", "ihlal"], None),  # three
        (("ateşkes", "ihlal"), ["ihlal", "ateşkes"], None),  # in order only
        (("rus$",), ["rus"], 0),
        (("rus$",), ["rusya"], None),  # "$": the whole word
        (("patrul",), ["patrullar"], 0),
    ],
)
def test_a_phrase_is_stems_in_order_with_few_words_between(
    stems: tuple[str, ...], words: list[str], last: int | None
) -> None:
    assert readertables.Phrase(stems).match(words, 0) == last


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_bad_table_is_refused_with_every_problem_by_file_and_line(tmp_path: Path) -> None:
    triggers = _write(
        tmp_path / "triggers.tsv",
        "# comment\n"
        "tr\tceasefire-violation\t5\tateşkes ihlal\n"
        "tr\tno-such-type\t5\tfoo\n"
        "tr\tpatrol\tmany\tdevriye\n"
        "tr\tpatrol\t4\n",
    )
    actors = _write(
        tmp_path / "actors.tsv",
        "tr\tcountry\tazerbaycan\tAZ\ntr\trole\tordu\tARMY\naz\trole\tordu\tARMY\n",
    )
    with pytest.raises(InvalidInputError) as caught:
        readertables.parse_tables("tr", triggers, actors, EVENT_TYPES)
    message = str(caught.value)
    assert f"{triggers}:3: unknown event type 'no-such-type'" in message
    assert f"{triggers}:4: weight 'many' is not a number" in message
    assert f"{triggers}:5: expected 4 tab-separated fields" in message
    assert f"{actors}:1: expected kind country or people" in message
    assert f"{actors}:2:" in message
    assert f"{actors}:3:" not in message  # another language's row is not this one's to check


def test_the_shipped_tables_are_read() -> None:
    for code in ("tr", "az", "hy"):
        tables = readertables.tables(code)
        assert tables.triggers and tables.countries and tables.roles


@pytest.mark.parametrize("reader", [read_tr, read_az, read_hy])
@pytest.mark.parametrize("text", ["", "   \n\n", "12345 !!! ---", "«»։ ...", "ateşkes"])
def test_a_text_with_nothing_to_read_gives_nothing(reader: object, text: str) -> None:
    assert callable(reader)
    result = reader(text, dt.date(2020, 12, 15))
    assert result.events == () and result.places == ()
    assert result.as_json()["events"] == []


def test_spans_are_offsets_into_the_text_as_received() -> None:
    text = "Başlık\nRus barış gücü Şuşa’da devriye görevi yaptı."  # a typographic apostrophe
    result = read_tr(text, None)
    (event,) = result.events
    assert text[event.span[0] : event.span[1]] == "Rus barış gücü Şuşa’da devriye görevi yaptı."
    assert event.trigger == "devriye"
    (place,) = [p for p in result.places if p.place.name == "Shusha"]
    assert [text[s:e] for s, e in place.mentions] == ["Şuşa’da"]
    assert event.date is None  # no publication date, no reporting day
