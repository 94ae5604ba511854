"""The transparency log at 1,000,000 entries on SQLite: verifying the chain and the tree against a
bare read of the entry rows plus one SHA-256 each; an inclusion and a consistency proof from the
stored tiles against rehashing the leaves; a mirror's first sync over loopback HTTP and its
incremental sync of 1,000 new entries, with their rates, against fetching the same bundles bare.

BENCH_TLOG_ENTRIES changes the size (e.g. 100000 for a quick look)."""

from __future__ import annotations

import hashlib
import os
import random
import socket
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn
from sqlalchemy import String, insert, select, type_coerce
from sqlalchemy.orm import Session

from bench.bench_audit import _rows
from bench.common import Result
from ceasefire import db as store
from ceasefire import scenarios
from ceasefire.accounts import service as accounts_service
from ceasefire.agreements import service as agreements_service
from ceasefire.app import create_app
from ceasefire.audit import chain, log, merkle, mirror, notes, tiles
from ceasefire.audit import service as audit_service
from ceasefire.audit.events import DomainEvent
from ceasefire.audit.models import AuditEntry
from ceasefire.settings import Settings

ENTRIES = int(os.environ.get("BENCH_TLOG_ENTRIES", "1000000"))
NEW = 1_000
ORIGIN = "bench.invalid/audit"


def _bare_read_and_hash(session: Session) -> int:
    """The floor: stream every entry row and SHA-256 its fields once."""
    t = AuditEntry.__table__
    count = 0
    result = session.connection().execute(
        select(t.c.seq, type_coerce(t.c.time, String), *list(t.c)[2:]).execution_options(
            yield_per=20_000
        )
    )
    for row in result:
        hashlib.sha256("\x00".join(map(str, row)).encode()).digest()
        count += 1
    return count


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _fill(url: str) -> float:
    engine = store.make_engine(url)
    store.upgrade(engine)
    rows = _rows(ENTRIES)
    with engine.begin() as connection:
        for i in range(0, len(rows), 50_000):
            connection.execute(insert(AuditEntry), rows[i : i + 50_000])
    del rows
    started = time.perf_counter()
    with store.transaction(engine) as session:
        log.sync(session)
    engine.dispose()
    return time.perf_counter() - started


def run() -> list[Result]:
    results = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        url = f"sqlite:///{root / 'center.db'}"
        tiles_s = _fill(url)
        engine = store.make_engine(url)

        with store.transaction(engine) as session:
            started = time.perf_counter()
            _bare_read_and_hash(session)
            bare_s = time.perf_counter() - started
            started = time.perf_counter()
            verdict = audit_service.verify(session)
            chain_s = time.perf_counter() - started
            started = time.perf_counter()
            verdict, tree_problem = audit_service.verify_with_tree(session)
            both_s = time.perf_counter() - started
        assert verdict.ok, verdict
        assert tree_problem is None, tree_problem
        results.append(
            Result(
                f"verify chain and tree, {ENTRIES:,} entries",
                both_s,
                bare_s,
                "bare read + SHA-256",
                f"one pass; the chain alone {chain_s:.1f} s; tiles built in {tiles_s:.1f} s",
            )
        )

        rng = random.Random(15)
        with store.transaction(engine) as session:
            leaves = [merkle.leaf_hash(d) for d in _all_leaves(session)]
            started = time.perf_counter()
            merkle.root(leaves)
            rehash_s = time.perf_counter() - started
            samples = 100
            started = time.perf_counter()
            for _ in range(samples):
                index = rng.randrange(ENTRIES)
                proof = log.inclusion_proof(session, index=index, at=ENTRIES)
            inclusion_s = (time.perf_counter() - started) / samples
            top = merkle.root(leaves)
            merkle.verify_inclusion(index, ENTRIES, leaves[index], proof, top)
            started = time.perf_counter()
            for _ in range(samples):
                old = rng.randrange(1, ENTRIES)
                proof = log.consistency_proof(session, old=old, new=ENTRIES)
            consistency_s = (time.perf_counter() - started) / samples
            merkle.verify_consistency(old, ENTRIES, proof, merkle.root(leaves[:old]), top)
        del leaves
        results.append(
            Result(
                f"inclusion proof at {ENTRIES:,}",
                inclusion_s,
                rehash_s,
                "rehash all leaves",
                "mean of 100, tiles",
            )
        )
        results.append(
            Result(
                f"consistency proof at {ENTRIES:,}",
                consistency_s,
                rehash_s,
                "rehash all leaves",
                "mean of 100, tiles",
            )
        )

        with store.transaction(engine) as session:
            # an account's party is checked against a loaded agreement's monitoring parties
            agreements_service.load_file(
                session, path=scenarios.agreement_file(scenarios.DEFAULT), actor="bench"
            )
            accounts_service.create_user(
                session,
                name="mirror",
                role="monitor",
                party="TUR",
                password="p" * 20,
                actor="bench",
            )
            token = accounts_service.create_token(session, user_name="mirror", actor="bench").token
        settings = Settings(
            database_url=url, secret_key="x" * 40, data_dir=root, tlog_origin=ORIGIN
        )
        port = _free_port()
        server = uvicorn.Server(
            uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}/tlog"
        client = httpx.Client(timeout=120, headers={"Authorization": f"Bearer {token}"})

        def fetch(path: str) -> bytes | None:
            response = client.get(f"{base}/{path}")
            return response.content if response.status_code == 200 else None

        try:
            checkpoint_text = fetch("checkpoint")
            assert checkpoint_text is not None
            size = notes.parse(checkpoint_text.decode()).checkpoint.size
            started = time.perf_counter()
            for index in range((size + tiles.WIDTH - 1) // tiles.WIDTH):
                name = tiles.TileName(None, index, tiles.tile_width(0, index, size))
                fetch(name.path)
            bare_fetch_s = time.perf_counter() - started

            log_key = notes.load_public_key(root / "tlog.key")
            mirror_engine = store.make_engine(f"sqlite:///{root / 'mirror.db'}")
            store.upgrade(mirror_engine)
            started = time.perf_counter()
            first = mirror.sync(
                lambda: Session(mirror_engine), fetch, origin=ORIGIN, log_key=log_key
            )
            first_s = time.perf_counter() - started
            results.append(
                Result(
                    f"mirror first sync, {first.after:,} entries",
                    first_s,
                    bare_fetch_s,
                    "fetch the bundles bare",
                    f"{first.after / first_s:,.0f} entries/s over loopback HTTP",
                )
            )
            with store.transaction(engine) as session:
                audit_service.record_events(
                    session,
                    [
                        DomainEvent("thing-made", "bench", "thing", str(i), {"n": i})
                        for i in range(NEW)
                    ],
                )
            started = time.perf_counter()
            again = mirror.sync(
                lambda: Session(mirror_engine), fetch, origin=ORIGIN, log_key=log_key
            )
            again_s = time.perf_counter() - started
            added = again.after - again.before
            results.append(
                Result(
                    f"mirror incremental sync, {added:,} new",
                    again_s,
                    first_s * added / first.after,
                    "first sync's rate",
                    f"{added / again_s:,.0f} entries/s",
                )
            )
            mirror_engine.dispose()
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            engine.dispose()
    return results


def _all_leaves(session: Session) -> list[bytes]:
    return [chain.leaf_data(e) for e in audit_service.iter_entries(session)]
