"""Built daily reports kept as their exact canonical JSON bytes, the parties' registered public
keys, and the parties' uploaded signatures over those bytes; each checked when shown."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ceasefire.audit.chain import sha256_hex
from ceasefire.audit.events import DomainEvent, emit
from ceasefire.errors import ConflictError, NotFoundError
from ceasefire.reports import render, signing
from ceasefire.reports import service as reports_service
from ceasefire.reports.models import PartyKey, ReportSignature, StoredReport


def build(
    session: Session, *, agreement_id: str, day: dt.date, cutoff: str, actor: str
) -> StoredReport:
    """Build the day's report as the center knows it now and keep its bytes (once a day)."""
    existing = find(session, agreement_id=agreement_id, day=day)
    if existing is not None:
        raise ConflictError(f"the report of {day} is built already (SHA-256 {existing.sha256})")
    report = reports_service.daily_report(
        session, agreement_id=agreement_id, day=day, cutoff=cutoff
    )
    content = render.to_json(report)
    stored = StoredReport(
        agreement_id=agreement_id,
        day=day.isoformat(),
        sha256=sha256_hex(content),
        content=content,
        built_by=actor,
    )
    session.add(stored)
    session.flush()
    emit(
        session,
        DomainEvent(
            "daily-report-built",
            actor,
            "daily-report",
            str(stored.id),
            {"agreement": agreement_id, "day": stored.day, "sha256": stored.sha256},
        ),
    )
    return stored


def find(session: Session, *, agreement_id: str, day: dt.date) -> StoredReport | None:
    return session.scalars(
        select(StoredReport).where(
            StoredReport.agreement_id == agreement_id, StoredReport.day == day.isoformat()
        )
    ).first()


def get(session: Session, *, report_id: int) -> StoredReport:
    stored = session.get(StoredReport, report_id)
    if stored is None:
        raise NotFoundError(f"no stored report {report_id}")
    return stored


def stored_reports(session: Session, *, agreement_id: str) -> list[StoredReport]:
    return list(
        session.scalars(
            select(StoredReport)
            .where(StoredReport.agreement_id == agreement_id)
            .order_by(StoredReport.day.desc())
        )
    )


def register_key(session: Session, *, party: str, pem: bytes, where: str, actor: str) -> PartyKey:
    """Register a party's public key (idempotent for the same key; keys are only added)."""
    party = signing.check_party(party)
    public = signing.public_pem_to_b64(pem, where=where)
    existing = session.scalars(
        select(PartyKey).where(PartyKey.party == party, PartyKey.public_key == public)
    ).first()
    if existing is not None:
        return existing
    key = PartyKey(
        party=party,
        public_key=public,
        key_id=signing.key_id(signing.public_from_b64(public)),
        registered_by=actor,
    )
    session.add(key)
    session.flush()
    emit(
        session,
        DomainEvent("party-key-registered", actor, "party-key", str(key.id),
                    {"party": party, "key_id": key.key_id}),
    )  # fmt: skip
    return key


def party_keys(session: Session, *, party: str | None = None) -> list[PartyKey]:
    query = select(PartyKey).order_by(PartyKey.party, PartyKey.id)
    if party is not None:
        query = query.where(PartyKey.party == party)
    return list(session.scalars(query))


def add_signature(
    session: Session, *, report_id: int, party: str, envelope: bytes, where: str, actor: str
) -> ReportSignature:
    """Keep `party`'s signature from a signatures file over the stored report's bytes. The same
    signature again is a no-op; another one by the same party is refused."""
    stored = get(session, report_id=report_id)
    entry = signing.party_entry(envelope, party=party, sha256=stored.sha256, where=where)
    existing = session.scalars(
        select(ReportSignature).where(
            ReportSignature.report_id == stored.id, ReportSignature.party == party
        )
    ).first()
    if existing is not None:
        if existing.signature == entry["signature"] and existing.public_key == entry["public_key"]:
            return existing
        raise ConflictError(f"{party} has signed the report of {stored.day} already")
    signature = ReportSignature(
        report_id=stored.id,
        party=party,
        public_key=entry["public_key"],
        key_id=signing.key_id(signing.public_from_b64(entry["public_key"])),
        signature=entry["signature"],
        uploaded_by=actor,
    )
    session.add(signature)
    session.flush()
    emit(
        session,
        DomainEvent("daily-report-signed", actor, "daily-report", str(stored.id),
                    {"party": party, "key_id": signature.key_id, "sha256": stored.sha256}),
    )  # fmt: skip
    return signature


@dataclass(frozen=True)
class PartyStatus:
    party: str
    signed: bool
    verified: bool
    reason: str
    key_id: str
    uploaded_by: str


def status(session: Session, stored: StoredReport, parties: list[str]) -> list[PartyStatus]:
    """Per monitoring party: signed or not, and whether its signature verifies now."""
    signatures = {
        s.party: s
        for s in session.scalars(
            select(ReportSignature).where(ReportSignature.report_id == stored.id)
        )
    }
    result = []
    for party in parties:
        signature = signatures.get(party)
        if signature is None:
            result.append(PartyStatus(party, False, False, "not signed yet", "", ""))
            continue
        registered = [k.public_key for k in party_keys(session, party=party)]
        valid, reason = signing.verdict(
            stored.content,
            public_key=signature.public_key,
            signature=signature.signature,
            registered=registered,
        )
        result.append(
            PartyStatus(party, True, valid, reason, signature.key_id, signature.uploaded_by)
        )
    return result
