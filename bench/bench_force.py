"""The force's records at volume: a CSV import of patrols, and compliance with them recorded.

- import: ours (parse, check every row against the agreement, store with its audit entry) vs the
  bare `csv` module reading the same rows;
- compliance: the default scenario's compliance as of a date with the patrols recorded (each
  linked to the obligations it serves at read time) vs the same with none recorded.
Routes follow the scenario's first line-shaped area; rows are synthetic. BENCH_ROWS overrides
the count (default 2,000).
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path

from bench.common import Result, best_of
from ceasefire import db as store
from ceasefire import scenarios
from ceasefire.agreements import service as agreements_service
from ceasefire.agreements.document import parse_agreement
from ceasefire.compliance import service as compliance_service
from ceasefire.force import service as force_service
from ceasefire.force.csvfiles import Kind
from ceasefire.taxonomy.obligations import record_bearing

ROWS = int(os.environ.get("BENCH_ROWS", "2000"))


def synthetic(rows: int, route: list[list[float]], participants: str) -> bytes:
    out = ["start,participants,route,source\n"]
    line = json.dumps(route).replace('"', "")
    for i in range(rows):
        out.append(f'2020-12-{1 + i % 28:02d},{participants},"{line}",Synthetic bulletin {i}\n')
    return "".join(out).encode()


def run() -> list[Result]:
    document = parse_agreement(
        scenarios.agreement_file(scenarios.DEFAULT).read_bytes(), scenarios.DEFAULT
    )
    line = next(
        a.geometry for a in document.areas if a.geometry and a.geometry["type"] == "LineString"
    )
    # who patrols: the parties of the first obligation a patrol serves
    served = next(o for o in document.obligations if record_bearing(o.action, "patrol"))
    parties = ";".join(served.parties)
    content = synthetic(ROWS, line["coordinates"], parties)
    with tempfile.TemporaryDirectory() as tmp:
        engine = store.make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        store.upgrade(engine)
        with store.transaction(engine) as session:
            agreements_service.store_document(session, document=document, source_name="bench")

        def compliance() -> None:
            with store.transaction(engine) as session:
                compliance_service.compliance(session, agreement_id=document.id, as_of="2020-12-31")

        without = best_of(compliance)
        imported = 0

        def ours() -> None:
            nonlocal imported
            with store.transaction(engine) as session:
                imported += force_service.import_csv(
                    session, agreement_id=document.id, kind=Kind.PATROLS, content=content,
                    source_name="bench.csv", actor="bench",
                ).imported  # fmt: skip

        ours_s = best_of(ours, repeat=1)
        bare_s = best_of(lambda: list(csv.DictReader(io.StringIO(content.decode()))))
        with_records = best_of(compliance)
        engine.dispose()
    return [
        Result(
            f"import {ROWS:,} patrols (CSV)",
            ours_s,
            bare_s,
            "bare csv.DictReader",
            f"{imported:,} stored",
        ),
        Result(
            f"compliance with {imported:,} patrols", with_records, without, "with none recorded"
        ),
    ]
