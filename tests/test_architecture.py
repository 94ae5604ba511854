"""The house along the data's flow, held to its map: every import in `src/ceasefire` goes the way
`docs/architecture.md` says it may, no two packages import each other, and the only imports inside
functions are registrations that say so. The table of allowed imports is read from the doc itself,
so the doc and the code cannot drift apart."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "ceasefire"
DOC = ROOT / "docs" / "architecture.md"
#: What a registration import must say on its own line.
REGISTRATION = re.compile(r"#\s*registration:\s*\S")
_ROW = re.compile(r"^\|\s*`([a-z_][a-z0-9_]*)/?`\s*\|[^|]*\|\s*([^|]*)\|\s*$")


def allowed_imports() -> dict[str, set[str]]:
    """Unit -> the units it may import, from the table in docs/architecture.md."""
    table: dict[str, set[str]] = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = _ROW.match(line)
        if match:
            unit, allowed = match.groups()
            table[unit] = set(re.findall(r"`([a-z_][a-z0-9_]*)/?`", allowed))
    return table


def unit_of(path: Path) -> str:
    """A package (`agreements`) or a top-level module (`db`) of src/ceasefire."""
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


@dataclass(frozen=True)
class Import:
    path: Path
    line: int
    target: str  # the unit of ceasefire imported
    inside_function: bool
    text: str


def _targets(node: ast.Import | ast.ImportFrom, path: Path) -> Iterator[str]:
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif node.level:  # relative: resolve against the file's own package
        base = ["ceasefire", *path.relative_to(PACKAGE).parts[:-1]]
        base = base[: len(base) - (node.level - 1)]
        names = [".".join([*base, node.module] if node.module else base)]
    else:
        names = [node.module or ""]
    for name in names:
        parts = name.split(".")
        if parts[0] != "ceasefire":
            continue
        if len(parts) > 1:
            yield parts[1]
        elif isinstance(node, ast.ImportFrom):  # `from ceasefire import db, __version__`
            yield from (alias.name for alias in node.names if not alias.name.startswith("__"))


def imports() -> Iterator[Import]:
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        tree = ast.parse(source)
        inner: set[int] = set()
        for fn in ast.walk(tree):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                inner.update(
                    id(n) for n in ast.walk(fn) if isinstance(n, ast.Import | ast.ImportFrom)
                )
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                text = lines[node.lineno - 1]
                targets = list(_targets(node, path)) or [""]
                for target in targets:
                    yield Import(path, node.lineno, target, id(node) in inner, text)


def test_the_map_names_every_package_and_module() -> None:
    table = allowed_imports()
    units = {unit_of(p) for p in PACKAGE.rglob("*.py") if unit_of(p) != "__init__"}
    assert units - set(table) == set(), "add these to the table in docs/architecture.md"
    assert set(table) - units == set(), "the table in docs/architecture.md names what is gone"
    for unit, allowed in table.items():
        assert allowed <= set(table), f"{unit} may import unknown {allowed - set(table)}"


def test_the_allowed_imports_have_no_circle() -> None:
    table = allowed_imports()
    done: set[str] = set()

    def visit(unit: str, path: tuple[str, ...]) -> None:
        assert unit not in path, f"circle in docs/architecture.md: {' -> '.join((*path, unit))}"
        if unit in done:
            return
        for other in table.get(unit, set()):
            visit(other, (*path, unit))
        done.add(unit)

    for unit in table:
        visit(unit, ())


def test_every_import_goes_the_documented_way() -> None:
    table = allowed_imports()
    wrong = [
        f"{i.path.relative_to(ROOT)}:{i.line}: {unit_of(i.path)} imports {i.target}"
        for i in imports()
        if i.target
        and i.target != unit_of(i.path)
        and i.target not in table.get(unit_of(i.path), set())
    ]
    assert wrong == [], "imports against docs/architecture.md:\n" + "\n".join(wrong)


def test_no_two_units_import_each_other() -> None:
    edges = {
        (unit_of(i.path), i.target) for i in imports() if i.target and i.target != unit_of(i.path)
    }
    both = sorted(f"{a} <-> {b}" for a, b in edges if (b, a) in edges and a < b)
    assert both == []


def test_imports_inside_functions_are_registrations_that_say_why() -> None:
    hidden = [
        f"{i.path.relative_to(ROOT)}:{i.line}: {i.text.strip()}"
        for i in imports()
        if i.inside_function and not REGISTRATION.search(i.text)
    ]
    assert hidden == [], (
        "move these imports to the top of their module, or say `# registration: why`:\n"
        + "\n".join(hidden)
    )


@pytest.mark.parametrize(
    ("line", "unit", "allowed"),
    [
        ("| `geo/` | gazetteer | `settings`, `errors` |", "geo", {"settings", "errors"}),
        ("| `db` | the store | — |", "db", set()),
        ("| `api/` | REST | `http/`, `incidents/` |", "api", {"http", "incidents"}),
    ],
)
def test_the_table_reader(line: str, unit: str, allowed: set[str]) -> None:
    match = _ROW.match(line)
    assert match is not None
    assert match.group(1) == unit
    assert set(re.findall(r"`([a-z_]+)/?`", match.group(2))) == allowed
