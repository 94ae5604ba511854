"""Who may move a complaint where, on plain values: monitors review and answer, only the filing
party's liaison withdraws."""

from __future__ import annotations

import pytest

from ceasefire.complaints.schemas import ComplaintStatus as S
from ceasefire.complaints.status import moves_for


@pytest.mark.parametrize(
    ("current", "reviewer", "filing_liaison", "moves"),
    [
        (S.RECEIVED, True, False, [S.UNDER_REVIEW]),
        (S.UNDER_REVIEW, True, False, [S.ANSWERED]),
        (S.RECEIVED, False, True, [S.WITHDRAWN]),
        (S.UNDER_REVIEW, False, True, [S.WITHDRAWN]),
        (S.RECEIVED, False, False, []),  # the other side's liaison
        (S.ANSWERED, True, False, []),
        (S.ANSWERED, False, True, []),
        (S.WITHDRAWN, True, False, []),
    ],
)
def test_moves_for(current: S, reviewer: bool, filing_liaison: bool, moves: list[S]) -> None:
    assert moves_for(current, reviewer=reviewer, filing_liaison=filing_liaison) == moves
