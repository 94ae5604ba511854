"""The news channel's routes, through the real app on both stores: who may, size limits, refused
files, duplicates, the bytes as received, filters; extraction with the real model (marked)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from ceasefire.app import create_app
from ceasefire.cli import app as cli_app
from ceasefire.settings import Settings
from tests.world import PASSWORD, USERS, World, make_world

STAFF = ("admin", "cohead-tur", "cohead-rus", "monitor-tur", "monitor-rus")
LIAISONS = ("liaison-arm", "liaison-aze")

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_77c0046b41c2e20f.txt"
if not SEED.exists():  # a worktree sits beside main: /work/<tree>/tests/api
    SEED = Path("/work/shared/seed/000_77c0046b41c2e20f.txt")

BODY = "Army enters district\n\nPublished: November 20, 2020\n\n" + " ".join(
    f"Paragraph {i} says that the units moved slowly along the mined mountain road and that "
    "residents watched the long column pass the old bridge near the village school."
    for i in range(12)
)
TEXT = {"content-type": "text/plain"}
STORE_ONLY = {"extract": "false"}


@pytest.fixture
def world(db_url: str) -> World:
    """Two monitors and an admin (every role: `test_who_may_use_the_news_channel`)."""
    return make_world(
        db_url, {name: USERS[name] for name in ("admin", "monitor-tur", "monitor-rus")}
    )


def upload(
    client: TestClient,
    body: bytes | str,
    *,
    headers: dict[str, str] | None = None,
    **params: str,
) -> Any:
    content = body.encode() if isinstance(body, str) else body
    return client.post(
        "/api/v1/articles",
        content=content,
        headers=headers if headers is not None else TEXT,
        params={**STORE_ONLY, **params},
    )


def test_who_may_use_the_news_channel(db_url: str) -> None:
    world = make_world(db_url)
    monitor = world.client("monitor-tur")
    stored = upload(monitor, BODY, filename="a.txt")
    assert stored.status_code == 201, stored.text
    article = stored.json()["articles"][0]["id"]
    reads = ["/api/v1/articles", f"/api/v1/articles/{article}", f"/api/v1/articles/{article}/raw"]
    wrong = []
    for name in (*STAFF, *LIAISONS, None):
        client = world.client(name)
        expected_read = 401 if name is None else 403 if name in LIAISONS else 200
        for path in reads:
            if (code := client.get(path).status_code) != expected_read:
                wrong.append(f"{name} GET {path}: {code} (expected {expected_read})")
        # a new article for each member of staff: 201; nobody else may upload
        body = BODY.replace("Paragraph 3", f"Paragraph 3 ({name})")
        expected_write = 401 if name is None else 403 if name in LIAISONS else 201
        if (code := upload(client, body, filename="b.txt").status_code) != expected_write:
            wrong.append(f"{name} POST /articles: {code} (expected {expected_write})")
        if name is None or name in LIAISONS:  # staff extract in test_extract_is_the_cli_json
            code = client.post("/api/v1/extract", content=b"Shelling.", headers=TEXT).status_code
            if code != expected_write:
                wrong.append(f"{name} POST /extract: {code} (expected {expected_write})")
    assert not wrong, "\n".join(wrong)
    total = monitor.get("/api/v1/articles").json()["total"]
    assert total == 1 + len(STAFF)  # what the others were refused left no trace


def test_cookie_sessions_need_the_csrf_token_bearer_tokens_do_not(world: World) -> None:
    client = world.client(None)
    answer = client.post("/api/v1/session", json={"name": "monitor-tur", "password": PASSWORD})
    client.cookies.set("ceasefire_session", answer.cookies["ceasefire_session"])
    assert upload(client, BODY, filename="a.txt").status_code == 403
    forged = upload(client, BODY, filename="a.txt", headers={**TEXT, "X-CSRF-Token": "forged"})
    assert forged.status_code == 403
    assert client.get("/api/v1/articles").json()["total"] == 0
    right = {**TEXT, "X-CSRF-Token": answer.cookies["ceasefire_csrf"]}
    assert upload(client, BODY, filename="a.txt", headers=right).status_code == 201
    assert client.post("/api/v1/extract", content=b"x", headers=TEXT).status_code == 403


def test_too_big_is_413_and_nothing_is_stored(world: World, db_url: str) -> None:
    small = Settings(database_url=db_url, development=False, secret_key="x" * 40,
                     max_upload_bytes=len(BODY) - 1)  # fmt: skip
    limited = World(create_app(small), world.tokens)
    client = limited.client("monitor-tur")
    assert upload(client, BODY, filename="a.txt").status_code == 413
    files = {"file": ("a.txt", BODY.encode(), "text/plain")}
    assert client.post("/api/v1/articles", files=files, params=STORE_ONLY).status_code == 413
    assert client.post("/api/v1/extract", content=BODY.encode(), headers=TEXT).status_code == 413
    assert upload(client, BODY[:100], filename="a.txt").status_code == 201  # under the limit
    assert client.get("/api/v1/articles").json()["total"] == 1


@pytest.mark.parametrize(
    ("filename", "body", "where"),
    [
        (
            "feed.jsonl",
            '{"text": "Shelling near Martuni on Monday, residents said."}\n{oops\n',
            [("feed.jsonl", 2)],
        ),
        ("story.pdf", "%PDF-1.4 not an article", [("story.pdf", 0)]),
        ("empty.txt", "   \n", [("empty.txt", 0)]),
    ],
)
def test_a_bad_file_is_422_naming_file_and_line_and_nothing_is_stored(
    world: World, filename: str, body: str, where: list[tuple[str, int]]
) -> None:
    client = world.client("monitor-tur")
    answer = upload(client, body, filename=filename, headers={})
    assert answer.status_code == 422, answer.text
    assert [(p["file"], p["line"]) for p in answer.json()["problems"]] == where
    assert client.get("/api/v1/articles").json()["total"] == 0


def test_an_identical_upload_is_a_duplicate_and_a_near_copy_is_linked(world: World) -> None:
    client = world.client("monitor-rus")
    first = upload(client, BODY, filename="a.txt")
    assert first.status_code == 201
    report = first.json()
    assert (report["stored"], report["duplicates"], report["near_duplicates"]) == (1, 0, 0)
    assert report["problems"] == []
    original = report["articles"][0]
    assert original["status"] == "stored" and original["origin"] == "a.txt"
    again = upload(client, BODY, filename="again.txt")
    assert again.status_code == 200
    assert (again.json()["stored"], again.json()["duplicates"]) == (0, 1)
    assert again.json()["articles"][0] == {**original, "origin": "again.txt", "status": "duplicate"}
    near = upload(client, BODY.replace("Paragraph 7", "Section 7"), filename="near.txt")
    assert near.status_code == 201 and near.json()["near_duplicates"] == 1
    linked = near.json()["articles"][0]
    assert linked["near_duplicate_of"] == original["id"] and linked["similarity"] >= 0.8
    detail = client.get(f"/api/v1/articles/{linked['id']}").json()
    assert detail["near_duplicate_of"] == original["id"]
    assert client.get("/api/v1/articles").json()["total"] == 2


@pytest.mark.parametrize(
    ("raw", "content_type", "filename"),
    [
        ("\ufeffCaf\xe9 shelled\r\n\r\nOn Monday at dawn.".encode(), "text/plain", None),
        ("Café shelled, Nov 2020.".encode("cp1252"), "text/plain; charset=windows-1252", None),
        (
            b"<!doctype html><html><body><p>Shots near Martuni on Monday.</p></body></html>",
            "text/html",
            "page",
        ),
        (b'{"url": "http://example.org/1", "text": "A patrol was stopped."}', "", "x.jsonl"),
    ],
)
def test_the_raw_bytes_come_back_byte_identical(
    world: World, raw: bytes, content_type: str, filename: str | None
) -> None:
    client = world.client("admin")
    params = {"filename": filename} if filename else {}
    answer = upload(client, raw, headers={"content-type": content_type}, **params)
    assert answer.status_code == 201, answer.text
    article = answer.json()["articles"][0]["id"]
    back = client.get(f"/api/v1/articles/{article}/raw")
    assert back.status_code == 200
    assert back.content == raw
    detail = client.get(f"/api/v1/articles/{article}").json()
    assert back.headers["content-type"] == detail["content_type"]  # no charset added
    assert detail["sha256"] == hashlib.sha256(raw).hexdigest() == back.headers["etag"].strip('"')
    assert detail["size"] == len(raw)
    assert back.headers["content-disposition"].startswith("attachment")
    assert "sandbox" in back.headers["content-security-policy"]


def test_a_multipart_upload_reads_the_file_part(world: World) -> None:
    client = world.client("monitor-tur")
    files = {"file": ("news/a.html", b"<p>Shots near Martuni on Monday.</p>", "text/html")}
    answer = client.post("/api/v1/articles", files=files, params={**STORE_ONLY, "source": "web"})
    assert answer.status_code == 201, answer.text
    (article,) = answer.json()["articles"]
    assert article["origin"] == "a.html"
    detail = client.get(f"/api/v1/articles/{article['id']}").json()
    assert detail["content_type"] == "text/html" and detail["source"] == "web"
    assert "Martuni" in detail["text"]
    no_file = client.post("/api/v1/articles", files={"other": ("a.txt", b"x")}, params=STORE_ONLY)
    assert no_file.status_code == 422 and "`file`" in no_file.json()["detail"]


def test_the_list_filters_and_pages(world: World) -> None:
    client = world.client("monitor-tur")
    for day, source in [("2020-11-10", "tass"), ("2020-11-12", "apa"), ("2020-11-14", "tass")]:
        body = f"Report of {day}\n\n" + BODY.replace("Published: November 20, 2020\n\n", "")
        body = body.replace("mined", f"mined ({day})")
        answer = upload(client, body, filename=f"{day}.txt", source=source, published=day)
        assert answer.status_code == 201, answer.text
    undated = "Undated note about a patrol near the bridge and the column of trucks."
    assert upload(client, undated, filename="undated.txt").status_code == 201

    def days(**params: Any) -> list[str | None]:
        page = client.get("/api/v1/articles", params=params).json()
        return [a["published"][:10] if a["published"] else None for a in page["items"]]

    assert days() == ["2020-11-14", "2020-11-12", "2020-11-10", None]  # newest first, undated last
    assert days(source="tass") == ["2020-11-14", "2020-11-10"]
    assert days(start="2020-11-11", end="2020-11-14") == ["2020-11-14", "2020-11-12"]
    assert days(end="2020-11-12") == ["2020-11-12", "2020-11-10"]
    assert days(start="2020-11-12T00:00:00Z", end="2020-11-12T00:00:00Z") == ["2020-11-12"]
    page = client.get("/api/v1/articles", params={"limit": 2, "offset": 1}).json()
    assert (page["total"], page["limit"], page["offset"]) == (4, 2, 1)
    assert [a["published"][:10] for a in page["items"]] == ["2020-11-12", "2020-11-10"]
    item = page["items"][0]
    assert item["published_source"] == "given" and item["source"] == "apa"
    assert item["received_by"] == "monitor-tur" and "text" not in item
    bad = client.get("/api/v1/articles", params={"start": "yesterday"})
    assert bad.status_code == 422 and bad.json()["detail"].startswith("start:")
    assert client.get("/api/v1/articles", params={"limit": 501}).status_code == 422


def test_where_the_publication_date_came_from(world: World) -> None:
    client = world.client("monitor-tur")
    found = upload(client, BODY, filename="a.txt").json()["articles"][0]["id"]
    detail = client.get(f"/api/v1/articles/{found}").json()
    assert (detail["published"][:10], detail["published_source"]) == ("2020-11-20", "found")
    assert detail["candidate_events"] == []  # stored only
    assert client.get("/api/v1/articles/nope").status_code == 404
    assert client.get("/api/v1/articles/nope/raw").status_code == 404


def test_every_route_is_in_the_openapi_document(world: World) -> None:
    paths = world.client(None).get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/articles", "/api/v1/articles/{article_id}",
                 "/api/v1/articles/{article_id}/raw", "/api/v1/extract"):  # fmt: skip
        assert path in paths
    assert "multipart/form-data" in paths["/api/v1/articles"]["post"]["requestBody"]["content"]


@pytest.mark.model
@pytest.mark.skipif(not SEED.exists(), reason="the seed article (../shared/seed/) is absent")
def test_the_seed_article_through_the_api_proposes_incidents(world: World) -> None:
    client = world.client("monitor-tur")
    raw = SEED.read_bytes()
    answer = client.post("/api/v1/articles", content=raw, headers=TEXT,
                         params={"filename": SEED.name, "source": "seed"})  # fmt: skip
    assert answer.status_code == 201, answer.text
    report = answer.json()
    assert report["stored"] == 1 and report["problems"] == []
    assert report["candidate_events"] >= 3
    assert report["incidents_proposed"] >= 1
    article = client.get(f"/api/v1/articles/{report['articles'][0]['id']}").json()
    assert (article["published"][:10], article["published_source"]) == ("2020-11-11", "found")
    events = article["candidate_events"]
    assert len(events) == report["candidate_events"]
    text = article["text"]
    for event in events:
        assert event["type"] and event["modality"]
        start, end = event["span"]
        assert text[start:end].strip() == event["sentence"]
    meeting = next(
        e
        for e in events
        if e["type"] == "diplomatic-meeting"
        and any(a["name"] == "Ilham Aliyev" for a in e["actors"] + e["targets"])
    )
    assert meeting["place"]["name"] == "Baku"
    assert meeting["date"] == {"value": "2020-11-10", "precision": "day"}
    proposed = [e for e in events if e["incident_id"] is not None]
    assert len({e["incident_id"] for e in proposed}) >= report["incidents_proposed"] >= 1
    incident = client.get(f"/api/v1/incidents/{proposed[0]['incident_id']}")
    assert incident.status_code == 200 and incident.json()["status"] == "candidate"
    again = client.post("/api/v1/articles", content=raw, headers=TEXT,
                        params={"filename": SEED.name})  # fmt: skip
    assert again.status_code == 200
    assert (again.json()["duplicates"], again.json()["candidate_events"]) == (1, 0)


@pytest.mark.model
@pytest.mark.skipif(not SEED.exists(), reason="the seed article (../shared/seed/) is absent")
def test_extract_is_the_cli_json_and_stores_nothing(world: World) -> None:
    cli = CliRunner().invoke(cli_app, ["extract", str(SEED), "--format", "json"])
    assert cli.exit_code == 0, cli.output
    expected = json.loads(cli.stdout)
    assert expected["events"]
    for name in STAFF[:1] + STAFF[-1:]:
        client = world.client(name)
        as_body = client.post("/api/v1/extract", content=SEED.read_bytes(), headers=TEXT)
        assert as_body.status_code == 200, as_body.text
        assert as_body.json() == expected
    files = {"file": (SEED.name, SEED.read_bytes(), "application/octet-stream")}
    as_file = world.client("monitor-rus").post("/api/v1/extract", files=files)
    assert as_file.json() == expected
    dated = world.client("admin").post(
        "/api/v1/extract", content=b"Shelling hit Martuni on Monday.", headers=TEXT,
        params={"published": "2020-11-11"},
    )  # fmt: skip
    assert dated.json()["published"] == "2020-11-11"
    assert world.client("admin").get("/api/v1/articles").json()["total"] == 0
    empty = world.client("admin").post("/api/v1/extract", content=b" ", headers=TEXT)
    assert empty.status_code == 422


@pytest.mark.model
def test_an_event_about_no_agreement_is_kept_and_a_monitor_can_promote_it(world: World) -> None:
    client = world.client("monitor-tur")
    text = "Clashes in Brisbane\n\nGunmen attacked a bus in Brisbane on 3 May 2021, police said.\n"
    report = upload(client, text, extract="true", published="2021-05-04").json()
    assert report["candidate_events"] >= 1 and report["incidents_proposed"] == 0
    assert report["not_about_any_agreement"] == report["candidate_events"]
    article = client.get(f"/api/v1/articles/{report['articles'][0]['id']}").json()
    event = article["candidate_events"][0]
    assert event["relevant"] is False
    assert event["relevance_reasons"] == ["not about any agreement"]
    path = f"/api/v1/candidate-events/{event['id']}/promote"
    assert world.client(None).post(path).status_code == 401
    answer = client.post(path)
    assert answer.status_code == 200, answer.text
    assert answer.json()["proposed"] == 1
    assert client.post(path).status_code == 409
    assert client.post("/api/v1/candidate-events/nope/promote").status_code == 404
    promoted = client.get(f"/api/v1/articles/{report['articles'][0]['id']}").json()
    assert promoted["candidate_events"][0]["relevant"] is True


def test_an_article_shows_its_language_encoding_and_whether_it_was_read(world: World) -> None:
    client = world.client("monitor-rus")
    # Georgian: detected (the center's sources carry it), and no reader reads it
    text = "თავდაცვის სამინისტრომ განაცხადა, რომ ცეცხლის შეწყვეტის რეჟიმი ორჯერ დაირღვა."
    answer = upload(client, text, extract="true")
    assert answer.status_code == 201, answer.text
    assert answer.json()["not_read"] == 1
    article = answer.json()["articles"][0]["id"]
    detail = client.get(f"/api/v1/articles/{article}").json()
    assert (detail["language"], detail["encoding"]) == ("ka", "utf-8")
    assert detail["language_confidence"] > 0.9
    assert detail["reading"] == "not read: no reader for ka"
    assert detail["candidate_events"] == []
    listed = client.get("/api/v1/articles").json()["items"][0]
    assert (listed["language"], listed["reading"]) == ("ka", "not read: no reader for ka")
    extracted = client.post("/api/v1/extract", content=text.encode("utf-16"), headers=TEXT)
    assert extracted.status_code == 200, extracted.text
    assert (extracted.json()["language"], extracted.json()["reading"]) == (
        "ka",
        "not read: no reader for ka",
    )


def test_an_upload_of_mojibake_is_refused_naming_it(world: World) -> None:
    client = world.client("admin")
    garbled = "Обстрел в Мартунинском районе".encode().decode("cp1251").encode()
    answer = upload(client, garbled, filename="bulletin.txt")
    assert answer.status_code == 422, answer.text
    assert "bulletin.txt" in answer.text and "mojibake" in answer.text
    assert client.get("/api/v1/articles").json()["total"] == 0  # nothing stored
