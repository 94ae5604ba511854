"""Appending domain events to the audit record, reading it back, and checking it."""

from __future__ import annotations

import datetime as dt
import enum
import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path, PurePath
from typing import Any, Protocol

from sqlalchemy import Connection, String, insert, select, text, type_coerce
from sqlalchemy.orm import Session

from ceasefire.audit import chain, log, merkle, state
from ceasefire.audit.chain import Checkpoint, Entry, Verdict
from ceasefire.audit.models import AuditEntry
from ceasefire.db import utcnow
from ceasefire.errors import InvalidInputError, Problem

# Every append takes a lock before it reads the head, so two writers never read the same head
# (the primary key on `seq` would refuse the second, but the writer should wait, not fail).
# PostgreSQL: this transaction-scoped advisory lock. SQLite: its single write lock, taken by a
# write that changes nothing.
APPEND_LOCK_KEY = 0x6365_6173_6566  # "ceasef"
_T = AuditEntry.__table__
_COLUMNS = (
    _T.c.seq,
    _T.c.time,
    _T.c.actor,
    _T.c.action,
    _T.c.object_type,
    _T.c.object_id,
    _T.c.payload_hash,
    _T.c.prev_hash,
    _T.c.hash,
    _T.c.payload,
)


class Recordable(Protocol):
    """What an audit entry records of a change (`audit.events.DomainEvent` is one)."""

    @property
    def name(self) -> str: ...
    @property
    def actor(self) -> str: ...
    @property
    def object_type(self) -> str: ...
    @property
    def object_id(self) -> str: ...
    @property
    def payload(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Head:
    seq: int
    hash: str
    time: dt.datetime | None

    def as_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "hash": self.hash,
            "time": None if self.time is None else chain.format_time(self.time),
        }


EMPTY_HEAD = Head(0, chain.GENESIS_HASH, None)


def jsonable(value: Any) -> Any:
    """A payload as plain JSON values that RFC 8785 accepts (dates as ISO 8601 text, numbers
    that JSON cannot carry exactly as text, sets sorted)."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return value if abs(value) <= 2**53 - 1 else str(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((jsonable(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, dt.datetime):
        return chain.format_time(value) if value.tzinfo else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, Decimal | PurePath):
        return str(value)
    return str(value)


def payload_text(payload: dict[str, Any]) -> str:
    return chain.canonical_json(jsonable(payload)).decode("utf-8")


def _with_states(domain_event: Recordable) -> dict[str, Any]:
    rows = [row for row in getattr(domain_event, "rows", ()) if row is not None]
    if not rows:
        return domain_event.payload
    states = [state.row_state(row, jsonable) for row in rows]
    return {**domain_event.payload, state.STATE_KEY: states}


def verify_tree(session: Session) -> str | None:
    """Whether the stored tree is the tree of the entries: None, or what differs."""
    return verify_with_tree(session)[1]


def verify_with_tree(
    session: Session, *, checkpoint: Checkpoint | None = None
) -> tuple[Verdict, str | None]:
    """The chain's verdict and the tree's problem (None when the stored tree is the tree of
    the entries), in one read of the record."""
    log.sync(session)  # entries written before the tree was kept join it first
    builder = merkle.RootBuilder()

    def leaf(data: bytes) -> None:
        builder.add(merkle.leaf_hash(data))

    verdict = chain.verify(iter_entries(session), checkpoint=checkpoint, leaves=leaf)
    if not verdict.ok:
        return verdict, None
    stored = log.size(session)
    if stored != builder.count:
        return verdict, f"the Merkle tree holds {stored} entries, the record {builder.count}"
    if log.root(session, at=stored) != builder.root():
        return verdict, "the Merkle tree kept beside the record is not the tree of its entries"
    return verdict, None


def rebuild_state(session: Session) -> dict[tuple[str, str], state.Recorded]:
    """The last recorded state of every row, from the entries alone (see `audit.state`)."""
    return state.rebuild(iter_entries(session))


def verify_state(session: Session) -> tuple[list[state.Drift], list[state.Drift]]:
    """Rebuild every recorded row from the record and compare it with the tables: the drifts
    (fields that differ, rows deleted) and the rows no entry records."""
    return state.compare(session, rebuild_state(session), jsonable)


def _lock(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": APPEND_LOCK_KEY})
    else:
        connection.execute(text("UPDATE audit_entries SET seq = seq WHERE 1 = 0"))


def _head(connection: Connection) -> Head:
    row = connection.execute(
        select(_T.c.seq, _T.c.hash, _T.c.time).order_by(_T.c.seq.desc()).limit(1)
    ).first()
    return EMPTY_HEAD if row is None else Head(row.seq, row.hash, row.time)


def record_events(session: Session, events: Sequence[Recordable]) -> list[Entry]:
    """Append one entry per event after the current head, in the caller's transaction."""
    if not events:
        return []
    session.flush()
    connection = session.connection()
    _lock(connection)
    head = _head(connection)
    # Times never go backwards along the chain, so "the head as of a moment" is well defined.
    moment = utcnow() if head.time is None else max(utcnow(), head.time)
    time = chain.format_time(moment)
    entries = []
    prev_seq, prev_hash = head.seq, head.hash
    for domain_event in events:
        entry = chain.make_entry(
            seq=prev_seq + 1,
            time=time,
            actor=domain_event.actor,
            action=domain_event.name,
            object_type=domain_event.object_type,
            object_id=str(domain_event.object_id),
            payload=payload_text(_with_states(domain_event)),
            prev_hash=prev_hash,
        )
        entries.append(entry)
        prev_seq, prev_hash = entry.seq, entry.hash
    connection.execute(
        insert(AuditEntry),
        [
            {
                "seq": e.seq,
                "time": moment,
                "actor": e.actor,
                "action": e.action,
                "object_type": e.object_type,
                "object_id": e.object_id,
                "payload": e.payload,
                "payload_hash": e.payload_hash,
                "prev_hash": e.prev_hash,
                "hash": e.hash,
            }
            for e in entries
        ],
    )
    log.extend(connection, entries)
    return entries


def head(session: Session) -> Head:
    """The newest entry (seq 0 and the genesis hash when the record is empty)."""
    return _head(session.connection())


def head_at(session: Session, *, moment: dt.datetime) -> Head:
    """The newest entry made at or before `moment`."""
    row = (
        session.connection()
        .execute(
            select(_T.c.seq, _T.c.hash, _T.c.time)
            .where(_T.c.time <= moment)
            .order_by(_T.c.seq.desc())
            .limit(1)
        )
        .first()
    )
    return EMPTY_HEAD if row is None else Head(row.seq, row.hash, row.time)


def recent(session: Session, *, limit: int = 20) -> list[AuditEntry]:
    """The newest `limit` entries, newest first."""
    return list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)))


def iter_entries(session: Session, *, batch: int = 20_000) -> Iterator[Entry]:
    """Every entry in stored order, streamed (a server-side cursor on PostgreSQL)."""
    connection = session.connection()
    sqlite = connection.dialect.name == "sqlite"
    time_column = type_coerce(_T.c.time, String) if sqlite else _T.c.time
    result = connection.execute(
        select(_T.c.seq, time_column, *_COLUMNS[2:])
        .order_by(_T.c.seq)
        .execution_options(yield_per=batch)
    )
    fmt = chain.sqlite_time if sqlite else chain.format_time
    for seq, time, actor, action, otype, oid, phash, prev, ehash, payload in result:
        yield Entry(seq, fmt(time), actor, action, otype, oid, phash, prev, ehash, payload)


def verify(session: Session, *, checkpoint: Checkpoint | None = None) -> Verdict:
    """Check the whole record (and, when given, that it still reaches `checkpoint`)."""
    return chain.verify(iter_entries(session), checkpoint=checkpoint)


def checkpoint(session: Session, *, parties: Sequence[str]) -> dict[str, Any]:
    """The head, for each monitoring party to keep: verifying against it later shows that no
    entry up to it was changed and that the record was not cut short."""
    current = head(session)
    return {
        "checkpoint": "ceasefire-audit",
        "seq": current.seq,
        "hash": current.hash,
        "time": current.as_json()["time"],
        "taken_at": chain.format_time(utcnow()),
        "parties": {party: {"seq": current.seq, "hash": current.hash} for party in parties},
    }


def parse_checkpoint(value: str) -> Checkpoint:
    """A checkpoint from a file written by `audit checkpoint`, `SEQ:HASH`, or a bare hash."""
    path = Path(value)
    if path.is_file():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return Checkpoint(int(data["seq"]), _hash(str(data["hash"]), str(path)))
        except (ValueError, KeyError, TypeError) as exc:
            raise InvalidInputError(
                [Problem(str(path), 1, f"not a checkpoint written by `audit checkpoint`: {exc}")]
            ) from None
    seq_text, _, hash_text = value.rpartition(":")
    if seq_text:
        if not seq_text.isdigit():
            raise InvalidInputError(
                [Problem("--checkpoint", 1, f"expected SEQ:HASH, a hash or a file, got {value!r}")]
            )
        return Checkpoint(int(seq_text), _hash(hash_text, "--checkpoint"))
    return Checkpoint(None, _hash(hash_text, "--checkpoint"))


def _hash(value: str, where: str) -> str:
    value = value.strip().lower()
    if len(value) != 64 or any(c not in "0123456789abcdef" for c in value):
        raise InvalidInputError(
            [Problem(where, 1, f"expected a SHA-256 hash (64 hex digits), got {value!r}")]
        )
    return value
