"""Assessments, co-head decisions and findings in and out of the API."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from ceasefire.verification.rules import Verdict


class AssessmentCreate(BaseModel):
    party: str | None = Field(
        None, max_length=16, description="The monitoring party assessing (default: the user's)."
    )
    verdict: Verdict
    attribution: str | None = Field(
        None, max_length=16, description="ISO3 of the party held responsible, if any."
    )
    rationale: str = Field(max_length=20_000)
    evidence: list[str] = Field(default_factory=list, max_length=100)


class AssessmentPublic(BaseModel):
    id: int
    incident: int
    party: str
    version: int
    verdict: str
    attribution: str | None
    rationale: str
    evidence: list[str]
    author: str
    recorded_at: dt.datetime


class DecisionCreate(BaseModel):
    party: str | None = Field(None, max_length=16)
    verdict: Verdict
    rationale: str = Field(max_length=20_000)


class DecisionPublic(BaseModel):
    id: int
    incident: int
    party: str
    version: int
    verdict: str
    rationale: str
    author: str
    recorded_at: dt.datetime


class FindingPublic(BaseModel):
    incident: int
    finding: str
    rule: str
    parties: list[str]
    assessments: list[AssessmentPublic] = Field(
        default_factory=list, description="Each party's latest assessment (hidden from liaisons)."
    )
    decisions: list[DecisionPublic] = Field(default_factory=list)
    dissent: list[str] = Field(
        default_factory=list,
        description="Parties whose latest verdict differs from the finding (kept and shown).",
    )
    words: str = Field(
        "",
        description="The finding saying who: 'breached by AZE (confirmed by RUS and TUR)', or "
        "who said what when the parties differ (liaisons: the joint result only).",
    )
