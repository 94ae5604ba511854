"""The audit record as a transparency log: its stored tiles, roots, proofs, entry bundles and
signed checkpoints with the witnesses' cosignatures."""

from __future__ import annotations

import base64
from collections.abc import Iterable, Iterator, Sequence

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import Connection, String, delete, func, insert, select, text, tuple_, type_coerce
from sqlalchemy.orm import Session

from ceasefire.audit import chain, merkle, notes, tiles
from ceasefire.audit.chain import Entry
from ceasefire.audit.models import AuditCheckpoint, AuditEntry, AuditTile
from ceasefire.db import utcnow

_TILES = AuditTile.__table__
_ENTRIES = AuditEntry.__table__
_LOCK_KEY = 0x6365_6173_6566  # the append lock of audit.service: the tiles grow under it


class TileStore:
    """Tiles read from the store, each once (a proof reads the same few tiles many times)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._cache: dict[tuple[int, int], bytes] = {}

    def read(self, level: int, index: int) -> bytes:
        key = (level, index)
        if key not in self._cache:
            value = self.connection.execute(
                select(_TILES.c.hashes).where(_TILES.c.level == level, _TILES.c.idx == index)
            ).scalar()
            self._cache[key] = b"" if value is None else bytes(value)
        return self._cache[key]

    def size(self) -> int:
        """The number of leaves the stored tiles hold."""
        row = self.connection.execute(
            select(_TILES.c.idx, func.length(_TILES.c.hashes))
            .where(_TILES.c.level == 0)
            .order_by(_TILES.c.idx.desc())
            .limit(1)
        ).first()
        return 0 if row is None else row[0] * tiles.WIDTH + row[1] // tiles.HASH

    def write(self, changed: dict[tuple[int, int], bytes]) -> None:
        if not changed:
            return
        keys = list(changed)
        self.connection.execute(
            delete(AuditTile).where(tuple_(_TILES.c.level, _TILES.c.idx).in_(keys))
        )
        self.connection.execute(
            insert(AuditTile),
            [{"level": level, "idx": idx, "hashes": changed[(level, idx)]} for level, idx in keys],
        )
        self._cache.update(changed)


def _lock(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
    else:
        connection.execute(text("UPDATE audit_entries SET seq = seq WHERE 1 = 0"))


def _grow(store: TileStore, size: int, entries: Iterable[Entry]) -> int:
    leaves = (merkle.leaf_hash(chain.leaf_data(e)) for e in entries)
    new_size, changed = tiles.grow(store.read, size, leaves)
    store.write(changed)
    return new_size


def entries_between(connection: Connection, size: int, until: int) -> Iterator[Entry]:
    """Entries `size + 1` to `until`, in order, streamed (times respelt, not parsed, on SQLite)."""
    t = _ENTRIES
    sqlite = connection.dialect.name == "sqlite"
    time_column = type_coerce(t.c.time, String) if sqlite else t.c.time
    fmt = chain.sqlite_time if sqlite else chain.format_time
    rows = connection.execute(
        select(
            t.c.seq,
            time_column,
            t.c.actor,
            t.c.action,
            t.c.object_type,
            t.c.object_id,
            t.c.payload_hash,
            t.c.prev_hash,
            t.c.hash,
            t.c.payload,
        )
        .where(t.c.seq > size, t.c.seq <= until)
        .order_by(t.c.seq)
        .execution_options(yield_per=20_000)
    )
    for seq, time, actor, action, otype, oid, phash, prev, ehash, payload in rows:
        yield Entry(seq, fmt(time), actor, action, otype, oid, phash, prev, ehash, payload)


def extend(connection: Connection, entries: Sequence[Entry]) -> None:
    """Add newly appended entries to the tree (the caller holds the append lock), first catching
    up with entries written before the tree was kept."""
    if not entries:
        return
    store = TileStore(connection)
    size = store.size()
    first = entries[0].seq
    if size < first - 1:
        size = _grow(store, size, entries_between(connection, size, first - 1))
    if size != first - 1:
        raise RuntimeError(f"the tree holds {size} leaves but entry {first} is being appended")
    _grow(store, size, entries)


def sync(session: Session) -> int:
    """Bring the tree up to the record's head (after entries written before it was kept); the
    tree's size."""
    connection = session.connection()
    _lock(connection)
    store = TileStore(connection)
    size = store.size()
    head = connection.execute(select(func.coalesce(func.max(_ENTRIES.c.seq), 0))).scalar_one()
    if head > size:
        size = _grow(store, size, entries_between(connection, size, head))
    return size


def rebuild(session: Session) -> int:
    """Drop the tiles and build them again from the entries (after a restore, or a repair)."""
    session.connection().execute(delete(AuditTile))
    return sync(session)


def size(session: Session) -> int:
    return TileStore(session.connection()).size()


def root(session: Session, *, at: int) -> bytes:
    return tiles.tree_root(TileStore(session.connection()).read, at)


def inclusion_proof(session: Session, *, index: int, at: int) -> list[bytes]:
    """The proof that leaf `index` (entry `index + 1`) is in the tree of `at` leaves."""
    return merkle.inclusion_proof(index, at, tiles.range_hash(TileStore(session.connection()).read))


def consistency_proof(session: Session, *, old: int, new: int) -> list[bytes]:
    return merkle.consistency_proof(
        old, new, tiles.range_hash(TileStore(session.connection()).read)
    )


def tile(session: Session, name: tiles.TileName) -> bytes | None:
    """A tile's bytes as tlog-tiles serves them (None when the tree does not have it yet)."""
    store = TileStore(session.connection())
    current = store.size()
    if name.level is None:
        if tiles.tile_width(0, name.index, current) < name.width:
            return None
        first = name.index * tiles.WIDTH
        entries = entries_between(session.connection(), first, first + name.width)
        return tiles.bundle(chain.leaf_data(e) for e in entries)
    if tiles.tile_width(name.level, name.index, current) < name.width:
        return None
    return store.read(name.level, name.index)[: name.width * tiles.HASH]


def checkpoint(session: Session, *, origin: str, key: Ed25519PrivateKey) -> notes.Note:
    """The log's checkpoint at its current size, signed by the log key named `origin`; the
    cosignatures already received for that size are added."""
    current = sync(session)
    point = notes.Checkpoint(origin, current, root(session, at=current))
    note = notes.sign(point, name=origin, key=key)
    stored = session.get(AuditCheckpoint, current)
    if stored is not None and stored.root == point.root.hex():
        for signature in notes.parse(stored.note).signatures:
            if signature.name != origin:
                note = note.with_signature(signature)
    return note


def add_cosignature(
    session: Session,
    *,
    note_text: str,
    origin: str,
    log_key: Ed25519PublicKey,
    witnesses: dict[str, Ed25519PublicKey],
) -> notes.Note:
    """Keep the cosignatures a witness sent for one of this log's checkpoints: the checkpoint
    must be signed by the log and match its tree; each cosignature must be a known witness's."""
    note = notes.parse(note_text, where="the cosigned checkpoint")
    notes.verify_signature(note, name=origin, public=log_key)
    point = note.checkpoint
    if point.size > size(session) or root(session, at=point.size) != point.root:
        raise notes.NoteError(f"the checkpoint of size {point.size} is not this log's")
    stored = session.get(AuditCheckpoint, point.size)
    base = notes.parse(stored.note) if stored is not None else notes.Note(point, ())
    for signature in note.signatures:
        if signature.name == origin:
            base = base.with_signature(signature)
            continue
        public = witnesses.get(signature.name)
        if public is None:
            raise notes.NoteError(f"{signature.name} is not a witness this center knows")
        notes.verify_cosignature(
            notes.Note(point, (signature,)), name=signature.name, public=public
        )
        base = base.with_signature(signature)
    if stored is None:
        session.add(
            AuditCheckpoint(
                size=point.size, root=point.root.hex(), note=base.text, created=utcnow()
            )
        )
    else:
        stored.note = base.text
    return base


def cosigned(session: Session, *, covering: int) -> notes.Note | None:
    """The smallest stored cosigned checkpoint whose log holds at least `covering` entries."""
    stored = session.scalars(
        select(AuditCheckpoint)
        .where(AuditCheckpoint.size >= covering)
        .order_by(AuditCheckpoint.size)
        .limit(1)
    ).first()
    return None if stored is None else notes.parse(stored.note)


def b64(values: Sequence[bytes]) -> list[str]:
    return [base64.b64encode(v).decode() for v in values]
