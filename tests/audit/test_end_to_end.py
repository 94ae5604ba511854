"""The record every monitoring party holds, end to end over loopback HTTP: the center's server,
two witnesses (TUR and RUS, each its own key and state file) and two mirrors (each its own
store). New incidents are cosigned by both; then the center's database is rewritten
consistently behind the server's back (an entry changed, every hash after it and the tree
recomputed) and the server restarted: both witnesses refuse, both mirrors name the entry."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from ceasefire import db as store
from ceasefire.app import create_app
from ceasefire.audit import notes
from ceasefire.audit.models import AuditEntry
from ceasefire.cli import app
from ceasefire.settings import Settings
from tests.audit.rewrite import rewrite_consistently
from tests.world import incident_body, make_world

runner = CliRunner()
ORIGIN = "center.test/audit"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def serving(settings: Settings, port: int) -> Iterator[str]:
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout + result.stderr


def test_witnesses_and_mirrors_catch_a_consistent_rewrite(db_url: str, tmp_path: Path) -> None:
    world = make_world(db_url)
    center_dir = tmp_path / "center"
    settings = Settings(
        database_url=db_url, secret_key="x" * 40, data_dir=center_dir, tlog_origin=ORIGIN
    )
    parties = {}
    for party in ("TUR", "RUS"):
        own = tmp_path / party
        notes.generate_key(own / f"{party}.key")
        (center_dir / "witnesses").mkdir(parents=True, exist_ok=True)
        (center_dir / "witnesses" / f"{party}.pub").write_bytes((own / f"{party}.pub").read_bytes())
        parties[party] = own
    port = _free_port()
    token = world.tokens["monitor-tur"]

    def witness(party: str, url: str) -> tuple[int, str]:
        own = parties[party]
        return _cli(
            "witness", "run", f"{url}/tlog", "--key", str(own / f"{party}.key"),
            "--state", str(own / "witness.json"), "--log-key", str(center_dir / "tlog.pub"),
            "--origin", ORIGIN,
        )  # fmt: skip

    def mirror(party: str, url: str) -> tuple[int, str]:
        return _cli(
            "mirror", f"{url}/tlog", "--log-key", str(center_dir / "tlog.pub"), "--origin", ORIGIN,
            "--db", f"sqlite:///{parties[party] / 'mirror.db'}", "--token", token,
        )  # fmt: skip

    with serving(settings, port) as url:
        headers = {"Authorization": f"Bearer {token}"}
        httpx.get(f"{url}/tlog/checkpoint")  # the log key is made on first use
        for party in parties:
            code, output = witness(party, url)
            assert code == 0, output
            code, output = mirror(party, url)
            assert code == 0, output
        for n in range(3):
            body = incident_body(summary=f"Fire exchanged, report {n}.")
            answer = httpx.post(f"{url}/api/v1/incidents", json=body, headers=headers)
            assert answer.status_code == 201, answer.text
        for party in parties:
            code, output = witness(party, url)
            assert code == 0, output
            code, output = mirror(party, url)
            assert code == 0, output
            assert "6 new" in output  # a report and an incident each
        served = notes.parse(httpx.get(f"{url}/tlog/checkpoint").text)
        for party, own in parties.items():
            notes.verify_cosignature(
                served, name=party, public=notes.load_public_key(own / f"{party}.pub")
            )
        size = served.checkpoint.size

    engine = store.make_engine(db_url)
    with Session(engine) as session:
        target = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == "incident-created")
            .order_by(AuditEntry.seq)
        ).first()
        assert target is not None
        seq, incident_id = target.seq, target.object_id
    rewrite_consistently(engine, seq=seq, change={"type": "no-incident"})
    engine.dispose()

    with serving(settings, port) as url:
        answer = httpx.post(f"{url}/api/v1/incidents", json=incident_body(), headers=headers)
        assert answer.status_code == 201, answer.text
        assert notes.parse(httpx.get(f"{url}/tlog/checkpoint").text).checkpoint.size > size
        for party in parties:
            code, output = witness(party, url)
            assert code == 2, output
            assert "ALARM" in output and f"not an extension of the log of size {size}" in output
            code, output = witness(party, url)  # and it stays refused
            assert code == 2 and "cosigns nothing until a person" in output
            code, output = mirror(party, url)
            assert code == 2, output
            assert f"diverges at entry {seq} (incident {incident_id}): field payload.type" in output
        state = json.loads((parties["TUR"] / "witness.json").read_text())
        assert state["size"] == size and state["failure"] is not None
