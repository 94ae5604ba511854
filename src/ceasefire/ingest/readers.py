"""Reading articles from files: plain text, HTML (trafilatura), JSON Lines, RSS/Atom, folders.

Pure of the store: every reader yields `RawArticle`s with the bytes as received, so the caller
can hash and keep them unchanged.
"""

from __future__ import annotations

import datetime as dt
import json
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath

import feedparser
import trafilatura
from dateutil import parser as dateparser
from dateutil.parser import UnknownTimezoneWarning
from lxml import etree  # type: ignore[import-untyped]
from lxml import html as lxml_html

from ceasefire.errors import InvalidInputError, Problem
from ceasefire.ingest.decoding import canonical, check_text, decode

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class RawArticle:
    """One article as received: `raw` bytes kept unchanged, `text` the readable main text."""

    origin: str  # file path, with `#line` or `#entry` for articles inside a file
    raw: bytes
    text: str
    content_type: str  # text/plain, text/html, application/jsonl; a feed entry: application/json
    url: str | None = None
    title: str | None = None
    published: dt.datetime | None = None
    encoding: str = "utf-8"  # what `raw` was decoded from (ingest/decoding.py)


def html_text(html: str) -> tuple[str, str | None, dt.datetime | None]:
    """Main text, title and date of an HTML page (trafilatura; boilerplate left out)."""
    extracted = None
    if len(html) > 200:  # a fragment has no page around it for trafilatura to strip
        extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if extracted is None:
        return _plain(html), None, None
    text = getattr(extracted, "text", None) or ""
    title = getattr(extracted, "title", None)
    date = getattr(extracted, "date", None)
    published = None
    if date:
        try:
            published = dt.datetime.fromisoformat(str(date)).replace(tzinfo=dt.UTC)
        except ValueError:
            published = None
    if title and text and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return text, title, published


def _plain(html: str) -> str:
    """The text of an HTML fragment, paragraphs kept apart."""
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, TypeError, etree.ParserError):  # e.g. only whitespace or a comment
        return ""
    for block in tree.iter("p", "br", "div", "li", "h1", "h2", "h3"):
        block.tail = "\n\n" + (block.tail or "")
    return "\n".join(line.strip() for line in tree.text_content().splitlines()).strip()


def article_text(raw: bytes, name: str) -> str:
    """The readable text of one article file (HTML reduced to its main text). Raises
    InvalidInputError naming `name` when its bytes cannot be decoded cleanly."""
    text = decode(raw, name).text
    if Path(name).suffix.lower() in HTML_SUFFIXES or text.lstrip()[:15].lower().startswith(
        ("<!doctype html", "<html")
    ):
        main, _, _ = html_text(text)
        return main
    return text


def _parse_moment(value: object) -> dt.datetime | None:
    if not value:
        return None
    try:
        # a zone abbreviation dateutil cannot place ("MSK") is read as no zone: said here once,
        # not as a library warning on the user's terminal
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UnknownTimezoneWarning)
            moment = dateparser.parse(str(value))
    except (ValueError, OverflowError):
        return None
    if moment is None:
        return None
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def read_path(path: Path) -> Iterator[RawArticle]:
    """The articles of one file (several for JSON Lines and feeds). Raises InvalidInputError."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InvalidInputError([Problem(str(path), 0, f"larger than {MAX_BYTES} bytes")])
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidInputError(
            [Problem(str(path), 0, f"cannot read: {exc.strerror or exc}")]
        ) from exc
    yield from read_bytes(str(path), raw)


def read_bytes(name: str, raw: bytes) -> Iterator[RawArticle]:
    """The articles of one file's bytes, its kind told by the suffix of `name` (see `upload_name`
    for a name from a content type). Raises InvalidInputError naming `name` and the line."""
    suffix = PurePath(name).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(name, raw)
    elif suffix in FEED_SUFFIXES or raw.lstrip()[:200].lower().find(b"<rss") >= 0:
        yield from read_feed(name, raw)
    elif suffix in HTML_SUFFIXES:
        decoded = decode(raw, name)
        text, title, published = html_text(decoded.text)
        if not text.strip():
            raise InvalidInputError([Problem(name, 0, "no article text found in the HTML")])
        yield RawArticle(name, raw, text, "text/html", None, title, published, decoded.encoding)
    elif suffix in TEXT_SUFFIXES:
        decoded = decode(raw, name)
        if not decoded.text.strip():
            raise InvalidInputError([Problem(name, 0, "the file is empty")])
        yield RawArticle(name, raw, decoded.text, "text/plain", encoding=decoded.encoding)
    else:
        raise InvalidInputError(
            [
                Problem(
                    name,
                    0,
                    f"unknown kind of file {suffix or '(no suffix)'}: expected "
                    f"{', '.join(sorted(SUFFIXES))}",
                )
            ]
        )


#: Media types of uploads and the suffix that makes a reader take them.
MEDIA_SUFFIXES = {
    "text/plain": ".txt",
    "text/markdown": ".txt",
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/jsonl": ".jsonl",
    "application/x-jsonlines": ".jsonl",
    "application/x-ndjson": ".jsonl",
    "application/ndjson": ".jsonl",
    "application/rss+xml": ".xml",
    "application/atom+xml": ".xml",
    "application/xml": ".xml",
    "text/xml": ".xml",
}


def upload_name(filename: str | None, content_type: str | None) -> str:
    """The name an uploaded file is read (and reported) by: its own base name when that has a
    suffix we read, else that name (or `upload`) with the suffix of its media type. A name whose
    suffix we do not read and a media type we do not know stay as they are, to be refused."""
    base = PurePath((filename or "").replace("\\", "/")).name.strip() or "upload"
    if PurePath(base).suffix.lower() in SUFFIXES:
        return base
    media = (content_type or "").split(";")[0].strip().lower()
    suffix = MEDIA_SUFFIXES.get(media)
    return f"{base}{suffix}" if suffix else base


def read_jsonl(name: str, raw: bytes) -> Iterator[RawArticle]:
    """`{url, title, published, text | html}` a line; a bad line is a problem, the rest go on."""
    problems: list[Problem] = []
    decoded = decode(raw, name)
    # a line is kept in the file's own encoding (its bytes as received); one with a byte-order
    # mark has no bytes of its own per line, and is kept in UTF-8
    line_encoding = "utf-8" if decoded.encoding.startswith("utf") else decoded.encoding
    for number, line in enumerate(decoded.text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise ValueError("a line must be a JSON object")
        except ValueError as exc:
            problems.append(Problem(name, number, f"not a JSON object: {exc}"))
            continue
        text = item.get("text")
        content_type = "application/jsonl"
        title = item.get("title")
        published = _parse_moment(item.get("published"))
        if not text and item.get("html"):
            text, html_title, html_date = html_text(str(item["html"]))
            title = title or html_title
            published = published or html_date
        if not text or not str(text).strip():
            problems.append(Problem(name, number, "needs a 'text' or an 'html' field"))
            continue
        text = str(text)
        if title and not text.lstrip().startswith(str(title)):
            text = f"{title}\n\n{text}"
        try:
            check_text(name, number, text)
        except InvalidInputError as exc:
            problems.extend(exc.problems)
            continue
        yield RawArticle(f"{name}#{number}", line.encode(line_encoding), text, content_type,
                         item.get("url"), title, published, decoded.encoding)  # fmt: skip
    if problems:
        raise InvalidInputError(problems)


def read_feed(name: str, raw: bytes) -> Iterator[RawArticle]:
    """Entries of an RSS or Atom feed; an entry's HTML content is reduced to its text."""
    feed = feedparser.parse(raw)
    if feed.bozo and not feed.entries:
        raise InvalidInputError([Problem(name, 0, f"not a readable feed: {feed.bozo_exception}")])
    for number, entry in enumerate(feed.entries, 1):
        content = ""
        if entry.get("content"):
            content = entry["content"][0].get("value", "")
        content = content or entry.get("summary", "")
        text, _, _ = html_text(content) if "<" in content else (content, None, None)
        text = text or content
        title = entry.get("title")
        if title and not text.startswith(title):
            text = f"{title}\n\n{text}"
        published = _parse_moment(entry.get("published") or entry.get("updated"))
        check_text(f"{name}#{number}", 0, text)
        item_raw = json.dumps({k: entry.get(k) for k in ("id", "link", "title", "published", "summary")}
                              | {"content": content}, ensure_ascii=False, default=str).encode()  # fmt: skip
        yield RawArticle(f"{name}#{number}", item_raw, text, "application/json",
                         entry.get("link"), title, published,
                         canonical(str(feed.get("encoding") or "utf-8")))  # fmt: skip


def walk(paths: list[Path]) -> Iterator[Path]:
    """Files under `paths` (folders recursively, hidden files skipped), in a stable order."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(
                    part.startswith(".") for part in child.relative_to(path).parts
                ):
                    yield child
        else:
            yield path
