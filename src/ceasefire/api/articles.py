"""Routes of the news channel: upload articles, read them back, extract without storing."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request, Response
from pydantic import JsonValue
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ceasefire.accounts import permissions
from ceasefire.agreements.timeref import query_window
from ceasefire.extraction import languages
from ceasefire.http.auth import CurrentUser
from ceasefire.http.deps import EngineDep, SessionDep, own_transactions
from ceasefire.ingest import articles as articles_service
from ceasefire.ingest import proposals
from ceasefire.ingest.readers import article_text, upload_name
from ceasefire.ingest.schemas import ArticleDetail, ArticlePage, IngestReportPublic

router = APIRouter(tags=["news"])

# One extraction at a time per process: the spaCy model is shared (loaded once) and single-
# threaded, and two uploads of one article at once would race to store it.
_one_at_a_time = threading.Lock()

_FILE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "The file as the body (its kind from `filename` or the Content-Type), "
        "or a multipart form with the file in the part `file`.",
        "content": {
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}},
            "application/jsonl": {"schema": {"type": "string"}},
            "application/rss+xml": {"schema": {"type": "string"}},
            "application/atom+xml": {"schema": {"type": "string"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            },
        },
    }
}

FilenameQuery = Annotated[
    str | None,
    Query(
        max_length=300,
        description="Name of the file (its suffix says how to read it: .txt, .html, .jsonl, "
        ".rss/.atom/.xml); else the Content-Type says.",
    ),
]
PublishedQuery = Annotated[
    dt.date | None,
    Query(description="Publication date when the article carries none (YYYY-MM-DD)."),
]


async def _upload(request: Request, filename: str | None) -> tuple[str, bytes]:
    """The uploaded file's name (with a suffix we read, where one can be told) and its bytes."""
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        form = await request.form()
        part = form.get("file")
        if not isinstance(part, UploadFile):
            raise HTTPException(422, "a multipart body needs the file in a part named `file`")
        raw = await part.read()
        return upload_name(part.filename or filename, part.content_type), raw
    raw = await request.body()
    return upload_name(filename, content_type), raw


@router.post(
    "/articles",
    openapi_extra=_FILE_BODY,
    responses={
        201: {
            "description": "Something was stored.",
            "model": IngestReportPublic,
        },
        200: {"description": "Nothing new was stored (every article was known)."},
    },
)
@own_transactions  # stored article by article; the extraction holds no write lock
async def upload_article(
    request: Request,
    response: Response,
    user: CurrentUser,
    engine: EngineDep,
    filename: FilenameQuery = None,
    source: Annotated[
        str, Query(min_length=1, max_length=200, description="Channel the file came from.")
    ] = "news",
    published: PublishedQuery = None,
    extract: Annotated[
        bool, Query(description="false: store the articles only, extract later.")
    ] = True,
) -> IngestReportPublic:
    """Store the articles of one file as received (identical ones skipped, near-duplicates
    linked), extract their events and propose them as candidate incidents. A file with a bad
    line is refused whole (422, `problems`); 201 when anything was stored, else 200."""
    articles_service.require_ingester(user)
    name, raw = await _upload(request, filename)

    def ingest() -> IngestReportPublic:
        with _one_at_a_time:
            report = articles_service.ingest_upload(
                engine, name=name, raw=raw, source=source, published=published, user=user,
                extract=extract,
            )  # fmt: skip
        return articles_service.report_public(report)

    answer = await run_in_threadpool(ingest)
    response.status_code = 201 if answer.stored or answer.near_duplicates else 200
    return answer


@router.get("/articles")
def list_articles(
    session: SessionDep,
    user: CurrentUser,
    source: str | None = None,
    start: Annotated[
        str | None, Query(description="Published on or after this date or datetime (UTC).")
    ] = None,
    end: Annotated[
        str | None, Query(description="Published until this date (inclusive) or datetime (UTC).")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=articles_service.MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> ArticlePage:
    """Stored articles matching the filters, newest publication first, one page at a time."""
    articles_service.require_reader(user)
    try:
        begin, before = query_window(start, end)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    flt = articles_service.ArticleFilter(source=source, start=begin, before=before)
    rows, total = articles_service.list_articles(
        session, user=user, flt=flt, limit=limit, offset=offset
    )
    return ArticlePage(
        items=[articles_service.to_public(row) for row in rows],
        total=total,
        limit=limit,
        offset=offset,
    )


@router.get("/articles/{article_id}")
def get_article(article_id: str, session: SessionDep, user: CurrentUser) -> ArticleDetail:
    """One article: its metadata, hash, near-duplicate link, publication date and where that came
    from, its readable text, and the candidate events found in it."""
    article = articles_service.get_article(session, article_id=article_id, user=user)
    return articles_service.to_detail(session, article)


@router.get(
    "/articles/{article_id}/raw",
    response_class=Response,
    responses={200: {"description": "The bytes as received.", "content": {"*/*": {}}}},
)
def get_raw_article(article_id: str, session: SessionDep, user: CurrentUser) -> Response:
    """The article's bytes exactly as received, with its content type, as a download."""
    article = articles_service.get_article(session, article_id=article_id, user=user)
    headers = {
        # set by hand: given as media_type, a text/* type would get a charset the bytes may lack
        "Content-Type": article.content_type,
        "Content-Disposition": f'attachment; filename="article-{article.id}"',
        "ETag": f'"{article.sha256}"',
        # received HTML is somebody else's page: never run it as one of ours
        "Content-Security-Policy": "default-src 'none'; sandbox",
    }
    return Response(article.raw, headers=headers)


@router.post("/candidate-events/{candidate_id}/promote")
def promote_candidate_event(
    candidate_id: str, session: SessionDep, user: CurrentUser
) -> dict[str, int]:
    """Put a candidate event stored as "not about any agreement" in the queue after all (a
    monitor's call): it is marked relevant and proposed like any other; answers the counts of
    incidents proposed and attached. 409 when it was relevant already."""
    articles_service.require_ingester(user)
    return proposals.promote_candidate(session, candidate_id=candidate_id, actor=user.name)


@router.post("/extract", openapi_extra=_FILE_BODY)
@own_transactions  # writes nothing
async def extract(
    request: Request,
    user: CurrentUser,
    filename: FilenameQuery = None,
    published: PublishedQuery = None,
) -> dict[str, JsonValue]:
    """What the extraction finds in one article, stored nowhere: the same object as `ceasefire
    extract --format json` (language, reading, title, published, places, actors, events, quotes,
    boilerplate): read by the reader of the article's language, or "not read"."""
    permissions.require(permissions.is_monitoring_staff(user), "extract events")
    name, raw = await _upload(request, filename)
    if not raw.strip():
        raise HTTPException(422, "the body is empty: send the article's text or file")

    def run() -> dict[str, JsonValue]:
        with _one_at_a_time:
            return languages.read(article_text(raw, name), published).as_json()

    return await run_in_threadpool(run)
