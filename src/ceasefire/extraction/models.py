"""Tables of extracted candidate events: proposals for people to verify, never findings."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ceasefire.db import Base, JSONType, UTCDateTime, utcnow


class CandidateStatus(StrEnum):
    proposed = "proposed"  # waiting for the monitors' triage queue
    attached = "attached"  # linked to an incident as one more report of it
    dismissed = "dismissed"  # a person said it is not an incident


class CandidateEvent(Base):
    __tablename__ = "candidate_events"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    event_type: Mapped[str] = mapped_column(String(60))
    modality: Mapped[str] = mapped_column(String(20))
    actors: Mapped[list[dict[str, Any]]] = mapped_column(JSONType)
    targets: Mapped[list[dict[str, Any]]] = mapped_column(JSONType)
    place_name: Mapped[str | None] = mapped_column(Text, nullable=True)
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    place_country: Mapped[str | None] = mapped_column(String(2), nullable=True)
    geonameid: Mapped[int | None] = mapped_column(Integer, nullable=True)
    date_value: Mapped[str | None] = mapped_column(String(20), nullable=True)
    date_precision: Mapped[str | None] = mapped_column(String(10), nullable=True)
    quantity: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)
    sentence: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float)
    agreement_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    obligation_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    status: Mapped[str] = mapped_column(String(20), default=CandidateStatus.proposed)
    incident_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # the earlier candidate from another article reporting the same event (type, day, place)
    same_as: Mapped[str | None] = mapped_column(
        ForeignKey("candidate_events.id", ondelete="SET NULL"), nullable=True
    )
    extractor: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        Index("ix_candidate_events_status_type", "status", "event_type"),
        Index("ix_candidate_events_article", "article_id"),
        Index("ix_candidate_events_type_date", "event_type", "date_value"),
    )
