"""No agreement is special: outside `scenarios/` and the demo, no code names a built-in scenario,
one of its obligations, areas, amendments or observations, or one of its places. What an agreement
says lives in its file; every mechanism reads it (tests/ingest/test_links.py is the proof).

The words looked for are read from the scenario files themselves, so a new scenario is covered the
day it is added. Gazetteer data (`geo/data/`) may list any place of the world, these included."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from ceasefire import scenarios
from ceasefire.agreements.vocabulary import ACTIONS

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "ceasefire"
ALLOWED = ("scenarios", "demo", "geo/data", "web/static/vendor")
CODE_SUFFIXES = {".py", ".html", ".js", ".css", ".json", ".mako", ".txt", ".ini"}
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")


def _names(item: dict[str, object]) -> Iterator[str]:
    name = str(item.get("name", ""))
    yield _PARENTHESIS.sub("", name)
    for part in name.split(","):  # "Peacekeeping headquarters, Stepanakert (Khankendi)"
        yield _PARENTHESIS.sub("", part).strip()
    alternates = item.get("alternate_names")
    if isinstance(alternates, list):
        yield from (str(a) for a in alternates)
    place = item.get("place")
    if isinstance(place, dict) and place.get("name"):
        yield str(place["name"])


def scenario_words() -> set[str]:
    """Ids and place names of every built-in scenario, lower-cased; the names of a district or a
    corridor also without the word (the district of "Aghdam district" is Aghdam)."""
    words: set[str] = set()
    for name in scenarios.available():
        data = yaml.safe_load(scenarios.agreement_file(name).read_text(encoding="utf-8"))
        words.add(str(data["id"]))
        for key in ("obligations", "areas", "amendments", "observations", "texts"):
            for item in data.get(key) or []:
                item_id = str(item["id"])
                if key != "obligations" or item_id not in ACTIONS:  # an action is vocabulary
                    words.add(item_id)
                if key == "areas":
                    for place in _names(item):
                        words.add(place)
                        words.add(re.sub(r"\s+(district|corridor|highway|region)$", "", place))
    # the kind of area every ceasefire has is a word of the domain, not a place of one scenario
    generic = {"line of contact"}
    return {w.lower() for w in words if len(w) >= 2 and w.lower() not in generic}


def code_files() -> Iterator[Path]:
    for path in sorted(PACKAGE.rglob("*")):
        rel = path.relative_to(PACKAGE).as_posix()
        if path.is_file() and path.suffix in CODE_SUFFIXES and not rel.startswith(ALLOWED):
            yield path


def test_the_words_are_read_from_the_scenarios() -> None:
    words = scenario_words()
    for expected in ("nagorno-karabakh-2020", "idlib-2020", "return-aghdam", "joint-patrols"):
        assert expected in words
    for place in ("aghdam", "kelbajar", "stepanakert", "saraqib", "m4", "lachin corridor"):
        assert place in words, place
    assert "exchange-detainees" not in words  # an obligation named after its action


@pytest.mark.parametrize(
    "path", list(code_files()), ids=lambda p: p.relative_to(PACKAGE).as_posix()
)
def test_no_code_names_a_scenario(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace").lower()
    found = sorted(
        w for w in scenario_words() if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)
    )
    assert found == [], f"{path.relative_to(PACKAGE)} names {found}: move it to the agreement file"
