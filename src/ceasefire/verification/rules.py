"""The verification rule: from each monitoring party's verdict to the joint finding. Pure.

- unanimity (default): every party confirmed -> confirmed; every party not-confirmed ->
  rejected; any other complete set -> disputed; any party missing -> pending.
- majority: once every party has assessed, more than half confirmed -> confirmed, more than half
  not-confirmed -> rejected, else (ties, inconclusive votes) disputed; any missing -> pending.

Co-heads' decisions on a disputed finding are judged by the same rule; `final_finding` says which
set counts. Dissent is never lost: every verdict is kept beside the finding.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from enum import StrEnum

from ceasefire.incidents.models import Finding


class Verdict(StrEnum):
    CONFIRMED = "confirmed"
    NOT_CONFIRMED = "not-confirmed"
    INCONCLUSIVE = "inconclusive"


class Rule(StrEnum):
    UNANIMITY = "unanimity"
    MAJORITY = "majority"


def finding(
    parties: Collection[str], verdicts: Mapping[str, Verdict], rule: Rule = Rule.UNANIMITY
) -> Finding:
    """The joint finding of `parties` under `rule`, from each party's latest verdict.

    Verdicts of parties that are not monitoring parties are ignored; no parties at all is pending.
    """
    if not parties or any(p not in verdicts for p in parties):
        return Finding.PENDING
    votes = [verdicts[p] for p in parties]
    confirmed = sum(v is Verdict.CONFIRMED for v in votes)
    not_confirmed = sum(v is Verdict.NOT_CONFIRMED for v in votes)
    if rule is Rule.UNANIMITY:
        if confirmed == len(votes):
            return Finding.CONFIRMED
        if not_confirmed == len(votes):
            return Finding.REJECTED
        return Finding.DISPUTED
    if confirmed * 2 > len(votes):
        return Finding.CONFIRMED
    if not_confirmed * 2 > len(votes):
        return Finding.REJECTED
    return Finding.DISPUTED


def final_finding(
    parties: Collection[str],
    assessments: Mapping[str, Verdict],
    decisions: Mapping[str, Verdict],
    rule: Rule = Rule.UNANIMITY,
) -> Finding:
    """The finding that stands: the assessments' finding, unless it is disputed and the co-heads
    have decided, in which case the co-heads' finding (pending until every co-head decided, then
    disputed again if they disagree)."""
    base = finding(parties, assessments, rule)
    if base is not Finding.DISPUTED or not decisions:
        return base
    decided = finding(parties, decisions, rule)
    return Finding.DISPUTED if decided is Finding.PENDING else decided
