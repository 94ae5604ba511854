"""Party aliases: patterns that map other sources' actor names to an agreement's parties, and
the loader's checks of them."""

from __future__ import annotations

import pytest
import yaml

from ceasefire import scenarios
from ceasefire.agreements.aliases import Aliases
from ceasefire.agreements.document import parse_agreement
from ceasefire.errors import InvalidInputError
from tests.agreements.test_document import VALID

ALIASES = Aliases.of(
    [
        ("AAA", "Military Forces of Aland (*)"),
        ("AAA", "Police [Aland]"),
        ("BBB", "Military Forces of Bland (*)"),
        ("BBB", "* Militia"),
        ("CCC", "Red * Militia"),
    ]
)


@pytest.mark.parametrize(
    ("name", "party"),
    [
        ("Military Forces of Aland (2003-)", "AAA"),
        ("military forces of aland (1991-2003)", "AAA"),  # case is ignored
        ("  Military Forces of Aland (2003-) ", "AAA"),  # so is surrounding space
        ("Military Forces of Aland", None),  # the whole name must match
        ("Police [Aland]", "AAA"),  # brackets are literal
        ("Police A", None),  # ... not a character class
        ("Military Forces of Bland (2018-)", "BBB"),
        ("Blue Militia", "BBB"),
        ("Red Star Militia", None),  # matches BBB and CCC: ambiguous, so none
        ("BBB", "BBB"),  # a party's own code
        ("Unidentified Armed Group", None),
        ("", None),
    ],
)
def test_an_actor_name_maps_to_the_party_whose_pattern_matches(
    name: str, party: str | None
) -> None:
    assert ALIASES.party_of(name) == party


def _with_parties(parties: str) -> str:
    start = VALID.index("parties:")
    end = VALID.index("monitoring:")
    return VALID[:start] + parties + VALID[end:]


@pytest.mark.parametrize(
    ("parties", "message"),
    [
        (
            "parties:\n  - {id: ARM, name: Armenia, roles: [conflict], aliases: ['X (*)']}\n"
            "  - {id: AZE, name: Azerbaijan, roles: [conflict]}\n"
            "  - {id: RUS, name: Russia, roles: [monitoring]}\n",
            "aliases need an aliases_note",
        ),
        (
            "parties:\n  - {id: ARM, name: Armenia, roles: [conflict], aliases: ['*'], "
            "aliases_note: all}\n"
            "  - {id: AZE, name: Azerbaijan, roles: [conflict]}\n"
            "  - {id: RUS, name: Russia, roles: [monitoring]}\n",
            "would match every name",
        ),
        (
            "parties:\n  - {id: ARM, name: Armenia, roles: [conflict], aliases: ['X (*)'], "
            "aliases_note: n}\n"
            "  - {id: AZE, name: Azerbaijan, roles: [conflict], aliases: ['x (*)'], "
            "aliases_note: n}\n"
            "  - {id: RUS, name: Russia, roles: [monitoring]}\n",
            "is given to parties ARM and AZE",
        ),
    ],
)
def test_the_loader_refuses_bad_aliases(parties: str, message: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_agreement(_with_parties(parties).encode(), "test.yaml")
    assert message in str(caught.value)


def test_good_aliases_load() -> None:
    parties = (
        "parties:\n  - {id: ARM, name: Armenia, roles: [conflict], aliases: ['X (*)'], "
        "aliases_note: judged so}\n"
        "  - {id: AZE, name: Azerbaijan, roles: [conflict]}\n"
        "  - {id: RUS, name: Russia, roles: [monitoring]}\n"
    )
    document = parse_agreement(_with_parties(parties).encode(), "test.yaml")
    assert Aliases.from_parties(document.raw["parties"]).party_of("X (1990-)") == "ARM"


@pytest.mark.parametrize("name", scenarios.available())
def test_every_conflict_party_of_a_built_in_scenario_has_aliases(name: str) -> None:
    data = yaml.safe_load(scenarios.agreement_file(name).read_text(encoding="utf-8"))
    for party in data["parties"]:
        if "conflict" in party["roles"]:
            assert party.get("aliases"), party["id"]
            assert party.get("aliases_note"), party["id"]
