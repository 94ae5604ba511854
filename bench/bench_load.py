"""Load: `ceasefire serve` on loopback under 20, 100 and 200 concurrent clients, mixed reads and
writes, on SQLite and PostgreSQL (and PostgreSQL with `--workers 2`).

Each client signs nothing in: it holds a monitor's bearer token and loops, 4 reads of the
incident list (`GET /api/v1/incidents?limit=20`) to 1 write (`POST /api/v1/incidents`), until
the level's request budget or time is spent (BENCH_LOAD_REQUESTS, BENCH_LOAD_SECONDS). Printed
per level: p99 latency against the baseline of one client's p50 measured in the same run, and in
the note requests/s, p50, p99 and errors (any answer other than 200/201, or none). The paced row
offers 200 requests/s from 200 clients (the goal: p99 < 100 ms, 0 errors, PostgreSQL with two
workers). Loopback only; the server is stopped after each store.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.common import Result
from ceasefire import db as store
from ceasefire import scenarios
from ceasefire.accounts import service as accounts_service
from ceasefire.agreements import service as agreements_service
from ceasefire.agreements.document import parse_agreement

ROOT = Path(__file__).resolve().parents[1]
POSTGRES_URL = os.environ.get(
    "CEASEFIRE_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
LEVELS = [int(x) for x in os.environ.get("BENCH_LOAD_CLIENTS", "20,100,200").split(",")]
REQUESTS = int(os.environ.get("BENCH_LOAD_REQUESTS", "3000"))
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "10"))
PACED_RATE = 200.0
SECRET = "bench-only-secret-" + "x" * 32
PASSWORD = "bench only password"


def _incident(n: int) -> dict[str, object]:
    # a point inside the default scenario's region: no area named, so nothing scenario-specific
    return {
        "type": "ceasefire-violation",
        "summary": f"Load bench incident {n}.",
        "occurred": "2020-12-11",
        "agreement": scenarios.DEFAULT,
        "latitude": 39.8,
        "longitude": 46.75,
    }


def _prepare(url: str) -> str:
    """Migrate, load the default scenario, add a monitor; returns the monitor's token."""
    engine = store.make_engine(url)
    store.upgrade(engine)
    document = parse_agreement(
        scenarios.agreement_file(scenarios.DEFAULT).read_bytes(), scenarios.DEFAULT
    )
    with store.transaction(engine) as session:
        agreements_service.store_document(session, document=document, source_name="bench")
        accounts_service.create_user(
            session, name="bench", role="monitor", party="TUR", password=PASSWORD, actor="bench"
        )
        token = accounts_service.create_token(session, user_name="bench", actor="bench").token
    engine.dispose()
    return token


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def _server(url: str, workers: int) -> Iterator[str]:
    port = _free_port()
    code = "import sys; from ceasefire.cli import main; sys.argv[0] = 'ceasefire'; sys.exit(main())"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "CEASEFIRE_SECRET_KEY": SECRET}
    command = [sys.executable, "-c", code, "serve", "--host", "127.0.0.1", "--port", str(port),
               "--workers", str(workers), "--db", url]  # fmt: skip
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=log, cwd=ROOT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 180
            while True:
                try:
                    if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"the server did not start: {log.read()[-2000:]!r}")
                time.sleep(0.2)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    elapsed: float = 0.0

    def quantile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def _load(base: str, token: str, clients: int, *, pace: float | None = None) -> Tally:
    """`clients` concurrent clients until the budget is spent; `pace`: each sends at most one
    request every `pace` seconds (an offered rate of clients / pace)."""
    tally = Tally()
    budget = [REQUESTS]
    deadline = time.monotonic() + SECONDS
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits, timeout=60) as http:

        async def client(number: int) -> None:
            n = number
            if pace:
                await asyncio.sleep(pace * number / clients)  # spread the starts
            while budget[0] > 0 and time.monotonic() < deadline:
                budget[0] -= 1
                n += clients
                start = time.perf_counter()
                try:
                    if n % 5 == 0:
                        answer = await http.post("/api/v1/incidents", json=_incident(n))
                        ok = answer.status_code == 201
                    else:
                        answer = await http.get("/api/v1/incidents", params={"limit": 20})
                        ok = answer.status_code == 200
                except httpx.HTTPError:
                    ok = False
                took = time.perf_counter() - start
                tally.latencies.append(took)
                tally.errors += not ok
                if pace and took < pace:
                    await asyncio.sleep(pace - took)

        began = time.perf_counter()
        await asyncio.gather(*(client(i) for i in range(clients)))
        tally.elapsed = time.perf_counter() - began
    return tally


def _result(name: str, tally: Tally, baseline: Tally) -> Result:
    count = len(tally.latencies)
    note = (
        f"{count / tally.elapsed:7.1f} req/s  p50 {tally.quantile(0.5) * 1000:7.1f} ms  "
        f"p99 {tally.quantile(0.99) * 1000:7.1f} ms  errors {tally.errors}/{count}"
    )
    return Result(name, tally.quantile(0.99), baseline.quantile(0.5), "one client's p50", note)


def _store_results(label: str, url: str, workers: int, *, paced: bool) -> list[Result]:
    token = _prepare(url)
    results = []
    with _server(url, workers) as base:
        baseline = asyncio.run(_load(base, token, 1))
        results.append(_result(f"{label} 1 client p99", baseline, baseline))
        for clients in LEVELS:
            tally = asyncio.run(_load(base, token, clients))
            results.append(_result(f"{label} {clients} clients p99", tally, baseline))
        if paced:
            tally = asyncio.run(_load(base, token, 200, pace=200 / PACED_RATE))
            results.append(_result(f"{label} 200 clients at 200 req/s p99", tally, baseline))
    return results


@contextmanager
def _postgres_database() -> Iterator[str | None]:
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    name = f"cf_bench_load_{uuid.uuid4().hex[:8]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # no server: say so and bench SQLite only
        print(f"PostgreSQL not reachable at {POSTGRES_URL}: {type(exc).__name__}", flush=True)
        admin.dispose()
        yield None
        return
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def run() -> list[Result]:
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as folder:
        results += _store_results("sqlite", f"sqlite:///{Path(folder) / 'load.db'}", 1, paced=False)
    for workers in (1, 2):
        with _postgres_database() as url:
            if url is None:
                break
            results += _store_results(
                f"postgresql workers={workers}", url, workers, paced=workers == 2
            )
    return results
