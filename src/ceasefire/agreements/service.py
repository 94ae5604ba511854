"""Reading and writing the agreement registry: agreements, parties, provisions, areas, obligations,
amendments and the observations their files record. Knows nothing of incidents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ceasefire.agreements import models
from ceasefire.agreements.aliases import Aliases
from ceasefire.agreements.document import AgreementDocument, read_agreement, source_url
from ceasefire.agreements.specs import (
    AmendmentSpec,
    Effect,
    Limit,
    ObligationSpec,
    Observation,
    Term,
)
from ceasefire.agreements.timeref import as_of_instant, parse_timeref
from ceasefire.audit.events import DomainEvent, emit
from ceasefire.errors import NotFoundError


@dataclass(frozen=True)
class LoadResult:
    agreement_id: str
    changed: bool
    obligations: int
    observations: int


def load_file(session: Session, *, path: Path, actor: str = "system") -> LoadResult:
    """Check and store an agreement file in the caller's transaction (all or nothing)."""
    return store_document(
        session, document=read_agreement(path), source_name=str(path), actor=actor
    )


def store_document(
    session: Session, *, document: AgreementDocument, source_name: str, actor: str = "system"
) -> LoadResult:
    """Insert or replace an agreement. An unchanged file (same SHA-256) changes nothing."""
    existing = session.get(models.Agreement, document.id)
    counts = (len(document.obligations), len(document.observations))
    if existing is not None and existing.source_sha256 == document.sha256:
        return LoadResult(document.id, False, *counts)
    if existing is not None:
        for table in (
            models.Observation,
            models.Amendment,
            models.Obligation,
            models.Area,
            models.Provision,
            models.AgreementParty,
        ):
            session.execute(delete(table).where(table.agreement_id == document.id))
        session.delete(existing)
        session.flush()
    _insert(session, document, source_name)
    emit(
        session,
        DomainEvent(
            "agreement-loaded" if existing is None else "agreement-replaced",
            actor,
            "agreement",
            document.id,
            {"sha256": document.sha256, "source": source_name},
            rows=(session.get(models.Agreement, document.id),),
        ),
    )
    return LoadResult(document.id, True, *counts)


def _insert(session: Session, doc: AgreementDocument, source_name: str) -> None:
    raw = doc.raw
    session.add(
        models.Agreement(
            id=doc.id,
            title=doc.title,
            timezone=doc.timezone,
            signed_label=doc.signed.label,
            signed_at=doc.signed.start,
            effective_label=doc.effective.label,
            effective_at=doc.effective.start,
            verification_rule=doc.verification_rule,
            monitoring_parties=list(doc.monitoring_parties),
            document=raw,
            source_name=source_name,
            source_sha256=doc.sha256,
        )
    )
    session.flush()
    for code, party in doc.parties.items():
        session.add(
            models.AgreementParty(
                agreement_id=doc.id, code=code, name=party["name"], roles=party["roles"]
            )
        )
    for position, p in enumerate(doc.provisions):
        session.add(
            models.Provision(
                agreement_id=doc.id,
                number=str(p["number"]),
                position=position,
                summary=p["summary"],
                text=p.get("text"),
                reference=p.get("reference"),
            )
        )
    for area in doc.areas:
        bbox = area.bbox or (None, None, None, None)
        session.add(
            models.Area(
                agreement_id=doc.id,
                id=area.id,
                name=area.name,
                kind=area.kind,
                approximate=area.approximate,
                geometry=area.geometry,
                place=area.place,
                width_km=area.width_km,
                min_lon=bbox[0],
                min_lat=bbox[1],
                max_lon=bbox[2],
                max_lat=bbox[3],
                alternate_names=list(area.alternate_names),
                note=area.note,
                source=area.source,
            )
        )
    session.flush()
    for position, spec in enumerate(doc.obligations):
        item = doc.obligation_details[spec.id]
        session.add(
            models.Obligation(
                agreement_id=doc.id,
                id=spec.id,
                position=position,
                provision=spec.provision,
                action=spec.action,
                parties=list(spec.parties),
                summary=item["summary"],
                area_id=spec.area,
                beneficiary=item.get("beneficiary"),
                effective_label=str(item.get("effective_from", doc.effective.label)),
                deadline_label=spec.deadline.label if spec.deadline else None,
                deadline_at=spec.deadline.end if spec.deadline else None,
                standing=spec.standing,
                term=item.get("term"),
                limits=item.get("limits", []),
                note=item.get("note", ""),
                source=source_url(item.get("source")),
            )
        )
    session.flush()
    for amendment in doc.amendments:
        item = doc.amendment_details[amendment.id]
        session.add(
            models.Amendment(
                agreement_id=doc.id,
                id=amendment.id,
                obligation_id=amendment.obligation,
                decided_label=str(item["decided"]),
                decided_at=amendment.decided_at,
                changes=item["changes"],
                summary=item["summary"],
                source=source_url(item["source"]),
            )
        )
    for obs in doc.observations:
        item = doc.observation_details[obs.id]
        session.add(
            models.Observation(
                agreement_id=doc.id,
                key=obs.id,
                obligation_id=obs.obligation,
                effect=obs.effect.value,
                occurred_label=str(item["at"]),
                occurred_start=obs.start,
                occurred_end=obs.end,
                area_id=item.get("area"),
                figures=dict(obs.figures),
                summary=item["summary"],
                source=source_url(item["source"]),
                reported_by=item.get("reported_by"),
                origin="agreement-file",
                verified=True,
            )
        )
    session.flush()


def agreement_detail(session: Session, *, agreement_id: str) -> dict[str, Any]:
    """An agreement as plain data: what `agreements show --format json` and the API return."""
    agreement = get_agreement(session, agreement_id=agreement_id)
    return {
        "id": agreement.id,
        "title": agreement.title,
        "timezone": agreement.timezone,
        "signed": agreement.signed_label,
        "effective": agreement.effective_label,
        "rule": agreement.verification_rule,
        "monitoring_parties": agreement.monitoring_parties,
        "provisions": [
            {"number": p.number, "summary": p.summary}
            for p in provisions(session, agreement_id=agreement_id)
        ],
        "obligations": [
            {
                "id": o.id,
                "provision": o.provision,
                "parties": o.parties,
                "action": o.action,
                "area": o.area_id,
                "beneficiary": o.beneficiary,
                "deadline": o.deadline_label,
                "standing": o.standing,
                "term": o.term,
                "limits": o.limits,
                "summary": o.summary,
            }
            for o in obligations(session, agreement_id=agreement_id)
        ],
        "areas": [
            {"id": a.id, "name": a.name, "kind": a.kind, "approximate": a.approximate}
            for a in areas(session, agreement_id=agreement_id)
        ],
        "amendments": [
            {
                "id": a.id,
                "obligation": a.obligation_id,
                "decided": a.decided_label,
                "changes": a.changes,
                "source": a.source,
            }
            for a in amendments(session, agreement_id=agreement_id)
        ],
    }


def list_agreements(session: Session) -> list[models.Agreement]:
    return list(session.scalars(select(models.Agreement).order_by(models.Agreement.id)))


def parties_by_kind(session: Session) -> tuple[frozenset[str], frozenset[str]]:
    """The monitoring parties and the conflict parties of every loaded agreement."""
    monitoring = {p for a in list_agreements(session) for p in a.monitoring_parties}
    conflict = {
        party.code
        for party in session.scalars(select(models.AgreementParty))
        if "conflict" in party.roles
    }
    return frozenset(monitoring), frozenset(conflict)


def timezones(session: Session) -> dict[str, str]:
    """Each loaded agreement's time zone (IANA name), by agreement id."""
    rows = session.execute(select(models.Agreement.id, models.Agreement.timezone)).all()
    return dict(rows)


def default_agreement_id(session: Session, *, configured: str) -> str | None:
    """The agreement used when none is named: `configured` (the `default_agreement` setting)
    when set, else the one loaded first (by `loaded_at`, then id), else None: none is loaded."""
    if configured:
        return configured
    first = select(models.Agreement.id).order_by(models.Agreement.loaded_at, models.Agreement.id)
    return session.scalar(first.limit(1))


def get_agreement(session: Session, *, agreement_id: str) -> models.Agreement:
    agreement = session.get(models.Agreement, agreement_id)
    if agreement is None:
        known = ", ".join(a.id for a in list_agreements(session)) or "none loaded"
        raise NotFoundError(f"no agreement {agreement_id!r} (known: {known})")
    return agreement


def party_aliases(session: Session, *, agreement_id: str) -> Aliases:
    """The alias patterns the agreement's file gives its parties (docs/agreement-format.md)."""
    agreement = get_agreement(session, agreement_id=agreement_id)
    return Aliases.from_parties(agreement.document.get("parties") or [])


def agreements_in_load_order(session: Session) -> list[models.Agreement]:
    """Every loaded agreement, the one loaded first first (then by id)."""
    return list(
        session.scalars(
            select(models.Agreement).order_by(models.Agreement.loaded_at, models.Agreement.id)
        )
    )


def obligations(session: Session, *, agreement_id: str) -> list[models.Obligation]:
    return list(
        session.scalars(
            select(models.Obligation)
            .where(models.Obligation.agreement_id == agreement_id)
            .order_by(models.Obligation.position)
        )
    )


def areas(session: Session, *, agreement_id: str) -> list[models.Area]:
    return list(
        session.scalars(
            select(models.Area)
            .where(models.Area.agreement_id == agreement_id)
            .order_by(models.Area.id)
        )
    )


def provisions(session: Session, *, agreement_id: str) -> list[models.Provision]:
    return list(
        session.scalars(
            select(models.Provision)
            .where(models.Provision.agreement_id == agreement_id)
            .order_by(models.Provision.position)
        )
    )


def amendments(session: Session, *, agreement_id: str) -> list[models.Amendment]:
    return list(
        session.scalars(
            select(models.Amendment)
            .where(models.Amendment.agreement_id == agreement_id)
            .order_by(models.Amendment.decided_at, models.Amendment.id)
        )
    )


def observations(session: Session, *, agreement_id: str) -> list[models.Observation]:
    return list(
        session.scalars(
            select(models.Observation)
            .where(models.Observation.agreement_id == agreement_id)
            .order_by(models.Observation.occurred_start, models.Observation.key)
        )
    )


def _limits(items: list[dict[str, Any]]) -> tuple[Limit, ...]:
    return tuple(Limit(str(x["measure"]), float(x["max"]), str(x.get("unit", ""))) for x in items)


def specs(
    session: Session, *, agreement: models.Agreement
) -> tuple[list[ObligationSpec], list[AmendmentSpec]]:
    """The pure compliance inputs for an agreement's stored obligations and amendments."""
    zone = ZoneInfo(agreement.timezone)
    obligation_specs = []
    for row in obligations(session, agreement_id=agreement.id):
        term = row.term
        obligation_specs.append(
            ObligationSpec(
                id=row.id,
                provision=row.provision,
                parties=tuple(row.parties),
                action=row.action,
                effective_from=parse_timeref(row.effective_label, zone).start,
                area=row.area_id,
                deadline=parse_timeref(row.deadline_label, zone) if row.deadline_label else None,
                standing=row.standing,
                term=Term(term["months"], term.get("renewal_months"), term.get("notice_months", 0))
                if term
                else None,
                limits=_limits(row.limits),
            )
        )
    amendment_specs = [
        AmendmentSpec(
            id=row.id,
            obligation=row.obligation_id,
            decided_at=row.decided_at,
            deadline=parse_timeref(row.changes["deadline"], zone)
            if "deadline" in row.changes
            else None,
            limits=_limits(row.changes["limits"]) if "limits" in row.changes else None,
        )
        for row in amendments(session, agreement_id=agreement.id)
    ]
    return obligation_specs, amendment_specs


def file_observations(session: Session, *, agreement_id: str) -> list[Observation]:
    """The verified observations the agreement's file records, as pure compliance input."""
    rows = session.execute(
        select(
            models.Observation.key,
            models.Observation.obligation_id,
            models.Observation.effect,
            models.Observation.occurred_start,
            models.Observation.occurred_end,
            models.Observation.figures,
            models.Observation.occurred_label,
        ).where(
            models.Observation.agreement_id == agreement_id, models.Observation.verified.is_(True)
        )
    )
    return [
        Observation(key, obligation, Effect(effect), start, end, figures or {}, label)
        for key, obligation, effect, start, end, figures, label in rows
    ]


def resolve_moment(
    agreement: models.Agreement, as_of: str | dt.datetime | dt.date | None
) -> dt.datetime:
    """The instant an `as of` value stands for, in the agreement's time zone (None: now)."""
    if as_of is None:
        return dt.datetime.now(dt.UTC)
    return as_of_instant(as_of, ZoneInfo(agreement.timezone))
