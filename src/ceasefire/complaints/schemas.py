"""Complaints in and out of the API."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field


class ComplaintStatus(StrEnum):
    RECEIVED = "received"
    UNDER_REVIEW = "under-review"
    ANSWERED = "answered"
    WITHDRAWN = "withdrawn"


class Attachment(BaseModel):
    name: str = Field(max_length=200)
    media_type: str = Field("application/octet-stream", max_length=100)
    url: str | None = Field(None, max_length=2000)
    sha256: str | None = Field(None, max_length=64)
    report: int | None = Field(
        None, description="The report keeping the uploaded file as received (set by the server)."
    )


class ComplaintCreate(BaseModel):
    occurred: str = Field(max_length=60, description="When the alleged violation happened.")
    place: str = Field(max_length=300)
    description: str = Field(max_length=20_000)
    agreement: str | None = Field(None, max_length=100)
    attachments: list[Attachment] = Field(default_factory=list, max_length=20)


class ComplaintStatusChange(BaseModel):
    status: ComplaintStatus
    incident: int | None = Field(None, description="The incident whose finding answers it.")
    answer: str = Field("", max_length=20_000)


class ComplaintPublic(BaseModel):
    id: int
    party: str
    agreement: str | None
    status: str
    occurred: str
    place: str
    description: str
    attachments: list[dict[str, Any]]
    incident: int | None
    finding: str | None
    answer: str
    filed_by: str
    filed_at: dt.datetime
    updated_at: dt.datetime
