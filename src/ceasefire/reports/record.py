"""The record behind a daily report: the cosigned checkpoint of its cut-off and, for each incident
it lists, the entry that records the incident with its inclusion proof in that checkpoint's tree.

So signing a report also vouches for the record up to it, and a reader with the report alone
can check that every listed incident is in the log the witnesses cosigned."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from ceasefire.audit import chain, merkle, notes
from ceasefire.audit import log as audit_log
from ceasefire.audit.models import AuditEntry


def log_section(session: Session, *, incident_ids: Iterable[int], head_seq: int) -> dict[str, Any]:
    """The report's `log`: the smallest cosigned checkpoint covering the audit head of the
    report (None when no witness has cosigned one yet) and one inclusion proof per incident."""
    note = audit_log.cosigned(session, covering=head_seq) if head_seq else None
    if note is None:
        return {"checkpoint": None, "inclusion": []}
    size = note.checkpoint.size
    proofs = []
    for incident_id in sorted(set(incident_ids)):
        row = session.scalars(
            select(AuditEntry)
            .where(
                AuditEntry.object_type == "incident",
                AuditEntry.object_id == str(incident_id),
                AuditEntry.seq <= head_seq,
            )
            .order_by(AuditEntry.seq.desc())
            .limit(1)
        ).first()
        if row is None:
            continue
        entry = chain.Entry(
            row.seq,
            chain.format_time(row.time),
            row.actor,
            row.action,
            row.object_type,
            row.object_id,
            row.payload_hash,
            row.prev_hash,
            row.hash,
            row.payload,
        )
        proof = audit_log.inclusion_proof(session, index=row.seq - 1, at=size)
        proofs.append(
            {
                "incident": incident_id,
                "entry": json.loads(chain.leaf_data(entry)),
                "proof": [base64.b64encode(p).decode() for p in proof],
            }
        )
    return {"checkpoint": note.text, "inclusion": proofs}


@dataclass(frozen=True)
class LogCheck:
    what: str
    valid: bool
    reason: str


def verify_log_section(
    report: dict[str, Any],
    *,
    witnesses: dict[str, Ed25519PublicKey],
    log_key: Ed25519PublicKey | None,
) -> list[LogCheck]:
    """Check the report's checkpoint (the log's signature when its key is given, every given
    witness's cosignature) and each listed incident's inclusion proof."""
    section = report.get("log")
    if not isinstance(section, dict) or not section.get("checkpoint"):
        return [LogCheck("log", False, "the report carries no cosigned checkpoint")]
    try:
        note = notes.parse(str(section["checkpoint"]), where="the report's checkpoint")
    except notes.NoteError as exc:
        return [LogCheck("log", False, str(exc))]
    checks = []
    point = note.checkpoint
    if log_key is not None:
        try:
            notes.verify_signature(note, name=point.origin, public=log_key)
            checks.append(
                LogCheck(f"checkpoint {point.size}", True, f"signed by the log {point.origin}")
            )
        except notes.NoteError as exc:
            checks.append(LogCheck(f"checkpoint {point.size}", False, str(exc)))
    for name, public in sorted(witnesses.items()):
        try:
            notes.verify_cosignature(note, name=name, public=public)
            checks.append(LogCheck(f"cosignature {name}", True, f"cosigned size {point.size}"))
        except notes.NoteError as exc:
            checks.append(LogCheck(f"cosignature {name}", False, str(exc)))
    proven = set()
    for item in section.get("inclusion") or []:
        incident, entry = item.get("incident"), item.get("entry") or {}
        what = f"incident {incident}"
        try:
            if entry.get("object_type") != "incident" or entry.get("object_id") != str(incident):
                raise merkle.ProofError("the entry given is not the incident's")
            leaf = merkle.leaf_hash(chain.canonical_json(entry))
            proof = [base64.b64decode(p) for p in item.get("proof") or []]
            merkle.verify_inclusion(int(entry["seq"]) - 1, point.size, leaf, proof, point.root)
            proven.add(incident)
            checks.append(LogCheck(what, True, f"entry {entry['seq']} is in the cosigned log"))
        except (merkle.ProofError, ValueError, KeyError, TypeError) as exc:
            checks.append(LogCheck(what, False, f"inclusion proof does not hold: {exc}"))
    listed = {i.get("id") for i in (report.get("incidents") or {}).get("items") or []}
    for missing in sorted(i for i in listed - proven if isinstance(i, int)):
        checks.append(LogCheck(f"incident {missing}", False, "listed but no inclusion proof"))
    return checks
