"""The news channel for the faces: an uploaded file ingested, pages of stored articles, one article
with what the extraction found in it. Who may is checked here, so every face applies one rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, defer

from ceasefire.accounts import permissions
from ceasefire.accounts.permissions import Actor
from ceasefire.errors import NotFoundError
from ceasefire.ingest import schemas
from ceasefire.ingest.models import Article, CandidateEvent
from ceasefire.ingest.readers import RawArticle, read_bytes
from ceasefire.ingest.service import IngestReport, ingest_articles

MAX_PAGE = 500


def require_reader(user: Actor | None) -> None:
    """Articles are reports, part of the internal picture: monitoring staff only."""
    permissions.require(permissions.can_read_incidents(user), "read the news channel")


def require_ingester(user: Actor | None) -> None:
    """Ingesting proposes candidate incidents, so it takes the right to write incidents."""
    permissions.require(permissions.can_write_incidents(user), "ingest articles")


def read_upload(name: str, raw: bytes) -> list[RawArticle]:
    """Every article of one uploaded file, or InvalidInputError naming each bad line: a file is
    taken whole or not at all (unlike a folder on the command line, where the run goes on)."""
    return list(read_bytes(name, raw))


def ingest_upload(
    engine: Engine,
    *,
    name: str,
    raw: bytes,
    source: str,
    published: dt.date | None,
    user: Actor,
    extract: bool = True,
) -> IngestReport:
    """Store the articles of one uploaded file and propose their events as candidate incidents,
    as `ceasefire ingest` does; the extraction runs in this process (one file repays no fork)."""
    require_ingester(user)
    articles = read_upload(name, raw)
    return ingest_articles(
        engine,
        articles=articles,
        source=source,
        published=published,
        actor=user.name,
        extract=extract,
        processes=1,
    )


def report_public(report: IngestReport) -> schemas.IngestReportPublic:
    return schemas.IngestReportPublic(
        stored=report.stored,
        duplicates=report.duplicates,
        near_duplicates=report.near_duplicates,
        candidate_events=report.candidate_events,
        not_about_any_agreement=report.not_about_any_agreement,
        incidents_proposed=report.incidents_proposed,
        reports_attached=report.reports_attached,
        without_publication_date=report.no_date,
        not_read=report.not_read,
        problems=[schemas.ProblemPublic(file=p.file, line=p.line, message=p.message)
                  for p in report.problems],
        articles=[
            schemas.IngestedArticle(
                origin=origin,
                id=outcome.article_id,
                status=outcome.status,
                near_duplicate_of=outcome.near_duplicate_of,
                similarity=None if outcome.similarity is None else round(outcome.similarity, 3),
            )
            for origin, outcome in report.outcomes
        ],
    )  # fmt: skip


@dataclass(frozen=True)
class ArticleFilter:
    source: str | None = None
    start: dt.datetime | None = None  # published at or after
    before: dt.datetime | None = None  # published before (exclusive)


def list_articles(
    session: Session, *, user: Actor | None, flt: ArticleFilter, limit: int, offset: int
) -> tuple[Sequence[Article], int]:
    """A page of the stored articles matching `flt`, the newest publication first (articles
    without a date last), and how many match in all."""
    require_reader(user)
    conditions = []
    if flt.source:
        conditions.append(Article.source == flt.source)
    if flt.start:
        conditions.append(Article.published >= flt.start)
    if flt.before:
        conditions.append(Article.published < flt.before)
    total = session.scalar(select(func.count()).select_from(Article).where(*conditions)) or 0
    rows = session.scalars(
        select(Article)
        .where(*conditions)
        .options(defer(Article.raw), defer(Article.text), defer(Article.minhash))
        .order_by(Article.published.desc().nulls_last(), Article.received_at.desc(), Article.id)
        .limit(max(1, min(limit, MAX_PAGE)))
        .offset(max(0, offset))
    ).all()
    return rows, total


def get_article(session: Session, *, article_id: str, user: Actor | None) -> Article:
    require_reader(user)
    article = session.get(Article, article_id)
    if article is None:
        raise NotFoundError(f"no article {article_id}")
    return article


def to_public(article: Article) -> schemas.ArticlePublic:
    """The article's stored fields, read by name (raw bytes, text and signature stay out)."""
    return schemas.ArticlePublic.model_validate(article, from_attributes=True)


def event_public(row: CandidateEvent) -> schemas.CandidateEventPublic:
    return schemas.CandidateEventPublic(
        id=row.id,
        type=row.event_type,
        modality=row.modality,
        date=schemas.EventDate(value=row.date_value, precision=row.date_precision)
        if row.date_value
        else None,
        place=schemas.EventPlace(
            name=row.place_name, lat=row.lat, lon=row.lon, country=row.place_country
        )
        if row.place_name
        else None,
        actors=row.actors,
        targets=row.targets,
        sentence=row.sentence,
        span=(row.span_start, row.span_end),
        confidence=row.confidence,
        status=row.status,
        incident_id=int(row.incident_id) if row.incident_id else None,
        agreement=row.agreement_id,
        obligation=row.obligation_id,
        same_as=row.same_as,
        relevant=row.relevant is not False,
        relevance=row.relevance,
        relevance_agreement=row.relevance_agreement_id,
        relevance_area=row.relevance_area_id,
        relevance_reasons=list(row.relevance_reasons or []),
    )


def to_detail(session: Session, article: Article) -> schemas.ArticleDetail:
    """The article with its size, readable text and candidate events in the order of the text."""
    events = session.scalars(
        select(CandidateEvent)
        .where(CandidateEvent.article_id == article.id)
        .order_by(CandidateEvent.span_start, CandidateEvent.created_at, CandidateEvent.id)
    )
    return schemas.ArticleDetail(
        **to_public(article).model_dump(),
        size=len(article.raw),
        text=article.text,
        candidate_events=[event_public(row) for row in events],
    )
