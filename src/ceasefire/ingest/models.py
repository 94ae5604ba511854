"""Tables of the news channel: articles kept exactly as received, and the candidate events
extracted from them (proposals for people to verify, never findings)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.expression import true as sa_true

from ceasefire.db import Base, JSONType, UTCDateTime, utcnow


class PublishedSource(StrEnum):
    """Where an article's publication date came from."""

    GIVEN = "given"  # --published on the command line
    METADATA = "metadata"  # the feed, JSON line or HTML page said it
    FOUND = "found"  # read in the article's own text
    NONE = "none"  # nowhere: relative dates in it cannot be resolved


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(String(200))
    origin: Mapped[str] = mapped_column(Text)  # the file (and line or entry) it came from
    url: Mapped[str | None] = mapped_column(Text, nullable=True)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    content_type: Mapped[str] = mapped_column(String(60))
    raw: Mapped[bytes] = mapped_column(LargeBinary)  # as received, never changed
    text: Mapped[str] = mapped_column(Text)  # readable main text (HTML reduced by trafilatura)
    published: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    published_source: Mapped[str] = mapped_column(String(20))
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    received_by: Mapped[str] = mapped_column(String(200))
    near_duplicate_of: Mapped[str | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), nullable=True
    )
    similarity: Mapped[float | None] = mapped_column(Float, nullable=True)
    minhash: Mapped[list[int]] = mapped_column(JSONType)  # signature, for later near-duplicates
    # when its candidate events were stored; None: still to extract (stored with --no-extract,
    # or the run stopped before extracting it). The only column that changes after intake.
    extracted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # the language of its text (ISO 639-1, or "und") and how sure, detected when it is stored
    # (extraction/languages.py), and the encoding its bytes were decoded from; NULL in articles
    # stored before they were kept
    language: Mapped[str | None] = mapped_column(String(8), nullable=True)
    language_confidence: Mapped[float | None] = mapped_column(Float, nullable=True)
    encoding: Mapped[str | None] = mapped_column(String(40), nullable=True)
    # set with `extracted_at`: "read", or "not read: no reader for hy" (nothing extracted)
    reading: Mapped[str | None] = mapped_column(String(80), nullable=True)

    __table_args__ = (
        Index("ix_articles_source_published", "source", "published"),
        Index("ix_articles_extracted_at", "extracted_at"),
    )


class ArticleBand(Base):
    """An article's locality-sensitive hash keys (`dedup.band_keys`): a new article is compared
    only with those sharing a key, found through the index, however many are stored."""

    __tablename__ = "article_bands"

    band_key: Mapped[str] = mapped_column(String(32), primary_key=True)
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )


class CandidateStatus(StrEnum):
    PROPOSED = "proposed"  # waiting for the monitors' triage queue
    ATTACHED = "attached"  # linked to an incident as one more report of it
    DISMISSED = "dismissed"  # a person said it is not an incident


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
    place_country: Mapped[str | None] = mapped_column(String(3), nullable=True)  # alpha-3
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
    status: Mapped[str] = mapped_column(String(20), default=CandidateStatus.PROPOSED)
    # whether it is about a loaded agreement (`ingest.relevance`): only those reach the queue;
    # the rest stay stored, "not about any agreement", until a monitor promotes one
    relevant: Mapped[bool] = mapped_column(Boolean, server_default=sa_true())
    relevance: Mapped[float | None] = mapped_column(Float, nullable=True)
    relevance_agreement_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    relevance_area_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    relevance_reasons: Mapped[list[str] | None] = mapped_column(JSONType, nullable=True)
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
        Index("ix_candidate_events_relevant", "relevant", "relevance"),
    )
