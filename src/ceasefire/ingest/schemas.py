"""Articles of the news channel, what the extraction found in them, and ingest reports, out of
the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field


class ArticlePublic(BaseModel):
    """An article as stored: where it came from, its hash, its publication date and its source."""

    id: str
    source: str = Field(description="Name of the channel the article came from.")
    origin: str = Field(description="The file it was read from (with `#line` or `#entry`).")
    url: str | None
    title: str | None
    content_type: str = Field(description="Media type of the raw bytes.")
    sha256: str = Field(description="SHA-256 of the raw bytes as received.")
    published: dt.datetime | None
    published_source: str = Field(
        description="Where the publication date came from: given, metadata, found, none."
    )
    received_at: dt.datetime
    received_by: str
    near_duplicate_of: str | None = Field(
        description="The stored article this one nearly repeats (MinHash), if any."
    )
    similarity: float | None = Field(description="Estimated Jaccard similarity to that article.")
    language: str | None = Field(
        description="ISO 639-1 code of its text, or `und`; null if stored before it was kept."
    )
    language_confidence: float | None = Field(description="How sure the detection was (0-1).")
    encoding: str | None = Field(description="The encoding its bytes were decoded from.")
    reading: str | None = Field(
        description='"read", or "not read: no reader for hy" (nothing extracted); null until '
        "extracted."
    )


class EventDate(BaseModel):
    value: str
    precision: str | None


class EventPlace(BaseModel):
    name: str
    lat: float | None
    lon: float | None
    country: str | None = Field(description="ISO 3166-1 alpha-3 (AZE); none for a region.")


class CandidateEventPublic(BaseModel):
    """One event the extraction found in an article: a proposal for people, never a finding."""

    id: str
    type: str
    modality: str = Field(description="happened, alleged, denied, planned, obligation, ...")
    date: EventDate | None
    place: EventPlace | None
    actors: list[dict[str, Any]] = Field(
        description="Who did it: text, name, country (ISO 3166-1 alpha-3), sector."
    )
    targets: list[dict[str, Any]] = Field(description="To whom.")
    sentence: str = Field(description="The evidence sentence.")
    span: tuple[int, int] = Field(description="Character span of the sentence in the text.")
    confidence: float
    status: str = Field(description="proposed, attached or dismissed.")
    incident_id: int | None = Field(description="The incident it proposed or was attached to.")
    agreement: str | None
    obligation: str | None
    same_as: str | None = Field(
        description="The earlier candidate event (of another article) reporting the same event."
    )
    relevant: bool = Field(
        description="About a loaded agreement (only those reach the queue); false: stored as "
        "'not about any agreement', until a monitor promotes it."
    )
    relevance: float | None = Field(description="0..1: how much it bears on that agreement.")
    relevance_agreement: str | None = Field(description="The agreement it is most about.")
    relevance_area: str | None = Field(description="The area of that agreement it is in or near.")
    relevance_reasons: list[str] = Field(description="Why: area, parties, obligation, period.")


class ArticleDetail(ArticlePublic):
    size: int = Field(description="Length of the raw bytes.")
    text: str = Field(description="The readable text the extraction read (spans refer to it).")
    candidate_events: list[CandidateEventPublic]


class ArticlePage(BaseModel):
    items: list[ArticlePublic]
    total: int
    limit: int
    offset: int


class ProblemPublic(BaseModel):
    file: str
    line: int
    message: str


class IngestedArticle(BaseModel):
    origin: str
    id: str = Field(description="The stored article (the one already stored, for a duplicate).")
    status: str = Field(description="stored, near-duplicate or duplicate.")
    near_duplicate_of: str | None
    similarity: float | None


class IngestReportPublic(BaseModel):
    """What one upload did."""

    stored: int
    duplicates: int = Field(description="Identical to an article already stored: skipped.")
    near_duplicates: int = Field(description="Stored, and linked to the article they repeat.")
    candidate_events: int
    not_about_any_agreement: int = Field(description="Candidate events kept out of the queue.")
    incidents_proposed: int
    reports_attached: int = Field(description="Events attached to an incident already stored.")
    without_publication_date: int
    not_read: int = Field(
        description="Stored, but of a language without a reader (or undetermined): not read."
    )
    problems: list[ProblemPublic]
    articles: list[IngestedArticle]
