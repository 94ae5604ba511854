"""Tables of assessments and co-head decisions; every version is kept, none is overwritten."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ceasefire.db import Base, JSONType, UTCDateTime, utcnow


class Assessment(Base):
    __tablename__ = "assessments"
    __table_args__ = (
        UniqueConstraint("incident_id", "party", "version", name="uq_assessments_version"),
        Index("ix_assessments_incident_party", "incident_id", "party"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"))
    party: Mapped[str] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer)
    verdict: Mapped[str] = mapped_column(String(20))
    attribution: Mapped[str | None] = mapped_column(String(16))
    rationale: Mapped[str] = mapped_column(Text)
    evidence: Mapped[list[str]] = mapped_column(JSONType, default=list)
    author: Mapped[str] = mapped_column(String(80))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class CoHeadDecision(Base):
    __tablename__ = "co_head_decisions"
    __table_args__ = (
        UniqueConstraint("incident_id", "party", "version", name="uq_co_head_decisions_version"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), index=True
    )
    party: Mapped[str] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer)
    verdict: Mapped[str] = mapped_column(String(20))
    rationale: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(80))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
