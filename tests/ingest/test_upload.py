"""An uploaded file, before any store: the name it is read by, its articles, and the window of
a publication filter. No store, no model."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasefire.agreements.timeref import query_window
from ceasefire.errors import InvalidInputError
from ceasefire.ingest.articles import read_upload
from ceasefire.ingest.readers import upload_name


@pytest.mark.parametrize(
    ("filename", "content_type", "expected"),
    [
        ("a.txt", None, "a.txt"),
        ("a.txt", "text/html", "a.txt"),  # the name's own suffix wins
        ("dir/sub/b.HTML", None, "b.HTML"),  # only the base name is kept
        ("C:\\feeds\\c.rss", None, "c.rss"),
        ("../../etc/passwd", "text/plain", "passwd.txt"),
        (None, "text/plain; charset=windows-1252", "upload.txt"),
        (None, "text/html", "upload.html"),
        (None, "application/x-ndjson", "upload.jsonl"),
        (None, "application/atom+xml", "upload.xml"),
        ("story", "TEXT/PLAIN", "story.txt"),
        ("story.pdf", "application/pdf", "story.pdf"),  # refused later, by its own name
        (None, None, "upload"),
        ("", "", "upload"),
    ],
)
def test_upload_name(filename: str | None, content_type: str | None, expected: str) -> None:
    assert upload_name(filename, content_type) == expected


def test_a_file_with_one_bad_line_is_refused_whole_naming_the_line() -> None:
    raw = b'{"text": "Shelling near Martuni on Monday."}\n{not json\n\n{"title": "no text"}\n'
    with pytest.raises(InvalidInputError) as caught:
        read_upload("feed.jsonl", raw)
    assert [(p.file, p.line) for p in caught.value.problems] == [
        ("feed.jsonl", 2),
        ("feed.jsonl", 4),
    ]


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("upload", b"some text", "unknown kind of file (no suffix)"),
        ("a.txt", b"  \n", "the file is empty"),
        ("a.pdf", b"%PDF-1.4", "unknown kind of file .pdf"),
    ],
)
def test_unreadable_uploads_are_refused(name: str, raw: bytes, message: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        read_upload(name, raw)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == (name, 0)
    assert problem.message.startswith(message)


def test_the_bytes_are_kept_as_received() -> None:
    raw = "\ufeffCaf\xe9 shelled\r\n\r\nOn Monday.".encode()
    (article,) = read_upload("a.txt", raw)
    assert article.raw == raw
    assert article.origin == "a.txt"


UTC = dt.UTC


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (None, None, (None, None)),
        ("2020-11-10", None, (dt.datetime(2020, 11, 10, tzinfo=UTC), None)),
        (None, "2020-11-10", (None, dt.datetime(2020, 11, 11, tzinfo=UTC))),  # the day included
        (None, "2020-11", (None, dt.datetime(2020, 12, 1, tzinfo=UTC))),
        (
            "2020-11-10T06:00:00+04:00",
            "2020-11-10T12:00:00Z",
            (
                dt.datetime(2020, 11, 10, 2, tzinfo=UTC),
                dt.datetime(2020, 11, 10, 12, 0, 0, 1, tzinfo=UTC),  # the instant included
            ),
        ),
    ],
)
def test_published_window(
    start: str | None, end: str | None, expected: tuple[dt.datetime | None, dt.datetime | None]
) -> None:
    assert query_window(start, end) == expected


@pytest.mark.parametrize(("start", "end", "name"), [("soon", None, "start"), (None, "x", "end")])
def test_published_window_names_the_bad_parameter(
    start: str | None, end: str | None, name: str
) -> None:
    with pytest.raises(ValueError, match=f"^{name}: malformed date"):
        query_window(start, end)
