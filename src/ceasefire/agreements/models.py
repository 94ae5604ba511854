"""Tables of the agreement registry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    Boolean,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from ceasefire.db import Base, JSONType, UTCDateTime, utcnow


class Agreement(Base):
    __tablename__ = "agreements"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    timezone: Mapped[str] = mapped_column(String(64))
    signed_label: Mapped[str] = mapped_column(String(40))
    signed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    effective_label: Mapped[str] = mapped_column(String(40))
    effective_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    verification_rule: Mapped[str] = mapped_column(String(40))
    monitoring_parties: Mapped[list[str]] = mapped_column(JSONType)
    document: Mapped[dict[str, Any]] = mapped_column(JSONType)
    source_name: Mapped[str] = mapped_column(Text)
    source_sha256: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class AgreementParty(Base):
    __tablename__ = "agreement_parties"

    agreement_id: Mapped[str] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    roles: Mapped[list[str]] = mapped_column(JSONType)


class Provision(Base):
    __tablename__ = "provisions"

    agreement_id: Mapped[str] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True
    )
    number: Mapped[str] = mapped_column(String(20), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    reference: Mapped[str | None] = mapped_column(Text)


class Area(Base):
    __tablename__ = "areas"
    __table_args__ = (Index("ix_areas_bbox", "min_lon", "min_lat", "max_lon", "max_lat"),)

    agreement_id: Mapped[str] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    approximate: Mapped[bool] = mapped_column(Boolean, default=False)
    geometry: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    place: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    width_km: Mapped[float | None] = mapped_column(Float)
    min_lon: Mapped[float | None] = mapped_column(Float)
    min_lat: Mapped[float | None] = mapped_column(Float)
    max_lon: Mapped[float | None] = mapped_column(Float)
    max_lat: Mapped[float | None] = mapped_column(Float)
    alternate_names: Mapped[list[str]] = mapped_column(JSONType, default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")


class Obligation(Base):
    __tablename__ = "obligations"

    agreement_id: Mapped[str] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    provision: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(40))
    parties: Mapped[list[str]] = mapped_column(JSONType)
    summary: Mapped[str] = mapped_column(Text)
    area_id: Mapped[str | None] = mapped_column(String(100))
    beneficiary: Mapped[str | None] = mapped_column(String(16))
    effective_label: Mapped[str] = mapped_column(String(40))
    deadline_label: Mapped[str | None] = mapped_column(String(40))
    deadline_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    standing: Mapped[bool] = mapped_column(Boolean, default=False)
    term: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    limits: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")


class Amendment(Base):
    __tablename__ = "amendments"
    __table_args__ = (
        ForeignKeyConstraint(
            ["agreement_id", "obligation_id"],
            ["obligations.agreement_id", "obligations.id"],
            ondelete="CASCADE",
        ),
    )

    agreement_id: Mapped[str] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    obligation_id: Mapped[str] = mapped_column(String(100))
    decided_label: Mapped[str] = mapped_column(String(40))
    decided_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    changes: Mapped[dict[str, Any]] = mapped_column(JSONType)
    summary: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)


class Observation(Base):
    """A verified fact bearing on an obligation. Facts from the agreement file have origin
    `agreement-file`; later domains (incidents with joint findings) add their own origins."""

    __tablename__ = "observations"
    __table_args__ = (
        UniqueConstraint("agreement_id", "key", name="uq_observations_agreement_key"),
        ForeignKeyConstraint(
            ["agreement_id", "obligation_id"],
            ["obligations.agreement_id", "obligations.id"],
            ondelete="CASCADE",
        ),
        Index("ix_observations_obligation_end", "agreement_id", "obligation_id", "occurred_end"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agreement_id: Mapped[str] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(120))
    obligation_id: Mapped[str] = mapped_column(String(100))
    effect: Mapped[str] = mapped_column(String(20))
    occurred_label: Mapped[str] = mapped_column(String(40))
    occurred_start: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    occurred_end: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    area_id: Mapped[str | None] = mapped_column(String(100))
    figures: Mapped[dict[str, float]] = mapped_column(JSONType, default=dict)
    summary: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    reported_by: Mapped[str | None] = mapped_column(String(16))
    origin: Mapped[str] = mapped_column(String(20), default="agreement-file")
    verified: Mapped[bool] = mapped_column(Boolean, default=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
