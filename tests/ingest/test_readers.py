"""Reading articles from files of every kind we accept: no store, no model."""

from __future__ import annotations

import datetime as dt
import json
import warnings
from pathlib import Path

import pytest

from ceasefire.errors import InvalidInputError
from ceasefire.ingest import dedup
from ceasefire.ingest.readers import read_path, walk

HTML = """<!doctype html><html><head><title>Peacekeepers arrive</title>
<meta property="article:published_time" content="2020-11-12T08:00:00Z"></head><body>
<nav>Home | World | Share on Facebook</nav>
<article><h1>Peacekeepers arrive</h1>
<p>Russian peacekeepers arrived in Stepanakert on Thursday, the defence ministry said, after a
long drive along the mountain road from Goris through the Lachin corridor.</p>
<p>The column of armoured vehicles was greeted by residents who had stayed in the city during
the weeks of fighting, and the first observation posts were set up the same evening.</p>
</article><footer>Copyright 2020. All rights reserved.</footer></body></html>"""

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>
<item><title>Army enters Aghdam</title><link>http://example.org/1</link>
<pubDate>Fri, 20 Nov 2020 09:00:00 GMT</pubDate>
<description>Azerbaijani army units entered the Aghdam district on Friday.</description></item>
<item><title>Second</title><link>http://example.org/2</link>
<description>Another item about the corridor.</description></item>
</channel></rss>"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_plain_text_is_kept_as_received(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Title\n\nBody text.\n")
    (article,) = read_path(path)
    assert article.raw == path.read_bytes()
    assert article.text == "Title\n\nBody text.\n"


def test_html_main_text_without_navigation(tmp_path: Path) -> None:
    (article,) = read_path(write(tmp_path, "a.html", HTML))
    assert "Stepanakert" in article.text
    assert "Share on Facebook" not in article.text
    assert article.raw == HTML.encode()
    assert article.published == dt.datetime(2020, 11, 12, tzinfo=dt.UTC)


def test_json_lines_good_lines_read_bad_lines_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.jsonl",
        '{"url": "u1", "title": "T1", "published": "2020-11-20", "text": "Army entered Aghdam."}\n'
        "not json\n"
        '{"url": "u3", "html": "<p>Units entered the Kalbajar district over mined roads today.</p>"}\n'
        '{"url": "u4"}\n',
    )
    read: list[str] = []

    def consume() -> None:
        read.extend(article.url or "" for article in read_path(path))

    with pytest.raises(InvalidInputError) as caught:
        consume()
    assert read == ["u1", "u3"]
    assert [p.line for p in caught.value.problems] == [2, 4]


def test_feed_entries(tmp_path: Path) -> None:
    articles = list(read_path(write(tmp_path, "a.rss", RSS)))
    assert [a.title for a in articles] == ["Army enters Aghdam", "Second"]
    assert articles[0].published == dt.datetime(2020, 11, 20, 9, tzinfo=dt.UTC)
    assert articles[1].published is None
    # an entry has no bytes of its own in the feed: it is kept as the JSON of what was read
    kept = json.loads(articles[0].raw)
    assert (articles[0].content_type, kept["title"]) == ("application/json", "Army enters Aghdam")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.bin", b"\x00\x01", "unknown kind of file"),
        ("empty.txt", b"", "empty"),
    ],
)
def test_unreadable_files_say_why(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        list(read_path(write(tmp_path, name, content)))
    assert message in str(caught.value)
    assert name in str(caught.value)


def test_folders_are_walked_recursively_hidden_skipped(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "x")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "b.txt", "y")
    write(tmp_path, ".hidden.txt", "z")
    assert [p.name for p in walk([tmp_path])] == ["a.txt", "b.txt"]


def test_near_duplicates_found_and_different_articles_not() -> None:
    base = " ".join(f"word{i}" for i in range(300))
    stored = [("a", [int(v) for v in dedup.signature(base).hashvalues])]
    edited = dedup.signature(base.replace("word150", "changed"))
    match = dedup.best_match(edited, stored)
    assert match is not None
    assert match[0] == "a"
    assert match[1] > 0.8
    # an edited copy shares at least one band with the original: it is found through the index
    assert set(dedup.band_keys(stored[0][1])) & set(dedup.band_keys(list(edited.hashvalues)))
    other = dedup.signature(" ".join(f"other{i}" for i in range(300)))
    assert dedup.best_match(other, stored) is None
    assert not set(dedup.band_keys(stored[0][1])) & set(dedup.band_keys(list(other.hashvalues)))


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (list(range(64)), "0:"),  # keys name their band
        ([2**32 - 1] * 64, "4:"),
    ],
)
def test_band_keys_one_per_band(values: list[int], expected: str) -> None:
    keys = dedup.band_keys(values)
    assert len(keys) == dedup.BANDS and keys[0].startswith("0:") and keys[-1].startswith("4:")
    assert any(k.startswith(expected) for k in keys)
    assert dedup.band_keys(values) == keys  # stable: stored keys must be found again
    changed = [*values[:11], *(v + 1 for v in values[11:])]
    assert dedup.band_keys(changed)[0] == keys[0] and dedup.band_keys(changed)[1:] != keys[1:]


def test_a_zone_dateutil_cannot_place_warns_nobody(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "z.jsonl",
        '{"url": "u1", "published": "12 Dec 2020 10:00 MSK", "text": "Units entered Aghdam."}\n',
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        (article,) = read_path(path)
    assert article.published == dt.datetime(2020, 12, 12, 10, tzinfo=dt.UTC)
