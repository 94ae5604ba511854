"""Tables of the news channel's intake: articles kept exactly as received."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import Float, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ceasefire.db import Base, JSONType, UTCDateTime, utcnow


class PublishedSource(StrEnum):
    """Where an article's publication date came from."""

    given = "given"  # --published on the command line
    metadata = "metadata"  # the feed, JSON line or HTML page said it
    found = "found"  # read in the article's own text
    none = "none"  # nowhere: relative dates in it cannot be resolved


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

    __table_args__ = (Index("ix_articles_source_published", "source", "published"),)


class ArticleBand(Base):
    """An article's locality-sensitive hash keys (`dedup.band_keys`): a new article is compared
    only with those sharing a key, found through the index, however many are stored."""

    __tablename__ = "article_bands"

    band_key: Mapped[str] = mapped_column(String(32), primary_key=True)
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
