"""`audit verify` over 1,000,000 entries on SQLite, against a naive verifier in the same run.

Set BENCH_AUDIT_POSTGRES (a PostgreSQL URL whose user may create databases, e.g.
postgresql+psycopg://postgres@127.0.0.1:5432/test) to run it on PostgreSQL as well, and
BENCH_AUDIT_ENTRIES / BENCH_AUDIT_SLICE to change the sizes.

The naive baseline is how one would first write it: read the entries one query at a time and
hash each with json.dumps(sort_keys=True). It is timed over a slice and scaled to the whole
record (it would take minutes in full); the slice size is printed with the result."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from bench.common import Result
from ceasefire import db as store
from ceasefire.audit import chain
from ceasefire.audit import service as audit_service
from ceasefire.audit.models import AuditEntry

ENTRIES = int(os.environ.get("BENCH_AUDIT_ENTRIES", "1000000"))
SLICE = int(os.environ.get("BENCH_AUDIT_SLICE", "50000"))
START = 1_607_700_000.0  # 2020-12-11, one entry a second


def _rows(count: int) -> list[dict[str, object]]:
    import datetime as dt

    def items() -> object:
        for i in range(count):
            moment = dt.datetime.fromtimestamp(START + i, dt.UTC)
            yield (
                chain.format_time(moment),
                ("monitor-tur", "monitor-rus", "cohead-tur", "cohead-rus")[i % 4],
                ("incident-created", "assessment-recorded", "finding-changed")[i % 3],
                "incident",
                str(i // 3),
                json.dumps(
                    {"party": "TUR", "verdict": "confirmed", "version": i % 5},
                    separators=(",", ":"),
                    sort_keys=True,
                ),
            )

    rows = []
    for i, entry in enumerate(chain.build_chain(items())):  # type: ignore[arg-type]
        rows.append(
            {
                "seq": entry.seq,
                "time": dt.datetime.fromtimestamp(START + i, dt.UTC),
                "actor": entry.actor,
                "action": entry.action,
                "object_type": entry.object_type,
                "object_id": entry.object_id,
                "payload": entry.payload,
                "payload_hash": entry.payload_hash,
                "prev_hash": entry.prev_hash,
                "hash": entry.hash,
            }
        )
    return rows


def _naive_verify(engine: object, count: int) -> None:
    """One SELECT per entry, json.dumps(sort_keys=True) per entry."""
    prev = chain.GENESIS_HASH
    with engine.connect() as connection:  # type: ignore[attr-defined]
        for seq in range(1, count + 1):
            row = (
                connection.execute(
                    text("SELECT * FROM audit_entries WHERE seq = :seq"), {"seq": seq}
                )
                .mappings()
                .one()
            )
            moment = row["time"]
            document = {
                "seq": row["seq"],
                "time": moment if isinstance(moment, str) else str(moment),
                "actor": row["actor"],
                "action": row["action"],
                "object_type": row["object_type"],
                "object_id": row["object_id"],
                "payload_hash": hashlib.sha256(row["payload"].encode()).hexdigest(),
                "prev_hash": row["prev_hash"],
            }
            hashlib.sha256(
                json.dumps(
                    document, sort_keys=True, separators=(",", ":"), ensure_ascii=False
                ).encode()
            ).hexdigest()
            if row["prev_hash"] != prev:
                raise AssertionError(f"broken link at {seq}")
            prev = row["hash"]


def _measure(url: str, label: str, size_note: str = "") -> Result:
    engine = store.make_engine(url)
    store.upgrade(engine)
    started = time.perf_counter()
    rows = _rows(ENTRIES)
    with engine.begin() as connection:
        for i in range(0, len(rows), 50_000):
            connection.execute(insert(AuditEntry), rows[i : i + 50_000])
    del rows
    build_s = time.perf_counter() - started

    started = time.perf_counter()
    with store.transaction(engine) as session:
        verdict = audit_service.verify(session)
    ours_s = time.perf_counter() - started
    if not verdict.ok or verdict.count != ENTRIES:
        raise AssertionError(f"the built record does not verify: {verdict}")

    slice_size = min(SLICE, ENTRIES)
    started = time.perf_counter()
    _naive_verify(engine, slice_size)
    naive_s = (time.perf_counter() - started) * ENTRIES / slice_size
    engine.dispose()
    return Result(
        f"audit verify, {ENTRIES:,} entries ({label})",
        ours_s,
        naive_s,
        f"naive ({slice_size:,} scaled)",
        f"{ENTRIES / ours_s:,.0f} entries/s; built in {build_s:.0f} s{size_note}",
    )


def run() -> list[Result]:
    results = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "audit.db"
        result = _measure(f"sqlite:///{path}", "SQLite")
        size = f", {path.stat().st_size / 1e6:.0f} MB"
        results.append(dataclasses.replace(result, note=result.note + size))
    admin_url = os.environ.get("BENCH_AUDIT_POSTGRES")
    if admin_url:
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        name = f"cf_bench_audit_{os.getpid()}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
            results.append(_measure(url, "PostgreSQL"))
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    return results
