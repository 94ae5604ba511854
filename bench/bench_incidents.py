"""Import of 100,000 ACLED-format rows and export of 100,000 incidents, against bare baselines.

- import: ours (parse, check every row, store) vs the bare `csv` module reading the same rows,
  and vs bare `executemany` of the same rows into a plain SQLite table;
- export: ours (streamed ACLED CSV) vs a bare SQL SELECT of the same columns written by `csv`.
Rows are synthetic (not real events). BENCH_ROWS overrides the count.
"""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import tempfile
from pathlib import Path

from bench.common import Result, best_of
from ceasefire import db as store
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents import transfer
from ceasefire.incidents.formats import ImportFormat

ROWS = int(os.environ.get("BENCH_ROWS", "100000"))
HEADER = (
    "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,actor2,country,"
    "admin1,admin2,location,latitude,longitude,geo_precision,source,notes,fatalities\n"
)


def synthetic(rows: int) -> str:
    out = [HEADER]
    for i in range(1, rows + 1):
        out.append(
            f"SYN{i},2020-12-{1 + i % 28:02d},1,Battles,Armed clash,Side A unit {i % 7},Side B,"
            f"Azerbaijan,Region,District {i % 5},Place {i % 50},{39 + (i % 100) / 100:.3f},"
            f'{46 + (i % 90) / 100:.3f},1,Synthetic source,"Synthetic row {i}",{i % 3}\n'
        )
    return "".join(out)


def _fresh(folder: Path, name: str) -> str:
    url = f"sqlite:///{folder / name}"
    engine = store.make_engine(url)
    store.upgrade(engine)
    engine.dispose()
    return url


def run() -> list[Result]:
    text = synthetic(ROWS)
    content = text.encode()
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = _fresh(folder, "ours.db")
        engine = store.make_engine(url)

        def ours_import() -> None:
            with store.transaction(engine) as session:
                transfer.import_incidents(
                    session,
                    fmt=ImportFormat.ACLED,
                    content=content,
                    source_name="bench",
                    actor="bench",
                )

        ours_s = best_of(ours_import, repeat=1)

        def csv_read() -> None:
            for _ in csv.DictReader(io.StringIO(text)):
                pass

        results.append(
            Result(
                f"import {ROWS:,} ACLED rows",
                ours_s,
                best_of(csv_read),
                "bare csv.DictReader",
                "checked + stored",
            )
        )
        raw = sqlite3.connect(folder / "bare.db")
        raw.execute("PRAGMA journal_mode=WAL")
        raw.execute(
            "CREATE TABLE events (id TEXT, day TEXT, type TEXT, sub TEXT, actor TEXT, place TEXT, "
            "lat REAL, lon REAL, notes TEXT, fatalities INTEGER)"
        )

        def bare_insert() -> None:
            rows = (
                (
                    r["event_id_cnty"],
                    r["event_date"],
                    r["event_type"],
                    r["sub_event_type"],
                    r["actor1"],
                    r["location"],
                    float(r["latitude"]),
                    float(r["longitude"]),
                    r["notes"],
                    int(r["fatalities"]),
                )
                for r in csv.DictReader(io.StringIO(text))
            )
            with raw:
                raw.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?)", rows)

        results.append(
            Result(
                f"import {ROWS:,} ACLED rows",
                ours_s,
                best_of(bare_insert, repeat=1),
                "csv + sqlite executemany",
                "",
            )
        )

        def ours_export() -> None:
            for _ in transfer.export_acled_csv(
                engine, flt=incidents_service.IncidentFilter(), everything=True
            ):
                pass

        def bare_export() -> None:
            connection = sqlite3.connect(folder / "ours.db")
            out = io.StringIO()
            writer = csv.writer(out)
            for row in connection.execute(
                "SELECT id, external_id, start_at, type, place_name, min_lat, min_lon, summary, "
                "casualties, status, finding FROM incidents ORDER BY id"
            ):
                writer.writerow(row)
            connection.close()

        results.append(
            Result(
                f"export {ROWS:,} incidents (ACLED CSV)",
                best_of(ours_export, repeat=2),
                best_of(bare_export, repeat=2),
                "bare SELECT + csv.writer",
                "streamed in batches",
            )
        )
        engine.dispose()
        raw.close()
    return results
