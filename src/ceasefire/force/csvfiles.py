"""CSV files of force records, one kind a file: rows read and checked, each refused row named as
FILE:LINE: field: reason. Pure: the agreement's facts come in a `records.Context`."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ceasefire.errors import Problem
from ceasefire.force import records
from ceasefire.force.models import MovementKind


class Kind(StrEnum):
    """The kinds of force records, one CSV format each (docs/force.md)."""

    STRENGTH = "strength"
    POSTS = "posts"
    PATROLS = "patrols"
    CONVOYS = "convoys"
    TOTALS = "totals"


#: The columns of each kind's CSV (a strength report adds one column per limited category).
COLUMNS: dict[Kind, tuple[str, ...]] = {
    Kind.STRENGTH: records.STRENGTH_FIELDS,
    Kind.POSTS: (
        "name", "kind", "contributor", "lat", "lon", "area", "opened", "closed",
        "confirm_outside", "source", "note",
    ),
    Kind.PATROLS: (
        "start", "end", "participants", "route", "places", "incidents", "source", "note",
    ),
    Kind.CONVOYS: (
        "start", "end", "participants", "route", "places", "cargo", "incidents", "source", "note",
    ),
    Kind.TOTALS: ("series", "date", "value", "total", "unit", "source", "note"),
}  # fmt: skip

Checked = records.StrengthIn | records.PostIn | records.MovementIn | records.CountIn


def checker(kind: Kind) -> Callable[[dict[str, object], records.Context], Checked]:
    """The check of one record of `kind`, from its fields."""
    if kind is Kind.STRENGTH:
        return records.strength
    if kind is Kind.POSTS:
        return records.post
    if kind is Kind.TOTALS:
        return records.count
    movement_kind = MovementKind.PATROL if kind is Kind.PATROLS else MovementKind.CONVOY
    return lambda raw, ctx: records.movement(raw, ctx, movement_kind)


@dataclass(frozen=True)
class Read:
    """A file read: the good rows (with their line) and the refused ones."""

    rows: list[tuple[int, Checked]]
    refused: list[Problem]


def read(content: bytes, *, kind: Kind, source_name: str, ctx: records.Context) -> Read:
    """Every row of a CSV file of `kind`, checked; a file-level problem (not UTF-8, no header,
    an unknown column) refuses the file at line 1."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Read([], [Problem(source_name, 1, f"not UTF-8 text ({exc.reason})")])
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in reader.fieldnames or []]
    if not header:
        return Read([], [Problem(source_name, 1, "empty file: expected a header row")])
    allowed = set(COLUMNS[kind]) | (set(ctx.categories) if kind is Kind.STRENGTH else set())
    unknown = [h for h in header if h not in allowed]
    if unknown:
        hint = (
            f"; {ctx.agreement_id} limits {', '.join(ctx.categories) or 'no category'}"
            if kind is Kind.STRENGTH
            else ""
        )
        return Read(
            [],
            [
                Problem(
                    source_name,
                    1,
                    f"unknown column(s) {', '.join(unknown)} "
                    f"(expected {', '.join(sorted(allowed))}){hint}",
                )
            ],
        )
    check = checker(kind)
    rows: list[tuple[int, Checked]] = []
    refused: list[Problem] = []
    for values in reader:
        line = reader.line_num
        raw: dict[str, Any] = {
            k.strip(): v for k, v in values.items() if k is not None and v not in (None, "")
        }
        if None in values:
            refused.append(Problem(source_name, line, "more cells than the header has columns"))
            continue
        if not raw:
            continue
        try:
            rows.append((line, check(raw, ctx)))
        except records.RecordError as exc:
            refused.append(Problem(source_name, line, str(exc)))
    return Read(rows, refused)
