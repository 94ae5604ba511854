"""The joint finding in words that say who, on plain values."""

from __future__ import annotations

import pytest

from ceasefire.incidents.models import Finding
from ceasefire.verification.wording import finding_words

C, N, INC = "confirmed", "not-confirmed", "inconclusive"


@pytest.mark.parametrize(
    ("finding", "verdicts", "attributions", "breaches", "public", "words"),
    [
        (Finding.CONFIRMED, {"RUS": C, "TUR": C}, {"RUS": "AZE", "TUR": "AZE"}, True, False,
         "breached by AZE (confirmed by RUS and TUR)"),
        (Finding.CONFIRMED, {"RUS": C, "TUR": C}, {"RUS": "AZE", "TUR": "AZE"}, True, True,
         "breached by AZE"),
        (Finding.CONFIRMED, {"RUS": C, "TUR": C}, {"RUS": "ARM", "TUR": None}, False, False,
         "ARM responsible, confirmed by RUS and TUR"),
        (Finding.CONFIRMED, {"RUS": C, "TUR": C}, {"RUS": "ARM"}, False, True,
         "confirmed, ARM responsible"),
        (Finding.CONFIRMED, {"RUS": C, "TUR": C}, {"RUS": "ARM", "TUR": "AZE"}, True, False,
         "confirmed by RUS and TUR; responsible: ARM according to RUS; AZE according to TUR"),
        (Finding.CONFIRMED, {"RUS": C, "TUR": C}, {}, True, False, "confirmed by RUS and TUR"),
        (Finding.CONFIRMED, {"RUS": C, "TUR": C, "FRA": N}, {}, True, False,
         "confirmed by RUS and TUR; dissent: FRA said not-confirmed"),
        (Finding.REJECTED, {"RUS": N, "TUR": N}, {}, True, False, "rejected by RUS and TUR"),
        (Finding.REJECTED, {"RUS": N, "TUR": N}, {}, True, True, "rejected"),
        (Finding.DISPUTED, {"RUS": N, "TUR": C}, {"TUR": "AZE"}, True, False,
         "disputed: RUS said not-confirmed; TUR said confirmed (AZE responsible)"),
        (Finding.DISPUTED, {"RUS": INC, "TUR": C}, {}, True, True, "disputed"),
        (Finding.PENDING, {"RUS": "", "TUR": C}, {}, True, False, "pending (waiting for RUS)"),
        (Finding.PENDING, {"RUS": "", "TUR": ""}, {}, True, True, "pending"),
    ],
)  # fmt: skip
def test_finding_words(
    finding: Finding,
    verdicts: dict[str, str],
    attributions: dict[str, str | None],
    breaches: bool,
    public: bool,
    words: str,
) -> None:
    assert finding_words(finding, verdicts, attributions, breaches=breaches, public=public) == words
