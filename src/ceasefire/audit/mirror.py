"""A monitoring party's mirror: the center's log copied entry by entry into the party's own
store, every entry, link and tree root checked, resuming where the last run stopped, and the
first divergence named (entry, object, field) when the center's log stops matching the copy."""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ceasefire.audit import chain, log, merkle, notes, tiles
from ceasefire.audit.models import AuditCheckpoint, AuditEntry
from ceasefire.audit.witness import Fetch, WitnessRefusalError, fetch_checkpoint, tile_reader
from ceasefire.db import utcnow


@dataclass(frozen=True)
class Divergence:
    """Where the center's log first differs from the mirror's copy."""

    seq: int
    object_type: str
    object_id: str
    field: str
    mirror: str
    center: str

    @property
    def message(self) -> str:
        return (
            f"the center's log diverges at entry {self.seq} ({self.object_type} "
            f"{self.object_id}): field {self.field} is {self.center} at the center but "
            f"{self.mirror} in this mirror"
        )


class MirrorError(Exception):
    """The center served something that does not check out; `divergence` says where, when the
    mirror could find it."""

    def __init__(self, message: str, divergence: Divergence | None = None) -> None:
        super().__init__(message if divergence is None else f"{message}: {divergence.message}")
        self.divergence = divergence


@dataclass(frozen=True)
class SyncResult:
    before: int
    after: int
    checkpoint: notes.Note


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "…"


def _differences(prefix: str, mine: Any, theirs: Any) -> Iterator[tuple[str, Any, Any]]:
    if isinstance(mine, dict) and isinstance(theirs, dict):
        for key in sorted(set(mine) | set(theirs)):
            yield from _differences(
                f"{prefix}.{key}" if prefix else key, mine.get(key), theirs.get(key)
            )
    elif mine != theirs:
        yield prefix, mine, theirs


def compare(mine: chain.Entry, theirs: chain.Entry) -> Divergence:
    """The first field (payload fields by name) in which two entries of one number differ."""
    mine_doc = json.loads(chain.leaf_data(mine))
    theirs_doc = json.loads(chain.leaf_data(theirs))
    # The content first: the hashes differ whenever it does.
    order = ["action", "actor", "object_type", "object_id", "time", "payload"]
    for key in [*order, *sorted(set(mine_doc) - set(order))]:
        for name, a, b in _differences(key, mine_doc.get(key), theirs_doc.get(key)):
            return Divergence(
                mine.seq, mine.object_type, mine.object_id, name, _short(a), _short(b)
            )
    return Divergence(mine.seq, mine.object_type, mine.object_id, "(none)", "", "")


def _bundle(fetch: Fetch, index: int, size: int) -> list[chain.Entry]:
    width = tiles.tile_width(0, index, size)
    name = tiles.TileName(None, index, width)
    data = fetch(name.path)
    if data is None:
        raise MirrorError(f"the center does not serve {name.path}, which its size implies")
    try:
        leaves = tiles.unbundle(data, expected=width)
        return [chain.parse_leaf(d, where=f"{name.path}, entry {n}") for n, d in enumerate(leaves)]
    except ValueError as exc:
        raise MirrorError(f"{name.path}: {exc}") from None


def _local_entries(session: Session, first: int, last: int) -> list[chain.Entry]:
    return list(log.entries_between(session.connection(), first - 1, last))


def find_divergence(
    session: Session, fetch: Fetch, *, local: int, remote: int
) -> Divergence | None:
    """The first of the mirror's `local` entries that the center's log of size `remote` holds
    otherwise, found by comparing leaf hashes tile by tile."""
    theirs = tile_reader(fetch, remote)
    mine = log.TileStore(session.connection())
    for index in range((min(local, remote) + tiles.WIDTH - 1) // tiles.WIDTH):
        width = tiles.tile_width(0, index, min(local, remote))
        a = mine.read(0, index)[: width * tiles.HASH]
        b = theirs(0, index)[: width * tiles.HASH]
        if a == b:
            continue
        position = next(
            i for i in range(width) if a[i * 32 : i * 32 + 32] != b[i * 32 : i * 32 + 32]
        )
        seq = index * tiles.WIDTH + position + 1
        center = _bundle(fetch, index, remote)[position]
        return compare(_local_entries(session, seq, seq)[0], center)
    return None


def _store(session: Session, entries: list[chain.Entry]) -> None:
    session.connection().execute(
        insert(AuditEntry),
        [
            {
                "seq": e.seq,
                "time": dt.datetime.fromisoformat(e.time.replace("Z", "+00:00")),
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
    log.extend(session.connection(), entries)


def _check_links(previous: chain.Entry | None, entries: list[chain.Entry]) -> None:
    for entry in entries:
        expected_seq = 1 if previous is None else previous.seq + 1
        expected_prev = chain.GENESIS_HASH if previous is None else previous.hash
        if entry.seq != expected_seq or entry.prev_hash != expected_prev:
            raise MirrorError(
                f"entry {entry.seq} does not follow entry {expected_seq - 1} in the chain"
            )
        if (
            chain.payload_hash(entry.payload or "") != entry.payload_hash
            or chain.hash_of(entry) != entry.hash
        ):
            raise MirrorError(f"entry {entry.seq} does not match its own hash")
        previous = entry


def sync(
    session_factory: Callable[[], Session],
    fetch: Fetch,
    *,
    origin: str,
    log_key: Ed25519PublicKey,
    progress: Callable[[int, int], None] | None = None,
) -> SyncResult:
    """Copy and check the center's log up to its checkpoint. Each entry bundle is committed on
    its own, so an interrupted run resumes where it stopped; the tree is checked against the
    checkpoint at the end, and the copy against the center's tree at the start."""
    try:
        note = fetch_checkpoint(fetch, origin=origin, log_key=log_key)
    except WitnessRefusalError as exc:
        raise MirrorError(str(exc)) from None
    remote = note.checkpoint.size
    with session_factory() as session:
        local = log.size(session)
        if remote < local:
            raise MirrorError(
                f"the center's log has {remote} entries, fewer than the {local} this mirror holds",
                find_divergence(session, fetch, local=local, remote=remote),
            )
        if local:
            try:
                read = tile_reader(fetch, remote)
                proof = merkle.consistency_proof(local, remote, tiles.range_hash(read))
                merkle.verify_consistency(
                    local, remote, proof, log.root(session, at=local), note.checkpoint.root
                )
            except (merkle.ProofError, WitnessRefusalError) as exc:
                raise MirrorError(
                    f"the center's log is not an extension of this mirror's copy ({exc})",
                    find_divergence(session, fetch, local=local, remote=remote),
                ) from None
        last = _local_entries(session, local, local)[-1] if local else None
    before = local
    while local < remote:
        index = local // tiles.WIDTH
        fresh = [e for e in _bundle(fetch, index, remote) if e.seq > local]
        _check_links(last, fresh)
        with session_factory() as session:
            _store(session, fresh)
            session.commit()
        local, last = fresh[-1].seq, fresh[-1]
        if progress is not None:
            progress(local, remote)
    with session_factory() as session:
        if log.root(session, at=remote) != note.checkpoint.root:
            raise MirrorError(
                f"the entries the center serves do not give the root of its checkpoint of size {remote}",
                find_divergence(session, fetch, local=remote, remote=remote),
            )
        stored = session.get(AuditCheckpoint, remote)
        if stored is None:
            session.add(
                AuditCheckpoint(
                    size=remote,
                    root=note.checkpoint.root.hex(),
                    note=note.text,
                    created=utcnow(),
                )
            )
        session.commit()
    return SyncResult(before, remote, note)


def latest(session: Session) -> notes.Note | None:
    stored = session.scalars(
        select(AuditCheckpoint).order_by(AuditCheckpoint.size.desc()).limit(1)
    ).first()
    return None if stored is None else notes.parse(stored.note)


def b64(value: bytes) -> str:
    return base64.b64encode(value).decode()
