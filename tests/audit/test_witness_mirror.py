"""Witnesses and mirrors against a center served in-process: cosigning, refusing a rewritten or
forged log, never cosigning after a failure until cleared, and naming the first divergence."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from ceasefire import db as store
from ceasefire.accounts import service as accounts_service
from ceasefire.app import create_app
from ceasefire.audit import mirror, notes, witness
from ceasefire.audit import service as audit_service
from ceasefire.audit.events import DomainEvent
from ceasefire.cli import app
from ceasefire.settings import Settings
from tests.audit.rewrite import rewrite_consistently
from tests.world import load_default

ORIGIN = "center.test/audit"


class Center:
    def __init__(self, db_url: str, data_dir: Path) -> None:
        self.engine = store.make_engine(db_url)
        store.upgrade(self.engine)
        settings = Settings(
            database_url=db_url, secret_key="x" * 40, data_dir=data_dir, tlog_origin=ORIGIN
        )
        self.client = TestClient(create_app(settings))
        self.data_dir = data_dir
        self.tampered: dict[str, bytes] = {}
        with store.transaction(self.engine) as session:
            load_default(session)  # an account's party is checked against a loaded agreement
            accounts_service.create_user(
                session,
                name="mirror-tur",
                role="monitor",
                party="TUR",
                password="p" * 20,
                actor="test",
            )
            token = accounts_service.create_token(
                session, user_name="mirror-tur", actor="test"
            ).token
        self.client.headers["Authorization"] = f"Bearer {token}"
        self.add(3 - audit_service_head(self.engine))

    def add(self, count: int) -> None:
        """Entries up to `count` more (the users above made some already)."""
        with Session(self.engine) as session:
            head = audit_service.head(session).seq
            audit_service.record_events(
                session,
                [
                    DomainEvent(
                        "thing-made",
                        "tester",
                        "thing",
                        str(head + i),
                        {"name": f"thing {head + i}"},
                    )
                    for i in range(count)
                ],
            )
            session.commit()

    def fetch(self, path: str) -> bytes | None:
        if path in self.tampered:
            return self.tampered[path]
        response = self.client.get(f"/tlog/{path}")
        return response.content if response.status_code == 200 else None

    def hand_in(self, text: str) -> None:
        response = self.client.post(
            "/tlog/cosignature", content=text, headers={"Content-Type": "text/plain"}
        )
        assert response.status_code == 200, response.text

    @property
    def log_key(self) -> notes.Ed25519PublicKey:
        return notes.load_public_key(self.data_dir / "tlog.key")


def audit_service_head(engine: Engine) -> int:
    with Session(engine) as session:
        return audit_service.head(session).seq


@pytest.fixture
def center(db_url: str, tmp_path: Path) -> Center:
    made = Center(db_url, tmp_path / "center")
    made.client.get("/tlog/checkpoint")  # makes the log key
    return made


def _witness(center: Center, tmp_path: Path, party: str) -> Callable[[], notes.Note]:
    key_path = center.data_dir / "witnesses" / f"{party}.key"
    key = notes.generate_key(key_path)
    state = tmp_path / f"{party}.state.json"

    def run() -> notes.Note:
        return witness.witness_once(
            center.fetch,
            state_path=state,
            key=key,
            name=party,
            origin=ORIGIN,
            log_key=center.log_key,
            hand_in=center.hand_in,
        )

    return run


def test_witnesses_cosign_then_refuse_a_rewrite_until_cleared(
    center: Center, tmp_path: Path
) -> None:
    tur, rus = _witness(center, tmp_path, "TUR"), _witness(center, tmp_path, "RUS")
    assert tur().checkpoint.size == 3
    center.add(300)
    assert tur().checkpoint.size == 303
    assert rus().checkpoint.size == 303
    served = notes.parse(center.client.get("/tlog/checkpoint").text)
    for party in ("TUR", "RUS"):
        public = notes.load_public_key(center.data_dir / "witnesses" / f"{party}.pub")
        notes.verify_cosignature(served, name=party, public=public)
    rewrite_consistently(center.engine, seq=2, change={"name": "another thing"})
    center.add(1)
    for run in (tur, rus):
        with pytest.raises(witness.WitnessRefusalError, match="not an extension") as refused:
            run()
        assert refused.value.alarm
    center.add(1)
    with pytest.raises(witness.WitnessRefusalError, match="cosigns nothing until a person"):
        tur()
    key = notes.load_private_key(center.data_dir / "witnesses" / "TUR.key")
    witness.clear(tmp_path / "TUR.state.json", key=key, origin=ORIGIN, by="officer", reason="seen")
    with pytest.raises(witness.WitnessRefusalError, match="not an extension"):
        tur()


def test_a_fork_at_the_same_size_is_refused(center: Center, tmp_path: Path) -> None:
    tur = _witness(center, tmp_path, "TUR")
    tur()
    rewrite_consistently(center.engine, seq=3, change={"name": "forked"})
    with pytest.raises(witness.WitnessRefusalError, match="fork: two checkpoints of size 3"):
        tur()


def test_a_forged_checkpoint_and_an_edited_state_are_refused(
    center: Center, tmp_path: Path
) -> None:
    tur = _witness(center, tmp_path, "TUR")
    tur()
    center.add(2)
    note = notes.parse(center.client.get("/tlog/checkpoint").text)
    forged = notes.sign(note.checkpoint, name=ORIGIN, key=notes.Ed25519PrivateKey.generate())
    center.tampered["checkpoint"] = forged.text.encode()
    with pytest.raises(witness.WitnessRefusalError, match="forged or malformed checkpoint"):
        tur()
    state = tmp_path / "TUR.state.json"
    document = json.loads(state.read_text())
    document["failure"] = None
    state.write_text(json.dumps(document))
    with pytest.raises(witness.WitnessRefusalError, match="not as this witness signed it"):
        tur()


def test_a_tile_of_the_wrong_length_is_refused(center: Center, tmp_path: Path) -> None:
    tur = _witness(center, tmp_path, "TUR")
    tur()
    center.add(2)
    center.tampered["tile/0/000.p/5"] = b"\x00" * 31
    with pytest.raises(witness.WitnessRefusalError, match="has 31 bytes"):
        tur()


def _mirror_engine(tmp_path: Path, name: str) -> Engine:
    engine = store.make_engine(f"sqlite:///{tmp_path / name}.db")
    store.upgrade(engine)
    return engine


def _sync(center: Center, engine: Engine) -> mirror.SyncResult:
    return mirror.sync(lambda: Session(engine), center.fetch, origin=ORIGIN, log_key=center.log_key)


def test_a_mirror_copies_resumes_and_names_the_first_divergence(
    center: Center, tmp_path: Path
) -> None:
    engine = _mirror_engine(tmp_path, "mirror")
    assert _sync(center, engine).after == 3
    center.add(600)
    result = _sync(center, engine)
    assert (result.before, result.after) == (3, 603)
    with Session(engine) as session:
        assert audit_service.verify(session).count == 603
    rewrite_consistently(center.engine, seq=300, change={"name": "rewritten"})
    center.add(1)
    with pytest.raises(mirror.MirrorError) as failed:
        _sync(center, engine)
    divergence = failed.value.divergence
    assert divergence is not None
    assert (divergence.seq, divergence.object_id, divergence.field) == (300, "299", "payload.name")
    assert '"rewritten"' in divergence.center and '"thing 299"' in divergence.mirror


def test_a_truncated_bundle_is_named(center: Center, tmp_path: Path) -> None:
    engine = _mirror_engine(tmp_path, "mirror")
    good = center.fetch("tile/entries/000.p/3")
    assert good is not None
    center.tampered["tile/entries/000.p/3"] = good[:-5]
    with pytest.raises(
        mirror.MirrorError,
        match=r"tile/entries/000.p/3: the entry bundle is truncated inside entry 2",
    ):
        _sync(center, engine)


def test_a_mirror_rebuilds_the_centers_rows(center: Center, tmp_path: Path) -> None:
    engine = _mirror_engine(tmp_path, "mirror")
    _sync(center, engine)
    result = CliRunner().invoke(
        app, ["audit", "state", "--table", "users", "--db", str(engine.url)]
    )
    assert result.exit_code == 0, result.output
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["values"]["name"] == "mirror-tur"
    assert set(row["values"]["password_hash"]) == {"sha256"}  # no secret leaves the center
