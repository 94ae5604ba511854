"""Tables of alerts: what held and when, the groups' timers, watched areas, channels, deliveries."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ceasefire.db import Base, JSONType, UTCDateTime, utcnow


class ChannelKind(StrEnum):
    """How an alert reaches a person (columns `alert_channels.kind`, `alert_deliveries.channel`)."""

    INBOX = "inbox"
    WEBHOOK = "webhook"
    EMAIL = "email"


class DeliveryStatus(StrEnum):
    PENDING = "pending"  # waiting for its (next) attempt
    SENT = "sent"
    FAILED = "failed"  # every attempt failed


class Alert(Base):
    """One alert: a rule holding about one object, from `started_at` until `resolved_at`."""

    __tablename__ = "alerts"
    __table_args__ = (Index("ix_alerts_key_resolved", "key", "resolved_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(300))
    rule: Mapped[str] = mapped_column(String(40))
    group_key: Mapped[str] = mapped_column(String(300), index=True)
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[str] = mapped_column(String(100))
    party: Mapped[str | None] = mapped_column(String(16))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    summary: Mapped[str] = mapped_column(Text)
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class AlertGroup(Base):
    """The timers of one group of like alerts (Alertmanager's aggregation group)."""

    __tablename__ = "alert_groups"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # the alert keys the last notification of the group carried
    sent_keys: Mapped[list[str]] = mapped_column(JSONType, default=list)


class WatchedArea(Base):
    """A user's watched area: a polygon (GeoJSON) or a centre and a radius."""

    __tablename__ = "watched_areas"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    geometry: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    center_lon: Mapped[float | None] = mapped_column(Float)
    center_lat: Mapped[float | None] = mapped_column(Float)
    radius_km: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class AlertChannel(Base):
    """Where a user's alerts go besides the inbox: a signed webhook or an e-mail address."""

    __tablename__ = "alert_channels"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    target: Mapped[str] = mapped_column(Text)
    # the Standard Webhooks secret (`whsec_...`) of a webhook
    secret: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class AlertDelivery(Base):
    """One notification of a group to one user over one channel; the inbox's rows too."""

    __tablename__ = "alert_deliveries"
    __table_args__ = (
        Index("ix_alert_deliveries_user_channel", "user_id", "channel", "acknowledged_at"),
        Index("ix_alert_deliveries_status_next", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    message_id: Mapped[str] = mapped_column(String(60))
    group_key: Mapped[str] = mapped_column(String(300))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(20))
    channel_id: Mapped[int | None] = mapped_column(
        ForeignKey("alert_channels.id", ondelete="SET NULL")
    )
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType)
    status: Mapped[str] = mapped_column(String(20), default=DeliveryStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    acknowledged_by: Mapped[str] = mapped_column(String(80), default="")
    note: Mapped[str] = mapped_column(Text, default="")
