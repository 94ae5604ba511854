"""Tables of reports (immutable raw intake) and incidents with their links."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    event,
)
from sqlalchemy.orm import Mapped, Mapper, mapped_column

from ceasefire.db import Base, JSONType, UTCDateTime, utcnow


class Report(Base):
    """One raw intake from one channel, kept exactly as received; never edited."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(20))
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    reporter: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(Text, default="")
    media_type: Mapped[str] = mapped_column(String(100), default="text/plain")
    content: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64), index=True)


@event.listens_for(Report, "before_update")
def _reports_are_immutable(_mapper: Mapper[Any], _connection: Any, target: Report) -> None:
    raise ValueError(f"report {target.id} is immutable: raw intake is never edited")


class IncidentStatus(StrEnum):
    """Where an incident is in the monitors' work (column `incidents.status`)."""

    CANDIDATE = "candidate"  # proposed (by the news channel, an import, a report): the work queue
    OPEN = "open"  # accepted as an incident to verify
    MERGED = "merged"  # the same as another incident (merged_into)
    DISMISSED = "dismissed"  # not an incident (e.g. an irrelevant news item)


class Finding(StrEnum):
    """The joint finding on an incident (column `incidents.finding`), derived from every
    monitoring party's assessment under the agreement's rule (`verification.rules`)."""

    PENDING = "pending"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    DISPUTED = "disputed"


#: Findings that are final: published to liaisons.
PUBLISHED_FINDINGS = (Finding.CONFIRMED, Finding.REJECTED)


def is_published(value: Finding | str) -> bool:
    """Findings that are final (confirmed or rejected) are published to liaisons."""
    return Finding(value) in PUBLISHED_FINDINGS


class Incident(Base):
    __tablename__ = "incidents"
    __table_args__ = (
        Index("ix_incidents_bbox", "min_lon", "min_lat", "max_lon", "max_lat"),
        Index("ix_incidents_start", "start_at"),
        Index("ix_incidents_end", "end_at"),
        Index("ix_incidents_status_type", "status", "type"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # No foreign key to the agreement tables on purpose: reloading a changed agreement file
    # replaces its rows, and incidents and their links must survive that untouched.
    agreement_id: Mapped[str | None] = mapped_column(String(100), index=True)
    type: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(20))
    origin: Mapped[str] = mapped_column(String(20))
    summary: Mapped[str] = mapped_column(Text)
    start_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    end_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    time_label: Mapped[str] = mapped_column(String(60))
    time_precision: Mapped[str] = mapped_column(String(10))
    place_name: Mapped[str] = mapped_column(Text, default="")
    country: Mapped[str | None] = mapped_column(String(3))
    admin1: Mapped[str] = mapped_column(Text, default="")
    admin2: Mapped[str] = mapped_column(Text, default="")
    admin3: Mapped[str] = mapped_column(Text, default="")
    area_id: Mapped[str | None] = mapped_column(String(100))
    geometry: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    location_precision: Mapped[str] = mapped_column(String(10))
    min_lon: Mapped[float | None] = mapped_column(Float)
    min_lat: Mapped[float | None] = mapped_column(Float)
    max_lon: Mapped[float | None] = mapped_column(Float)
    max_lat: Mapped[float | None] = mapped_column(Float)
    actors: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    casualties: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    sources: Mapped[list[str]] = mapped_column(JSONType, default=list)
    external_id: Mapped[str | None] = mapped_column(String(100), index=True)
    # What an import read: the source's columns as written, its version stamp (ACLED's
    # `timestamp`) and the SHA-256 of the values made from it (an identical row changes nothing).
    source_fields: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)
    source_version: Mapped[str | None] = mapped_column(String(40), nullable=True)
    source_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    finding: Mapped[str] = mapped_column(String(20), default=Finding.PENDING.value)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"))
    reviewing_by: Mapped[str | None] = mapped_column(String(80))
    reviewing_since: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class IncidentReport(Base):
    """A report backing an incident (many reports can back one incident)."""

    __tablename__ = "incident_reports"

    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True
    )
    report_id: Mapped[int] = mapped_column(
        ForeignKey("reports.id", ondelete="RESTRICT"), primary_key=True, index=True
    )


class IncidentObligation(Base):
    """An obligation the incident bears on: it `breaches`, `fulfils` or `complies` with it.
    Checked against the agreement when written; kept (not cascaded) if the agreement is reloaded."""

    __tablename__ = "incident_obligations"
    __table_args__ = (Index("ix_incident_obligations_agreement", "agreement_id", "obligation_id"),)

    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True
    )
    agreement_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    obligation_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    effect: Mapped[str] = mapped_column(String(20))


class IncidentVersion(Base):
    """An incident's values before a source revised it (ACLED revises events): one row a version,
    version 1 being what the first import stored. The incident itself holds the latest."""

    __tablename__ = "incident_versions"

    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    values: Mapped[dict[str, Any]] = mapped_column(JSONType)
    source_version: Mapped[str | None] = mapped_column(String(40), nullable=True)
    source_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id"), nullable=True)
    superseded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    superseded_by: Mapped[str] = mapped_column(String(80))


class KeptApart(Base):
    """Two incidents a monitor judged distinct: never proposed as duplicates again."""

    __tablename__ = "incidents_kept_apart"

    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True
    )
    other_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True
    )
    decided_by: Mapped[str] = mapped_column(String(80))
    decided_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
