"""Run every benchmark module `bench/bench_*.py` (each has `run() -> list[Result]`), or those named:
`python -m bench compliance audit`."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main(names: list[str]) -> None:
    folder = Path(__file__).parent
    modules = sorted(
        m.name for m in pkgutil.iter_modules([str(folder)]) if m.name.startswith("bench_")
    )
    if names:
        modules = [m for m in modules if m.removeprefix("bench_") in names]
    for module_name in modules:
        module = importlib.import_module(f"bench.{module_name}")
        print(f"== {module_name.removeprefix('bench_')}", flush=True)
        for result in module.run():
            print(result.line(), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
