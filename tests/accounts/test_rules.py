"""The party rule of accounts, on plain values: who may belong to which kind of party."""

from __future__ import annotations

import pytest

from ceasefire.accounts.roles import Role
from ceasefire.accounts.rules import PartyKinds, account_problem

KINDS = PartyKinds(monitoring=frozenset({"TUR", "RUS"}), conflict=frozenset({"ARM", "AZE"}))
#: a party that monitors one agreement and is a conflict party of another
MIXED = PartyKinds(monitoring=frozenset({"TUR", "RUS"}), conflict=frozenset({"TUR", "SYR"}))


@pytest.mark.parametrize(
    ("role", "party", "kinds", "problem"),
    [
        (Role.MONITOR, "TUR", KINDS, None),
        (Role.CO_HEAD, "RUS", KINDS, None),
        (Role.ADMIN, "TUR", KINDS, None),
        (Role.LIAISON, "ARM", KINDS, None),
        (Role.LIAISON, "AZE", KINDS, None),
        (Role.MONITOR, "ARM", KINDS, "ARM is a conflict party: use one of RUS, TUR"),
        (Role.CO_HEAD, "AZE", KINDS, "AZE is a conflict party: use one of RUS, TUR"),
        (Role.ADMIN, "ARM", KINDS, "ARM is a conflict party: use one of RUS, TUR"),
        (Role.ADMIN, None, KINDS, "give one of RUS, TUR"),
        (Role.MONITOR, None, KINDS, "give one of RUS, TUR"),
        (Role.MONITOR, "FRA", KINDS, "FRA is none: use one of RUS, TUR"),
        (Role.LIAISON, "TUR", KINDS, "TUR is a monitoring party: use one of ARM, AZE"),
        (Role.LIAISON, None, KINDS, "conflict party: give one of ARM, AZE"),
        (Role.LIAISON, "FRA", KINDS, "FRA is none: use one of ARM, AZE"),
        (Role.MONITOR, "TUR", MIXED, "TUR is a conflict party: use one of RUS"),
        (Role.LIAISON, "TUR", MIXED, "TUR is a monitoring party: use one of SYR"),
        (Role.MONITOR, "TUR", PartyKinds(frozenset(), frozenset()), "no agreement is loaded"),
    ],
)
def test_account_problem(
    role: Role, party: str | None, kinds: PartyKinds, problem: str | None
) -> None:
    found = account_problem(role, party, kinds)
    if problem is None:
        assert found is None
    else:
        assert found is not None
        assert problem in found
