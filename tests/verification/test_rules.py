"""The verification rule over every combination of two parties' verdicts (and three parties')."""

from __future__ import annotations

import itertools

import pytest

from ceasefire.incidents.models import Finding
from ceasefire.verification.rules import Rule, Verdict, final_finding, finding

C, N, U = Verdict.CONFIRMED, Verdict.NOT_CONFIRMED, Verdict.INCONCLUSIVE
PARTIES = ("RUS", "TUR")

# (RUS verdict, TUR verdict) -> (unanimity, majority); None means not yet assessed.
TWO_PARTIES = [
    (None, None, Finding.PENDING, Finding.PENDING),
    (C, None, Finding.PENDING, Finding.PENDING),
    (None, C, Finding.PENDING, Finding.PENDING),
    (N, None, Finding.PENDING, Finding.PENDING),
    (None, N, Finding.PENDING, Finding.PENDING),
    (U, None, Finding.PENDING, Finding.PENDING),
    (None, U, Finding.PENDING, Finding.PENDING),
    (C, C, Finding.CONFIRMED, Finding.CONFIRMED),
    (N, N, Finding.REJECTED, Finding.REJECTED),
    (U, U, Finding.DISPUTED, Finding.DISPUTED),
    (C, N, Finding.DISPUTED, Finding.DISPUTED),
    (N, C, Finding.DISPUTED, Finding.DISPUTED),
    (C, U, Finding.DISPUTED, Finding.DISPUTED),
    (U, C, Finding.DISPUTED, Finding.DISPUTED),
    (N, U, Finding.DISPUTED, Finding.DISPUTED),
    (U, N, Finding.DISPUTED, Finding.DISPUTED),
]


@pytest.mark.parametrize(("rus", "tur", "unanimity", "majority"), TWO_PARTIES)
def test_every_combination_of_two_parties(
    rus: Verdict | None, tur: Verdict | None, unanimity: Finding, majority: Finding
) -> None:
    verdicts = {p: v for p, v in zip(PARTIES, (rus, tur), strict=True) if v is not None}
    assert finding(PARTIES, verdicts, Rule.UNANIMITY) is unanimity
    assert finding(PARTIES, verdicts, Rule.MAJORITY) is majority


def test_the_table_covers_every_combination() -> None:
    options = (None, C, N, U)
    assert {(r, t) for r, t, *_ in TWO_PARTIES} == set(itertools.product(options, options))


THREE = ("A", "B", "C")


@pytest.mark.parametrize("votes", list(itertools.product((None, C, N, U), repeat=3)))
def test_every_combination_of_three_parties(votes: tuple[Verdict | None, ...]) -> None:
    verdicts = {p: v for p, v in zip(THREE, votes, strict=True) if v is not None}
    unanimity = finding(THREE, verdicts, Rule.UNANIMITY)
    majority = finding(THREE, verdicts, Rule.MAJORITY)
    if None in votes:
        assert unanimity is majority is Finding.PENDING
        return
    confirmed, rejected = votes.count(C), votes.count(N)
    assert unanimity is (
        Finding.CONFIRMED
        if confirmed == 3
        else Finding.REJECTED
        if rejected == 3
        else Finding.DISPUTED
    )
    assert majority is (
        Finding.CONFIRMED
        if confirmed >= 2
        else Finding.REJECTED
        if rejected >= 2
        else Finding.DISPUTED
    )


def test_verdicts_of_other_parties_do_not_count() -> None:
    assert finding(PARTIES, {"RUS": C, "ARM": C}) is Finding.PENDING
    assert finding((), {"RUS": C}) is Finding.PENDING


@pytest.mark.parametrize(
    ("assessed", "decided", "expected"),
    [
        ({"RUS": C, "TUR": C}, {}, Finding.CONFIRMED),
        ({"RUS": C, "TUR": C}, {"RUS": N, "TUR": N}, Finding.CONFIRMED),  # not disputed: ignored
        ({"RUS": C, "TUR": N}, {}, Finding.DISPUTED),
        ({"RUS": C, "TUR": N}, {"RUS": C}, Finding.DISPUTED),  # one co-head so far
        ({"RUS": C, "TUR": N}, {"RUS": C, "TUR": C}, Finding.CONFIRMED),
        ({"RUS": C, "TUR": N}, {"RUS": N, "TUR": N}, Finding.REJECTED),
        ({"RUS": C, "TUR": N}, {"RUS": C, "TUR": N}, Finding.DISPUTED),  # dissent stands
        ({"RUS": C}, {"RUS": C, "TUR": C}, Finding.PENDING),
    ],
)
def test_co_heads_decide_disputes(
    assessed: dict[str, Verdict], decided: dict[str, Verdict], expected: Finding
) -> None:
    assert final_finding(PARTIES, assessed, decided) is expected
