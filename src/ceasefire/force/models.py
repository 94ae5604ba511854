"""Tables of the force's records: strength reports, posts, patrols and convoys, counted series.

Every record belongs to one agreement and keeps the time as written (`*_label`) beside the
instants it spans, the source it came from and who recorded it. A correction replaces the row and
raises its `version`; every version is in the audit record with the whole row (`force.service`).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ceasefire.db import Base, JSONType, UTCDateTime, utcnow


class PostKind(StrEnum):
    """What a post is (column `force_posts.kind`)."""

    OBSERVATION_POST = "observation-post"
    BASE = "base"


class MovementKind(StrEnum):
    """What a movement is (column `force_movements.kind`)."""

    PATROL = "patrol"
    CONVOY = "convoy"


class StrengthReport(Base):
    """A contributor's strength on a date: a figure per category the agreement limits."""

    __tablename__ = "strength_reports"
    __table_args__ = (Index("ix_strength_reports_agreement_start", "agreement_id", "start_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agreement_id: Mapped[str] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"))
    contributor: Mapped[str] = mapped_column(String(16))
    date_label: Mapped[str] = mapped_column(String(40))
    start_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    end_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    figures: Mapped[dict[str, float]] = mapped_column(JSONType)
    source: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200))
    #: 1 when recorded, one more at each correction (every version is in the audit record)
    version: Mapped[int] = mapped_column(Integer, default=1)


class Post(Base):
    """An observation post or base: where it stands, when it was open, the area it serves."""

    __tablename__ = "force_posts"
    __table_args__ = (Index("ix_force_posts_agreement_opened", "agreement_id", "opened_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agreement_id: Mapped[str] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    contributor: Mapped[str] = mapped_column(String(16))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    area_id: Mapped[str | None] = mapped_column(String(100))
    opened_label: Mapped[str] = mapped_column(String(40))
    opened_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    closed_label: Mapped[str | None] = mapped_column(String(40))
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    outside_areas: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200))
    #: 1 when recorded, one more at each correction (every version is in the audit record)
    version: Mapped[int] = mapped_column(Integer, default=1)


class Movement(Base):
    """A patrol or a convoy: its route, its time, who took part, the cargo, linked incidents."""

    __tablename__ = "force_movements"
    __table_args__ = (Index("ix_force_movements_agreement_start", "agreement_id", "start_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agreement_id: Mapped[str] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    start_label: Mapped[str] = mapped_column(String(40))
    start_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    end_label: Mapped[str] = mapped_column(String(40))
    end_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    participants: Mapped[list[str]] = mapped_column(JSONType)
    #: the route as a GeoJSON LineString (from the places when given as places)
    route: Mapped[dict[str, Any]] = mapped_column(JSONType)
    #: the places as written, when the route was given as places
    places: Mapped[list[str]] = mapped_column(JSONType, default=list)
    cargo: Mapped[str] = mapped_column(Text, default="")
    incident_ids: Mapped[list[int]] = mapped_column(JSONType, default=list)
    source: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200))
    #: 1 when recorded, one more at each correction (every version is in the audit record)
    version: Mapped[int] = mapped_column(Integer, default=1)


class Count(Base):
    """One entry of a counted series (returns, demining): the day's figure and/or the running
    total the source gave."""

    __tablename__ = "force_counts"
    __table_args__ = (Index("ix_force_counts_agreement_series", "agreement_id", "series"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agreement_id: Mapped[str] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"))
    series: Mapped[str] = mapped_column(String(60))
    date_label: Mapped[str] = mapped_column(String(40))
    start_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    end_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    value: Mapped[float | None] = mapped_column(Float)
    total: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(60), default="")
    source: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200))
    #: 1 when recorded, one more at each correction (every version is in the audit record)
    version: Mapped[int] = mapped_column(Integer, default=1)
