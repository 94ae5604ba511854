"""The benchmarks still run: each one whose size can be set, at a tiny size, in its own process.

A benchmark is run by hand (`make bench`), so nothing else notices when a change breaks one (an
account needing a loaded agreement once broke the log's). Timings are not looked at here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

TINY = {
    "audit": {"BENCH_AUDIT_ENTRIES": "2000", "BENCH_AUDIT_SLICE": "500"},
    "force": {"BENCH_ROWS": "50"},
    "incidents": {"BENCH_ROWS": "200"},
    "tlog": {"BENCH_TLOG_ENTRIES": "3000"},
    "web": {"BENCH_INCIDENTS": "300"},
    "load": {"BENCH_LOAD_CLIENTS": "4", "BENCH_LOAD_REQUESTS": "40", "BENCH_LOAD_SECONDS": "2"},
    "news": {
        "BENCH_NEWS_SOURCE": "generated",
        "BENCH_NEWS_ARTICLES": "12",
        "BENCH_NEWS_RUSSIAN_ARTICLES": "12",
    },
}


@pytest.mark.slow
@pytest.mark.timeout(600)
@pytest.mark.parametrize("name", sorted(TINY))
def test_the_benchmark_runs(name: str, tmp_path: Path) -> None:
    env = {**os.environ, **TINY[name], "PYTHONPATH": str(ROOT / "src"), "TMPDIR": str(tmp_path)}
    env.pop("BENCH_INCIDENTS_POSTGRES", None)
    env.pop("BENCH_AUDIT_POSTGRES", None)
    done = subprocess.run(
        [sys.executable, "-m", "bench", name],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=580,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    assert f"== {name}" in done.stdout
    results = [line for line in done.stdout.splitlines() if line and not line.startswith("==")]
    assert results, done.stdout
