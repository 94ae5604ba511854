"""Stored daily reports (their canonical JSON bytes, as built), the monitoring parties' public
keys, and the parties' detached signatures over a stored report's bytes. Rows are only added:
a built report, a registered key or an uploaded signature is never edited."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ceasefire.db import Base, UTCDateTime, utcnow


class StoredReport(Base):
    __tablename__ = "daily_reports"
    __table_args__ = (UniqueConstraint("agreement_id", "day", name="uq_daily_reports_day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agreement_id: Mapped[str] = mapped_column(String(100))
    day: Mapped[str] = mapped_column(String(10))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    built_by: Mapped[str] = mapped_column(String(80))
    built_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class PartyKey(Base):
    __tablename__ = "party_keys"
    __table_args__ = (UniqueConstraint("party", "public_key", name="uq_party_keys_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    party: Mapped[str] = mapped_column(String(3), index=True)
    public_key: Mapped[str] = mapped_column(String(64))  # raw Ed25519, base64
    key_id: Mapped[str] = mapped_column(String(16))
    registered_by: Mapped[str] = mapped_column(String(80))
    registered_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReportSignature(Base):
    __tablename__ = "report_signatures"
    __table_args__ = (UniqueConstraint("report_id", "party", name="uq_report_signatures_party"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("daily_reports.id"))
    party: Mapped[str] = mapped_column(String(3))
    public_key: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str] = mapped_column(String(16))
    signature: Mapped[str] = mapped_column(String(128))  # base64
    uploaded_by: Mapped[str] = mapped_column(String(80))
    uploaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
