"""What is kept as received or as judged refuses being changed in place, on both stores: raw
reports, assessments, co-head decisions, complaint texts and articles refuse UPDATE, DELETE and
TRUNCATE by trigger, like the audit record; the columns that move on by design still do."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from ceasefire import db as store
from ceasefire.ingest.readers import RawArticle
from ceasefire.ingest.service import ingest_articles
from tests.world import incident_body, make_world

#: (table, SQL that changes its first row, refused?)
CASES = [
    ("reports", "UPDATE reports SET content = content || content", True),
    ("reports", "UPDATE reports SET reporter = 'someone else'", True),
    ("reports", "DELETE FROM reports", True),
    ("assessments", "UPDATE assessments SET verdict = 'not-confirmed'", True),
    ("assessments", "UPDATE assessments SET rationale = 'rewritten'", True),
    ("assessments", "DELETE FROM assessments", True),
    ("co_head_decisions", "UPDATE co_head_decisions SET verdict = 'confirmed'", True),
    ("co_head_decisions", "DELETE FROM co_head_decisions", True),
    ("complaints", "UPDATE complaints SET description = 'nothing happened'", True),
    ("complaints", "UPDATE complaints SET party = 'AZE'", True),
    ("complaints", "UPDATE complaints SET filed_by = 'x'", True),
    ("complaints", "DELETE FROM complaints", True),
    ("complaints", "UPDATE complaints SET status = 'under-review'", False),  # its life cycle
    ("complaints", "UPDATE complaints SET answer = 'first answer'", False),  # written once
    ("articles", "UPDATE articles SET raw = raw || raw", True),
    ("articles", "UPDATE articles SET text = 'other words'", True),
    ("articles", "UPDATE articles SET published = NULL", True),
    ("articles", "UPDATE articles SET similarity = 1.0", True),
    ("articles", "DELETE FROM articles", True),
    ("articles", "UPDATE articles SET extracted_at = NULL", False),  # the extraction marker
]


def _world(db_url: str) -> Engine:
    """One row in every guarded table, written through the services."""
    world = make_world(db_url)
    tur, rus = world.client("monitor-tur"), world.client("monitor-rus")
    incident = tur.post("/api/v1/incidents", json=incident_body()).json()["id"]
    for client, verdict in ((tur, "confirmed"), (rus, "not-confirmed")):
        answer = client.post(
            f"/api/v1/incidents/{incident}/assessments",
            json={"verdict": verdict, "rationale": "what we saw"},
        )
        assert answer.status_code == 201, answer.text
    decision = world.client("cohead-tur").post(
        f"/api/v1/incidents/{incident}/decisions",
        json={"verdict": "not-confirmed", "rationale": "on reflection"},
    )
    assert decision.status_code == 201, decision.text
    complaint = world.client("liaison-arm").post(
        "/api/v1/complaints", json={"occurred": "2020-12-11", "place": "P", "description": "D"}
    )
    assert complaint.status_code == 201, complaint.text
    engine = store.make_engine(db_url)
    article = RawArticle(origin="a.txt", raw=b"words", text="words", content_type="text/plain")
    ingest_articles(engine, articles=[article], source="test", extract=False)
    return engine


def _rows(engine: Engine, table: str) -> list[tuple[object, ...]]:
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(text(f"SELECT * FROM {table}"))]


def _refusal(engine: Engine, statement: str) -> str | None:
    """The store's refusal of `statement`, or None when it was done."""
    try:
        with engine.begin() as connection:
            connection.execute(text(statement))
    except DBAPIError as exc:
        return str(exc.orig)
    return None


def test_every_append_only_table_refuses_changes_in_place(db_url: str) -> None:
    engine = _world(db_url)
    wrong = []
    for table, statement, refused in CASES:
        before = _rows(engine, table)
        assert before, table
        answered = _refusal(engine, statement)
        if (answered is not None) != refused:
            wrong.append(f"{statement}: {answered or 'done'}")
        elif answered is not None and "kept" not in answered:
            wrong.append(f"{statement}: refused for another reason: {answered}")
        if refused:
            assert _rows(engine, table) == before, statement
    assert not wrong, "\n".join(wrong)
    engine.dispose()


def test_a_complaints_answer_once_given_is_kept(db_url: str) -> None:
    engine = _world(db_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE complaints SET answer = 'the answer'"))
    with pytest.raises(DBAPIError, match="kept"), engine.begin() as connection:
        connection.execute(text("UPDATE complaints SET answer = 'another answer'"))
    with engine.begin() as connection:  # the rest of its life cycle goes on
        connection.execute(text("UPDATE complaints SET status = 'answered'"))
    engine.dispose()


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
@pytest.mark.parametrize(
    "table", ["reports", "assessments", "co_head_decisions", "complaints", "articles"]
)
def test_truncate_is_refused_on_postgresql(db_url: str, table: str) -> None:
    engine = _world(db_url)
    with pytest.raises(DBAPIError, match="TRUNCATE refused"), engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {table} CASCADE"))
    assert _rows(engine, table)
    engine.dispose()
