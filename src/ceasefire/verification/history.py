"""Findings as known at a moment: each incident's assessments and co-head decisions as recorded by
then, and the finding the agreement's rule gives from them.

This is the one reader of findings for everything that must be reproducible: compliance, the daily
report (rebuilt later with the same `known_at`, it gives the same bytes even after an assessment
was revised) and the pages that show either. Every version of every assessment is kept, so the
past is read from the versions recorded by the moment, never from the incident's current finding.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ceasefire.agreements.models import Agreement
from ceasefire.incidents.models import Finding, Incident
from ceasefire.verification import rules
from ceasefire.verification.models import Assessment, CoHeadDecision


@dataclass(frozen=True)
class Vote:
    """One version of one party's assessment or co-head decision."""

    incident_id: int
    party: str
    version: int
    verdict: rules.Verdict
    recorded_at: dt.datetime
    attribution: str | None = None


def _latest(votes: Sequence[Vote], moment: dt.datetime) -> dict[str, Vote]:
    """Each party's latest version recorded by `moment` (the votes are in version order)."""
    latest: dict[str, Vote] = {}
    for vote in votes:
        if vote.recorded_at <= moment:
            latest[vote.party] = vote
    return latest


class KnownFindings:
    """The assessments and decisions of some incidents as recorded by `known_at`; the finding of
    each at any moment up to then."""

    def __init__(
        self,
        *,
        rule: rules.Rule,
        parties: Sequence[str],
        known_at: dt.datetime,
        assessments: Iterable[Vote],
        decisions: Iterable[Vote],
    ) -> None:
        self.rule = rule
        self.parties = tuple(parties)
        self.known_at = known_at
        self._assessments: dict[int, list[Vote]] = defaultdict(list)
        self._decisions: dict[int, list[Vote]] = defaultdict(list)
        for vote in sorted(assessments, key=lambda v: v.version):
            self._assessments[vote.incident_id].append(vote)
        for vote in sorted(decisions, key=lambda v: v.version):
            self._decisions[vote.incident_id].append(vote)

    def _moment(self, at: dt.datetime | None) -> dt.datetime:
        return self.known_at if at is None else min(at, self.known_at)

    def assessments(self, incident_id: int, at: dt.datetime | None = None) -> dict[str, Vote]:
        """Each party's latest assessment of the incident recorded by `at` (default: known_at)."""
        return _latest(self._assessments.get(incident_id, []), self._moment(at))

    def decisions(self, incident_id: int, at: dt.datetime | None = None) -> dict[str, Vote]:
        """Each co-head's latest decision on the incident recorded by `at` (default: known_at)."""
        return _latest(self._decisions.get(incident_id, []), self._moment(at))

    def finding(self, incident_id: int, at: dt.datetime | None = None) -> Finding:
        """The joint finding as it stood at `at` (default: known_at), under the agreement's rule."""
        return rules.final_finding(
            self.parties,
            {p: v.verdict for p, v in self.assessments(incident_id, at).items()},
            {p: v.verdict for p, v in self.decisions(incident_id, at).items()},
            self.rule,
        )

    def missing(self, incident_id: int, at: dt.datetime | None = None) -> list[str]:
        """The monitoring parties that had not assessed the incident by `at`."""
        return sorted(set(self.parties) - set(self.assessments(incident_id, at)))


def findings_known_at(
    session: Session,
    *,
    agreement: Agreement,
    known_at: dt.datetime,
    incident_ids: Collection[int] | None = None,
) -> KnownFindings:
    """The findings of the agreement's incidents (or of `incident_ids` only) as recorded by
    `known_at`: two queries, whatever the number of incidents."""
    if incident_ids is not None:
        wanted_a = Assessment.incident_id.in_(sorted(incident_ids))
        wanted_d = CoHeadDecision.incident_id.in_(sorted(incident_ids))
    else:
        of_agreement = select(Incident.id).where(Incident.agreement_id == agreement.id)
        wanted_a = Assessment.incident_id.in_(of_agreement)
        wanted_d = CoHeadDecision.incident_id.in_(of_agreement)
    assessed = session.execute(
        select(
            Assessment.incident_id, Assessment.party, Assessment.version, Assessment.verdict,
            Assessment.recorded_at, Assessment.attribution,
        ).where(wanted_a, Assessment.recorded_at <= known_at)
    ).all()  # fmt: skip
    decided = session.execute(
        select(
            CoHeadDecision.incident_id, CoHeadDecision.party, CoHeadDecision.version,
            CoHeadDecision.verdict, CoHeadDecision.recorded_at,
        ).where(wanted_d, CoHeadDecision.recorded_at <= known_at)
    ).all()  # fmt: skip
    return KnownFindings(
        rule=rules.Rule(agreement.verification_rule),
        parties=list(agreement.monitoring_parties),
        known_at=known_at,
        assessments=[
            Vote(i, party, version, rules.Verdict(verdict), at, attribution)
            for i, party, version, verdict, at, attribution in assessed
        ],
        decisions=[
            Vote(i, party, version, rules.Verdict(verdict), at)
            for i, party, version, verdict, at in decided
        ],
    )
