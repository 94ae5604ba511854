"""The table of the audit record: one row per entry, numbered without gaps from 1."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Index, LargeBinary, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ceasefire.db import Base, UTCDateTime


class AuditEntry(Base):
    """One link of the chain. `payload` is the canonical JSON text (RFC 8785) exactly as hashed,
    kept as text rather than JSON so that the store cannot respell it."""

    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_object", "object_type", "object_id"),)

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    time: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(100))
    object_type: Mapped[str] = mapped_column(String(100))
    object_id: Mapped[str] = mapped_column(String(200))
    payload: Mapped[str] = mapped_column(Text)
    payload_hash: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditTile(Base):
    """A tile of the Merkle tree over the entries (see `audit.tiles`): the concatenated hashes
    of up to 256 nodes at height 8 × `level`. Rebuildable from the entries at any time; kept so
    that a proof or a tile request reads a few rows instead of rehashing the record."""

    __tablename__ = "audit_tiles"

    level: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    idx: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    hashes: Mapped[bytes] = mapped_column(LargeBinary)


class AuditCheckpoint(Base):
    """A checkpoint the center signed, with the cosignatures the witnesses sent back for it:
    `note` is the signed note as served plus each cosignature line received."""

    __tablename__ = "audit_checkpoints"

    size: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    root: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text)
    created: Mapped[dt.datetime] = mapped_column(UTCDateTime)
