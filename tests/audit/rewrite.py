"""What an attacker with the database does: change an entry and recompute every hash after it
(the chain and the tree), so that `audit verify` alone sees nothing."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Engine, update
from sqlalchemy.orm import Session

from ceasefire.audit import chain, log
from ceasefire.audit import service as audit_service
from ceasefire.audit.models import AuditEntry
from tests.audit.test_store import unguard


def rewrite_consistently(engine: Engine, *, seq: int, change: dict[str, Any]) -> None:
    """Merge `change` into entry `seq`'s payload and re-hash the chain from there on."""
    unguard(engine)
    with Session(engine) as session:
        entries = list(audit_service.iter_entries(session))
        prev = entries[seq - 2].hash if seq > 1 else chain.GENESIS_HASH
        for entry in entries[seq - 1 :]:
            payload = entry.payload or "{}"
            if entry.seq == seq:
                payload = chain.canonical_json({**json.loads(payload), **change}).decode()
            new = chain.make_entry(
                seq=entry.seq,
                time=entry.time,
                actor=entry.actor,
                action=entry.action,
                object_type=entry.object_type,
                object_id=entry.object_id,
                payload=payload,
                prev_hash=prev,
            )
            session.execute(
                update(AuditEntry)
                .where(AuditEntry.seq == entry.seq)
                .values(
                    payload=new.payload,
                    payload_hash=new.payload_hash,
                    prev_hash=prev,
                    hash=new.hash,
                )
            )
            prev = new.hash
        log.rebuild(session)
        session.commit()
        assert audit_service.verify(session).ok
