"""Import of 100,000 ACLED-format rows and export of them, against bare baselines in the same run,
on SQLite and (with BENCH_INCIDENTS_POSTGRES set to a URL whose user may create databases, e.g.
postgresql+psycopg://postgres@127.0.0.1:5432/test) on PostgreSQL.

- import: ours (decode, parse every date form, check every row, map actors, look up source ids,
  store, keep the file) vs the bare `csv` module plus `executemany` of the same rows into a plain
  table of the same store;
- export: ours (streamed ACLED CSV in the agreement's days, every column, cells neutralised) vs a
  bare SELECT of the same columns written by `csv.writer`.

Each measured run is a child process, so its peak memory (RSS) is its own; it is printed with
the result. Rows are synthetic (not real events). BENCH_ROWS overrides the count.
"""

from __future__ import annotations

import csv
import io
import multiprocessing
import os
import resource
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.common import Result
from ceasefire import db as store
from ceasefire import scenarios
from ceasefire.agreements import service as agreements_service
from ceasefire.agreements.document import parse_agreement
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents import transfer
from ceasefire.incidents.formats import ImportFormat

ROWS = int(os.environ.get("BENCH_ROWS", "100000"))
POSTGRES = os.environ.get("BENCH_INCIDENTS_POSTGRES", "")
HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,"
    "region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags,timestamp\n"
)
BARE_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "source",
    "notes",
    "fatalities",
    "timestamp",
)


def synthetic(rows: int) -> str:
    """ACLED-format rows in the forms real files take (dates as a spreadsheet writes them)."""
    out = [HEADER]
    for i in range(1, rows + 1):
        out.append(
            f"SYN{i},{1 + i % 28}-Dec-20,2020,1,Political violence,Battles,Armed clash,"
            f"Military Forces of Azerbaijan (2003-),,1,Side B unit {i % 7},,2,12,,31,Caucasus,"
            f"Azerbaijan,Region,District {i % 5},,Place {i % 50},{39 + (i % 100) / 100:.4f},"
            f'{46 + (i % 90) / 100:.4f},1,Synthetic source,National,"Synthetic row {i}, made up",'
            f"{i % 3},,{1600000000 + i}\n"
        )
    return "".join(out)


def _measure(func: Callable[[], object]) -> tuple[float, int]:
    """Seconds and peak RSS (MiB) of `func` run in a child process of its own."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        start = time.perf_counter()
        func()
        elapsed = time.perf_counter() - start
        send.send((elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024))

    process = context.Process(target=child)
    process.start()
    elapsed, rss = receive.recv()
    process.join()
    if process.exitcode:
        raise RuntimeError(f"benchmark child failed ({process.exitcode})")
    return float(elapsed), int(rss)


def _stores(folder: Path) -> Iterator[tuple[str, str, Callable[[], object]]]:
    """(kind, URL of a fresh migrated store, a bare DB-API connection maker) for each store."""
    yield "sqlite", f"sqlite:///{folder / 'ours.db'}", lambda: sqlite3.connect(folder / "bare.db")
    if not POSTGRES:
        return
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    names = [f"cf_bench_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    with admin.connect() as connection:
        for name in names:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(POSTGRES)
    ours = url.set(database=names[0]).render_as_string(hide_password=False)
    bare = url.set(drivername="postgresql", database=names[1]).render_as_string(hide_password=False)
    try:
        yield "postgresql", ours, lambda: psycopg.connect(bare)
    finally:
        with admin.connect() as connection:
            for name in names:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _prepare(url: str) -> None:
    engine = store.make_engine(url)
    store.upgrade(engine)
    document = parse_agreement(
        scenarios.agreement_file(scenarios.DEFAULT).read_bytes(), scenarios.DEFAULT
    )
    with store.transaction(engine) as session:
        agreements_service.store_document(session, document=document, source_name=scenarios.DEFAULT)
    engine.dispose()


def run() -> list[Result]:
    content = synthetic(ROWS).encode()
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind, url, connect in _stores(Path(tmp)):
            results.extend(_run_store(kind, url, connect, content))
    return results


def _run_store(kind: str, url: str, connect: Callable[[], object], content: bytes) -> list[Result]:
    _prepare(url)
    placeholder = "?" if kind == "sqlite" else "%s"

    def ours_import() -> None:
        engine = store.make_engine(url)
        with store.transaction(engine) as session:
            transfer.import_incidents(
                session,
                fmt=ImportFormat.ACLED,
                content=content,
                source_name="bench",
                actor="bench",
                agreement=scenarios.DEFAULT,
            )
        engine.dispose()

    def bare_import() -> None:
        connection = connect()
        cursor = connection.cursor()  # type: ignore[attr-defined]
        cursor.execute("CREATE TABLE events (" + ", ".join(f"{c} TEXT" for c in BARE_COLUMNS) + ")")
        rows = (
            tuple(r[c] for c in BARE_COLUMNS)
            for r in csv.DictReader(io.StringIO(content.decode("utf-8")))
        )
        cursor.executemany(
            f"INSERT INTO events VALUES ({', '.join([placeholder] * len(BARE_COLUMNS))})",
            rows,
        )
        connection.commit()  # type: ignore[attr-defined]
        connection.close()  # type: ignore[attr-defined]

    def ours_export() -> None:
        engine = store.make_engine(url)
        for _ in transfer.export_acled_csv(
            engine, flt=incidents_service.IncidentFilter(), everything=True
        ):
            pass
        engine.dispose()

    def bare_export() -> None:
        engine = store.make_engine(url)
        out = io.StringIO()
        writer = csv.writer(out)
        columns = ", ".join(transfer.ACLED_SOURCE_COLUMNS)
        with engine.connect() as connection:
            raw = connection.connection.dbapi_connection
            cursor = raw.cursor()  # type: ignore[union-attr]
            cursor.execute(f"SELECT {columns} FROM incidents ORDER BY id")
            while batch := cursor.fetchmany(transfer.BATCH):
                writer.writerows(batch)
                out.seek(0)
                out.truncate()
        engine.dispose()

    ours_s, ours_rss = _measure(ours_import)
    bare_s, bare_rss = _measure(bare_import)
    export_s, export_rss = _measure(ours_export)
    select_s, select_rss = _measure(bare_export)
    return [
        Result(
            f"import {ROWS:,} ACLED rows ({kind})",
            ours_s,
            bare_s,
            "csv + executemany",
            f"peak RSS ours {ours_rss} MiB, bare {bare_rss} MiB (target x >= 0.33)",
        ),
        Result(
            f"export {ROWS:,} incidents, ACLED CSV ({kind})",
            export_s,
            select_s,
            "bare SELECT + csv.writer",
            f"peak RSS ours {export_rss} MiB, bare {select_rss} MiB (target x >= 0.5)",
        ),
    ]
