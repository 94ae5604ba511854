"""Recording assessments and co-head decisions, and keeping each incident's finding up to date."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ceasefire.accounts import permissions
from ceasefire.accounts.models import User
from ceasefire.agreements import service as agreements_service
from ceasefire.audit.events import DomainEvent, emit
from ceasefire.errors import CeasefireError, ConflictError, NotFoundError
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents.models import Finding, Incident, IncidentStatus
from ceasefire.verification import rules, wording
from ceasefire.verification.models import Assessment, CoHeadDecision
from ceasefire.verification.schemas import (
    AssessmentCreate,
    AssessmentPublic,
    DecisionCreate,
    DecisionPublic,
    FindingPublic,
)


def _rule_and_parties(session: Session, incident: Incident) -> tuple[rules.Rule, list[str]]:
    if incident.agreement_id is None:
        raise CeasefireError(
            f"incident {incident.id} names no agreement, so it has no monitoring parties to assess it"
        )
    agreement = agreements_service.get_agreement(session, agreement_id=incident.agreement_id)
    return rules.Rule(agreement.verification_rule), list(agreement.monitoring_parties)


def _assessable(session: Session, incident_id: int, user: User) -> Incident:
    incident = incidents_service.get_incident(session, incident_id=incident_id, user=user)
    if incident.status in (IncidentStatus.MERGED, IncidentStatus.DISMISSED):
        raise ConflictError(f"incident {incident_id} is {incident.status}: nothing to assess")
    return incident


def latest_assessments(session: Session, *, incident_id: int) -> dict[str, Assessment]:
    rows = session.scalars(
        select(Assessment).where(Assessment.incident_id == incident_id).order_by(Assessment.version)
    )
    return {row.party: row for row in rows}


def latest_decisions(session: Session, *, incident_id: int) -> dict[str, CoHeadDecision]:
    rows = session.scalars(
        select(CoHeadDecision)
        .where(CoHeadDecision.incident_id == incident_id)
        .order_by(CoHeadDecision.version)
    )
    return {row.party: row for row in rows}


def recompute(session: Session, *, incident: Incident, actor: str) -> Finding:
    """Apply the agreement's rule; on a change store it, update compliance input, emit
    `finding-changed`."""
    rule, parties = _rule_and_parties(session, incident)
    assessed = {
        p: rules.Verdict(a.verdict)
        for p, a in latest_assessments(session, incident_id=incident.id).items()
    }
    decided = {
        p: rules.Verdict(d.verdict)
        for p, d in latest_decisions(session, incident_id=incident.id).items()
    }
    new = rules.final_finding(parties, assessed, decided, rule)
    if new.value != incident.finding:
        old = incident.finding
        incident.finding = new.value
        session.flush()
        emit(
            session,
            DomainEvent(
                "finding-changed",
                actor,
                "incident",
                str(incident.id),
                {"from": old, "to": new.value, "rule": rule.value},
                rows=(incident,),
            ),
        )
    return new


def _party(user: User, given: str | None) -> str:
    party = (given or user.party or "").upper()
    if not party:
        raise CeasefireError("party: give the monitoring party")
    return party


def record_assessment(
    session: Session, *, incident_id: int, data: AssessmentCreate, actor: User
) -> Assessment:
    """A new version of one monitoring party's assessment; earlier versions are kept. Only a
    monitor or co-head of that party may write it."""
    incident = _assessable(session, incident_id, actor)
    party = _party(actor, data.party)
    permissions.require(permissions.can_assess(actor, party), f"write {party}'s assessment")
    _, parties = _rule_and_parties(session, incident)
    if party not in parties:
        raise CeasefireError(f"party: {party} is not a monitoring party of {incident.agreement_id}")
    version = _next_version(session, Assessment, incident_id=incident_id, party=party)
    row = Assessment(
        incident_id=incident_id,
        party=party,
        version=version,
        verdict=data.verdict.value,
        attribution=data.attribution.upper() if data.attribution else None,
        rationale=data.rationale,
        evidence=list(data.evidence),
        author=actor.name,
    )
    session.add(row)
    if incident.status == IncidentStatus.CANDIDATE:
        incident.status = IncidentStatus.OPEN.value
    session.flush()
    emit(
        session,
        DomainEvent(
            "assessment-recorded",
            actor.name,
            "incident",
            str(incident_id),
            {
                "party": party,
                "version": version,
                "verdict": row.verdict,
                "attribution": row.attribution,
            },
            rows=(row, incident),
        ),
    )
    recompute(session, incident=incident, actor=actor.name)
    return row


def _next_version(
    session: Session,
    model: type[Assessment] | type[CoHeadDecision],
    *,
    incident_id: int,
    party: str,
) -> int:
    """The next version number of a party's assessment or decision: every version is kept."""
    latest = session.scalar(
        select(func.max(model.version)).where(
            model.incident_id == incident_id, model.party == party
        )
    )
    return (latest or 0) + 1


def record_decision(
    session: Session, *, incident_id: int, data: DecisionCreate, actor: User
) -> CoHeadDecision:
    """A co-head's decision on a disputed finding, for their own party only; dissent is kept."""
    incident = _assessable(session, incident_id, actor)
    party = _party(actor, data.party)
    permissions.require(permissions.can_decide(actor, party), f"record {party}'s co-head decision")
    rule, parties = _rule_and_parties(session, incident)
    assessed = {
        p: rules.Verdict(a.verdict)
        for p, a in latest_assessments(session, incident_id=incident_id).items()
    }
    if rules.finding(parties, assessed, rule) is not Finding.DISPUTED:
        raise ConflictError(f"incident {incident_id}: only a disputed finding goes to the co-heads")
    version = _next_version(session, CoHeadDecision, incident_id=incident_id, party=party)
    row = CoHeadDecision(
        incident_id=incident_id,
        party=party,
        version=version,
        verdict=data.verdict.value,
        rationale=data.rationale,
        author=actor.name,
    )
    session.add(row)
    session.flush()
    emit(
        session,
        DomainEvent(
            "co-head-decision-recorded",
            actor.name,
            "incident",
            str(incident_id),
            {"party": party, "version": version, "verdict": row.verdict},
            rows=(row,),
        ),
    )
    recompute(session, incident=incident, actor=actor.name)
    return row


def assessment_public(a: Assessment) -> AssessmentPublic:
    return AssessmentPublic(
        id=a.id,
        incident=a.incident_id,
        party=a.party,
        version=a.version,
        verdict=a.verdict,
        attribution=a.attribution,
        rationale=a.rationale,
        evidence=a.evidence,
        author=a.author,
        recorded_at=a.recorded_at,
    )


def decision_public(d: CoHeadDecision) -> DecisionPublic:
    return DecisionPublic(
        id=d.id,
        incident=d.incident_id,
        party=d.party,
        version=d.version,
        verdict=d.verdict,
        rationale=d.rationale,
        author=d.author,
        recorded_at=d.recorded_at,
    )


def assessment_history(
    session: Session, *, incident_id: int, user: User | None
) -> list[AssessmentPublic]:
    """Every version of every party's assessment (monitoring staff only; others get not-found)."""
    incidents_service.get_incident(session, incident_id=incident_id, user=user)
    if not permissions.can_read_assessments(user):
        raise NotFoundError(f"no assessments of incident {incident_id}")
    rows = session.scalars(
        select(Assessment)
        .where(Assessment.incident_id == incident_id)
        .order_by(Assessment.party, Assessment.version)
    )
    return [assessment_public(a) for a in rows]


def finding_detail(session: Session, *, incident_id: int, user: User | None) -> FindingPublic:
    """The finding with each party's latest assessment and decision, and who dissents. A liaison
    sees a published finding only, without the assessments."""
    incident = incidents_service.get_incident(session, incident_id=incident_id, user=user)
    rule, parties = _rule_and_parties(session, incident)
    assessed = latest_assessments(session, incident_id=incident_id)
    decided = latest_decisions(session, incident_id=incident_id)
    final = Finding(incident.finding)
    breaches = any(
        link.effect == "breaches"
        for link in incidents_service.links(session, incident_id=incident_id)
    )
    said = {p: d.verdict for p, d in decided.items()} or {p: a.verdict for p, a in assessed.items()}
    words = wording.finding_words(
        final,
        {p: said.get(p, "") for p in parties},
        {p: a.attribution for p, a in assessed.items()},
        breaches=breaches,
        public=not permissions.can_read_assessments(user),
    )
    if not permissions.can_read_assessments(user):
        return FindingPublic(
            incident=incident.id,
            finding=incident.finding,
            rule=rule.value,
            parties=parties,
            words=words,
        )
    votes = {p: d.verdict for p, d in decided.items()} or {
        p: a.verdict for p, a in assessed.items()
    }
    agreeing = {
        Finding.CONFIRMED: rules.Verdict.CONFIRMED.value,
        Finding.REJECTED: rules.Verdict.NOT_CONFIRMED.value,
    }.get(final)
    dissent = sorted(p for p, v in votes.items() if agreeing is not None and v != agreeing)
    if final is Finding.DISPUTED:
        dissent = sorted(votes)
    return FindingPublic(
        incident=incident.id,
        finding=incident.finding,
        rule=rule.value,
        parties=parties,
        assessments=[assessment_public(a) for _, a in sorted(assessed.items())],
        decisions=[decision_public(d) for _, d in sorted(decided.items())],
        dissent=dissent,
        words=words,
    )
