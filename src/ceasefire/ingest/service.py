"""Storing articles as received (hashed, duplicates skipped, near-duplicates linked) and running
the extraction over the new ones."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from datasketch import MinHash
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ceasefire.audit.events import DomainEvent, emit
from ceasefire.db import transaction
from ceasefire.errors import InvalidInputError, Problem
from ceasefire.extraction import dates as dates_module
from ceasefire.extraction import languages
from ceasefire.ingest import candidates as candidates_service
from ceasefire.ingest import dedup, proposals
from ceasefire.ingest.models import Article, ArticleBand, CandidateEvent, PublishedSource
from ceasefire.ingest.readers import RawArticle, read_path, walk


@dataclass(frozen=True)
class StoreOutcome:
    status: str  # stored | duplicate | near-duplicate
    article_id: str
    near_duplicate_of: str | None = None
    similarity: float | None = None


@dataclass
class IngestReport:
    stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    candidate_events: int = 0
    not_about_any_agreement: int = 0  # candidate events stored, kept out of the queue
    incidents_proposed: int = 0
    reports_attached: int = 0
    no_date: int = 0
    #: articles of a language without a reader (or undetermined): stored, marked so, not read
    not_read: int = 0
    #: articles stored by an earlier run but not extracted then (--no-extract, or a crash)
    earlier_extracted: int = 0
    problems: list[Problem] = field(default_factory=list)
    #: every article read, in order: its origin and what storing it did
    outcomes: list[tuple[str, StoreOutcome]] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.problems)

    def as_dict(self) -> dict[str, Any]:
        return {
            "stored": self.stored,
            "duplicates": self.duplicates,
            "near_duplicates": self.near_duplicates,
            "candidate_events": self.candidate_events,
            "not_about_any_agreement": self.not_about_any_agreement,
            "incidents_proposed": self.incidents_proposed,
            "reports_attached": self.reports_attached,
            "without_publication_date": self.no_date,
            "not_read": self.not_read,
            "earlier_articles_extracted": self.earlier_extracted,
            "problems": [str(p) for p in self.problems],
        }


def near_duplicate(session: Session, signature: MinHash) -> tuple[str, float] | None:
    """The stored article this signature repeats (the most similar one above the threshold), or
    None: only articles sharing a band key are compared."""
    keys = dedup.band_keys([int(v) for v in signature.hashvalues])
    candidates = session.execute(
        select(Article.id, Article.minhash)
        .where(Article.id.in_(select(ArticleBand.article_id).where(ArticleBand.band_key.in_(keys))))
        .order_by(Article.received_at, Article.id)
    ).all()
    return dedup.best_match(signature, ((row.id, row.minhash) for row in candidates))


def publication(
    article: RawArticle, given: dt.date | None
) -> tuple[dt.datetime | None, PublishedSource]:
    """The publication moment and where it came from: given, metadata, found in the text, none."""
    if given is not None:
        return dt.datetime(given.year, given.month, given.day, tzinfo=dt.UTC), PublishedSource.GIVEN
    if article.published is not None:
        return article.published, PublishedSource.METADATA
    found = dates_module.find_publication_date(article.text)
    if found is not None:
        return dt.datetime(found.year, found.month, found.day, tzinfo=dt.UTC), PublishedSource.FOUND
    return None, PublishedSource.NONE


def _no_nul(text: str) -> str:
    return text.replace("\x00", "\ufffd")


def store_article(
    session: Session,
    *,
    article: RawArticle,
    source: str,
    published: dt.date | None,
    actor: str,
) -> StoreOutcome:
    """Keep one article as received; an identical one already stored is skipped."""
    digest = dedup.sha256(article.raw)
    existing = session.scalar(select(Article.id).where(Article.sha256 == digest))
    if existing is not None:
        return StoreOutcome("duplicate", existing)
    signature = dedup.signature(article.text)
    match = near_duplicate(session, signature)
    moment, where = publication(article, published)
    language = languages.detect(article.text)
    # the bytes stay as received; the text read from them carries no NUL, which PostgreSQL's
    # text columns cannot hold (the same on both stores)
    article = dataclasses.replace(
        article, text=_no_nul(article.text), title=article.title and _no_nul(article.title),
        url=article.url and _no_nul(article.url), origin=_no_nul(article.origin),
    )  # fmt: skip
    row = Article(
        id=uuid.uuid4().hex,
        sha256=digest,
        source=source,
        origin=article.origin,
        url=article.url,
        title=article.title,
        content_type=article.content_type,
        raw=article.raw,
        text=article.text,
        published=moment,
        published_source=where,
        received_by=actor,
        near_duplicate_of=match[0] if match else None,
        similarity=round(match[1], 3) if match else None,
        minhash=[int(v) for v in signature.hashvalues],
        language=language.code,
        language_confidence=language.confidence,
        encoding=article.encoding,
    )
    session.add(row)
    session.flush()
    session.add_all(
        ArticleBand(band_key=k, article_id=row.id) for k in set(dedup.band_keys(row.minhash))
    )
    emit(session, DomainEvent(
        name="article-received", actor=actor, object_type="article", object_id=row.id,
        payload={"sha256": digest, "source": source, "origin": article.origin,
                 "near_duplicate_of": row.near_duplicate_of, "published_source": str(where),
                 "language": language.code, "encoding": article.encoding},
    ))  # fmt: skip
    if match:
        return StoreOutcome("near-duplicate", row.id, match[0], match[1])
    return StoreOutcome("stored", row.id)


def _articles(paths: list[Path], report: IngestReport) -> Iterable[RawArticle]:
    for path in walk(paths):
        try:
            yield from read_path(path)
        except InvalidInputError as exc:
            report.problems.extend(exc.problems)


def _propose(actor: str) -> candidates_service.OnStored:
    def propose(session: Session, article_id: str, rows: list[CandidateEvent]) -> dict[str, int]:
        counts = proposals.propose_incidents(session, article_id=article_id, rows=rows, actor=actor)
        counts["unrelated"] = sum(1 for row in rows if not row.relevant)
        return counts

    return propose


def ingest_paths(
    engine: Engine,
    *,
    paths: list[Path],
    source: str,
    published: dt.date | None = None,
    actor: str = "ingest",
    extract: bool = True,
    batch_size: int = 64,
    processes: int | None = None,
    on_article: Callable[[str], None] | None = None,
) -> IngestReport:
    """Read every file under `paths` and ingest its articles (`ingest_articles`); a file that
    cannot be read is a problem in the report and the run goes on. When extracting, the
    articles an earlier run stored without extracting them are extracted too."""
    report = IngestReport()
    ingest_articles(
        engine, articles=_articles(paths, report), source=source, published=published,
        actor=actor, extract=extract, batch_size=batch_size, processes=processes,
        on_article=on_article, report=report,
    )  # fmt: skip
    if extract:
        extract_pending(
            engine, actor=actor, batch_size=batch_size, processes=processes, report=report
        )
    return report


def extract_pending(
    engine: Engine,
    *,
    actor: str = "ingest",
    batch_size: int = 64,
    processes: int | None = None,
    report: IngestReport | None = None,
) -> IngestReport:
    """Extract every stored article not extracted yet, a batch (one transaction) at a time, and
    propose its events as `ingest_articles` does; counted in `earlier_extracted`."""
    report = report if report is not None else IngestReport()
    while True:
        with transaction(engine) as session:
            items = candidates_service.pending(session, limit=batch_size)
        if not items:
            return report
        totals: dict[str, int] = {}
        report.candidate_events += candidates_service.extract_and_store(
            engine, items=items, actor=actor, on_stored=_propose(actor), totals=totals,
            processes=processes,
        )  # fmt: skip
        report.incidents_proposed += totals.get("proposed", 0)
        report.reports_attached += totals.get("attached", 0)
        report.not_read += totals.get("not_read", 0)
        report.earlier_extracted += len(items)


def ingest_articles(
    engine: Engine,
    *,
    articles: Iterable[RawArticle],
    source: str,
    published: dt.date | None = None,
    actor: str = "ingest",
    extract: bool = True,
    batch_size: int = 64,
    processes: int | None = None,
    on_article: Callable[[str], None] | None = None,
    report: IngestReport | None = None,
) -> IngestReport:
    """Store what is new of `articles`, extract candidate events from it and propose each as a
    candidate incident (or attach it to a matching one): see `proposals`. The CLI hands in the
    articles of files, the API those of one upload.

    Each article is its own transaction, so one that cannot be stored never costs the others;
    the report lists every problem with its file and line.
    """
    report = report if report is not None else IngestReport()
    pending: list[tuple[str, str, dt.date | None]] = []

    def flush() -> None:
        if pending and extract:
            totals: dict[str, int] = {}
            report.candidate_events += candidates_service.extract_and_store(
                engine,
                items=list(pending),
                actor=actor,
                on_stored=_propose(actor),
                totals=totals,
                processes=processes,
            )
            report.incidents_proposed += totals.get("proposed", 0)
            report.reports_attached += totals.get("attached", 0)
            report.not_about_any_agreement += totals.get("unrelated", 0)
            report.not_read += totals.get("not_read", 0)
        pending.clear()

    for article in articles:
        try:
            with transaction(engine) as session:
                outcome = store_article(session, article=article, source=source,
                                        published=published, actor=actor)  # fmt: skip
                if outcome.status != "duplicate":
                    row = session.get(Article, outcome.article_id)
                    assert row is not None
                    day = row.published.date() if row.published else None
                    if row.published_source == PublishedSource.NONE:
                        report.no_date += 1
                    pending.append((row.id, row.text, day))
        except Exception as exc:  # one bad article is reported, the run goes on
            report.problems.append(Problem(article.origin, 0, f"not stored: {exc}"))
            continue
        report.outcomes.append((article.origin, outcome))
        if outcome.status == "duplicate":
            report.duplicates += 1
        elif outcome.status == "near-duplicate":
            report.near_duplicates += 1
        else:
            report.stored += 1
        if on_article is not None:
            on_article(article.origin)
        if len(pending) >= batch_size:
            flush()
    flush()
    return report
