"""The audit record on both stores: every event becomes an entry in the same transaction, and
`audit verify` catches rows edited, deleted, inserted or reordered by raw SQL."""

from __future__ import annotations

import itertools
import json
import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from ceasefire import db as store
from ceasefire import scenarios
from ceasefire.agreements import service as agreements_service
from ceasefire.agreements.document import parse_agreement
from ceasefire.audit import chain
from ceasefire.audit import service as audit_service
from ceasefire.audit.chain import Checkpoint, Tampering
from ceasefire.audit.events import DomainEvent, emit
from ceasefire.audit.models import AuditEntry
from ceasefire.cli import app

runner = CliRunner()


def append(engine: Engine, count: int, *, actor: str = "monitor-tur", start: int = 0) -> None:
    for i in range(start, start + count):
        with store.transaction(engine) as session:
            emit(session, DomainEvent("incident-created", actor, "incident", str(i), {"i": i}))


def entries(engine: Engine) -> list[AuditEntry]:
    with store.transaction(engine) as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))


def unguard(engine: Engine) -> None:
    """What someone tampering has to do first: drop the append-only triggers."""
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("DROP TRIGGER audit_entries_append_only ON audit_entries"))
        else:
            connection.execute(text("DROP TRIGGER audit_entries_append_only_update"))
            connection.execute(text("DROP TRIGGER audit_entries_append_only_delete"))


def raw(engine: Engine, *statements: str, **params: object) -> None:
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement), params)


def audit(db_url: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["audit", *args, "--db", db_url])
    return result.exit_code, result.output


def test_loading_an_agreement_makes_an_entry(db_url: str, engine: Engine) -> None:
    document = parse_agreement(
        scenarios.agreement_file(scenarios.DEFAULT).read_bytes(), scenarios.DEFAULT
    )
    with store.transaction(engine) as session:
        agreements_service.store_document(
            session, document=document, source_name="test", actor="init"
        )
    [entry] = entries(engine)
    assert (entry.seq, entry.action, entry.actor, entry.object_type, entry.object_id) == (
        1,
        "agreement-loaded",
        "init",
        "agreement",
        scenarios.DEFAULT,
    )
    payload = json.loads(entry.payload)
    assert payload.pop("state")[0]["key"] == {"id": scenarios.DEFAULT}  # the row, for --state
    assert payload == {"sha256": document.sha256, "source": "test"}
    assert entry.prev_hash == chain.GENESIS_HASH
    code, output = audit(db_url, "checkpoint")
    assert code == 0, output
    checkpoint = json.loads(output)
    assert checkpoint["parties"] == {
        party: {"seq": 1, "hash": entry.hash} for party in ("RUS", "TUR")
    }


def test_change_and_entry_commit_together_or_not_at_all(engine: Engine) -> None:
    document = parse_agreement(
        scenarios.agreement_file(scenarios.DEFAULT).read_bytes(), scenarios.DEFAULT
    )

    def change_then_fail() -> None:
        with store.transaction(engine) as session:
            agreements_service.store_document(session, document=document, source_name="test")
            raise RuntimeError("the change fails after the event was emitted")

    with pytest.raises(RuntimeError):
        change_then_fail()
    with store.transaction(engine) as session:
        assert agreements_service.list_agreements(session) == []
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 0


def test_a_failing_audit_append_undoes_the_change(engine: Engine) -> None:
    document = parse_agreement(
        scenarios.agreement_file(scenarios.DEFAULT).read_bytes(), scenarios.DEFAULT
    )

    def change_with_unrecordable_event() -> None:
        with store.transaction(engine) as session:
            agreements_service.store_document(session, document=document, source_name="test")
            # An event that cannot become an entry (no actor): the whole commit fails.
            emit(session, DomainEvent("incident-created", None, "incident", "1", {}))  # type: ignore[arg-type]

    with pytest.raises(TypeError):
        change_with_unrecordable_event()
    with store.transaction(engine) as session:
        assert agreements_service.list_agreements(session) == []
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 0


def test_entries_chain_across_transactions_and_payloads_are_canonical(engine: Engine) -> None:
    append(engine, 3)
    with store.transaction(engine) as session:
        for name in ("assessment-recorded", "finding-changed"):
            emit(
                session,
                DomainEvent(name, "monitor-rus", "incident", "7", {"b": [1, 2.5], "a": "Ağdam"}),
            )
    rows = entries(engine)
    assert [r.seq for r in rows] == [1, 2, 3, 4, 5]
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(rows))
    assert rows[-1].payload == '{"a":"Ağdam","b":[1,2.5]}'
    assert [r.time for r in rows] == sorted(r.time for r in rows)
    with store.transaction(engine) as session:
        verdict = audit_service.verify(session)
        assert verdict.ok
        assert (verdict.count, verdict.head_hash) == (5, rows[-1].hash)
        assert audit_service.head(session).hash == rows[-1].hash


def test_entries_cannot_be_changed_by_accident(engine: Engine) -> None:
    append(engine, 2)
    for statement in (
        "UPDATE audit_entries SET actor = 'x' WHERE seq = 1",
        "DELETE FROM audit_entries WHERE seq = 2",
    ):
        with pytest.raises(DBAPIError, match="append-only"):
            raw(engine, statement)
    assert len(entries(engine)) == 2


def test_verify_prints_count_and_head(db_url: str, engine: Engine) -> None:
    append(engine, 4)
    head = entries(engine)[-1]
    code, output = audit(db_url, "verify")
    assert code == 0, output
    assert "4 entries" in output
    assert head.hash in output


def _swap(a: int, b: int) -> tuple[str, ...]:
    return (
        f"UPDATE audit_entries SET seq = -1 WHERE seq = {a}",
        f"UPDATE audit_entries SET seq = {a} WHERE seq = {b}",
        f"UPDATE audit_entries SET seq = {b} WHERE seq = -1",
    )


SHIFT_FROM_5 = (
    "UPDATE audit_entries SET seq = -(seq + 1) WHERE seq >= 5",
    "UPDATE audit_entries SET seq = -seq WHERE seq < 0",
)


@pytest.mark.parametrize(
    ("statements", "seq", "kind"),
    [
        (("UPDATE audit_entries SET actor = 'someone-else' WHERE seq = 5",), 5, "edited"),
        (
            ("UPDATE audit_entries SET payload = replace(payload, '4', '7') WHERE seq = 5",),
            5,
            "edited",
        ),
        (("DELETE FROM audit_entries WHERE seq = 5",), 5, "deleted"),
        (_swap(5, 6), 5, "reordered"),
        (_swap(3, 8), 3, "reordered"),
        (SHIFT_FROM_5, 5, "inserted"),  # and then the forged row goes in: see the test
    ],
    ids=["edited", "payload-edited", "deleted", "reordered", "reordered-far", "inserted"],
)
def test_raw_sql_tampering_is_caught(
    db_url: str, engine: Engine, statements: tuple[str, ...], seq: int, kind: str
) -> None:
    append(engine, 10)
    unguard(engine)
    raw(engine, *statements)
    if kind == "inserted":
        before = entries(engine)[3]
        assert before.seq == 4
        fake = chain.make_entry(
            seq=5,
            time=chain.format_time(before.time),
            actor="intruder",
            action="finding-changed",
            object_type="incident",
            object_id="3",
            payload="{}",
            prev_hash=before.hash,
        )
        raw(
            engine,
            "INSERT INTO audit_entries (seq, time, actor, action, object_type, object_id, "
            "payload, payload_hash, prev_hash, hash) VALUES (:seq, :time, :actor, :action, "
            ":object_type, :object_id, :payload, :payload_hash, :prev_hash, :hash)",
            seq=fake.seq,
            time=before.time
            if engine.dialect.name == "postgresql"
            else before.time.replace(tzinfo=None),
            actor=fake.actor,
            action=fake.action,
            object_type=fake.object_type,
            object_id=fake.object_id,
            payload=fake.payload,
            payload_hash=fake.payload_hash,
            prev_hash=fake.prev_hash,
            hash=fake.hash,
        )
    with store.transaction(engine) as session:
        verdict = audit_service.verify(session)
    assert verdict.problem is not None
    assert (verdict.problem.seq, verdict.problem.kind) == (seq, Tampering(kind))
    code, output = audit(db_url, "verify")
    assert code == 1
    assert f"first bad entry {seq} ({kind})" in output


def test_truncation_is_caught_against_a_checkpoint(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    append(engine, 6)
    kept = tmp_path / "checkpoint.json"
    code, output = audit(db_url, "checkpoint", "--out", str(kept))
    assert code == 0, output
    data = json.loads(kept.read_text())
    assert data["seq"] == 6
    append(engine, 2, start=6)
    assert audit(db_url, "verify", "--checkpoint", str(kept))[0] == 0
    assert audit(db_url, "verify", "--checkpoint", f"6:{data['hash']}")[0] == 0
    unguard(engine)
    raw(engine, "DELETE FROM audit_entries WHERE seq >= 5")
    code, output = audit(db_url, "verify")  # the tree kept beside the chain still holds 8
    assert code == 1
    assert "the Merkle tree holds 8 entries, the record 4" in output
    raw(engine, "DELETE FROM audit_tiles")  # who cuts the record off drops the tree too:
    assert audit(db_url, "verify")[0] == 0  # then only a checkpoint can tell
    for checkpoint in (str(kept), f"6:{data['hash']}", data["hash"]):
        code, output = audit(db_url, "verify", "--checkpoint", checkpoint)
        assert code == 1
        assert "(truncated)" in output
    with store.transaction(engine) as session:
        verdict = audit_service.verify(session, checkpoint=Checkpoint(6, data["hash"]))
    assert verdict.problem is not None
    assert (verdict.problem.seq, verdict.problem.kind) == (5, Tampering.truncated)


def test_a_bad_checkpoint_argument_is_explained(db_url: str, engine: Engine) -> None:
    append(engine, 1)
    code, output = audit(db_url, "verify", "--checkpoint", "12:not-a-hash")
    assert code == 1
    assert "64 hex digits" in output


def test_log_lists_recent_entries(db_url: str, engine: Engine) -> None:
    append(engine, 3)
    code, output = audit(db_url, "log", "--limit", "2", "--format", "json")
    assert code == 0, output
    data = json.loads(output)
    assert [d["seq"] for d in data] == [3, 2]
    assert data[0]["payload"] == {"i": 2}


def test_concurrent_writers_never_fork_the_chain(engine: Engine) -> None:
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            append(engine, 8, actor=f"writer-{n}", start=n * 100)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with store.transaction(engine) as session:
        verdict = audit_service.verify(session)
    assert verdict.ok, verdict.problem
    assert verdict.count == 32


def test_a_rolled_back_savepoint_drops_only_its_own_events(engine: Engine) -> None:
    def event(name: str) -> DomainEvent:
        return DomainEvent("incident-created", "monitor-tur", "incident", name, {})

    def refused(session: Session) -> None:
        with session.begin_nested():
            emit(session, event("inside-refused"))
            raise ValueError("refused")

    with store.transaction(engine) as session:
        emit(session, event("before"))
        with pytest.raises(ValueError, match="refused"):
            refused(session)
        with session.begin_nested():
            emit(session, event("inside-kept"))
        emit(session, event("after"))
    assert [e.object_id for e in entries(engine)] == ["before", "inside-kept", "after"]
    with store.transaction(engine) as session:
        assert audit_service.verify(session).ok


def test_events_raised_while_flushing_are_recorded(engine: Engine) -> None:
    from sqlalchemy import event as sa_event

    from ceasefire.incidents.models import Report

    def on_flush(session: Session, _context: object, _instances: object) -> None:
        if session.info.pop("test_emit_on_flush", False):
            emit(session, DomainEvent("report-checked", "hook", "report", "flushed", {}))

    sa_event.listen(Session, "before_flush", on_flush)
    try:
        with store.transaction(engine) as session:
            session.add(Report(channel="monitor", reporter="t", content=b"x", sha256="0" * 64))
            session.info["test_emit_on_flush"] = True
            emit(session, DomainEvent("report-received", "t", "report", "first", {}))
    finally:
        sa_event.remove(Session, "before_flush", on_flush)
    assert [e.object_id for e in entries(engine)] == ["first", "flushed"]
