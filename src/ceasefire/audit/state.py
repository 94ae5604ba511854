"""Tables that cannot drift from the record: each audited change's entry carries the changed rows'
values, and the state rebuilt from the entries is compared with the stored rows.

A row's state is `{"table", "key", "values"}` under the payload's `state` list. Values are the
columns as JSON; a secret (a password or token hash) and any value longer than `DIGEST_OVER`
bytes of JSON are kept as their SHA-256 only, which still shows any change to them while the
entries stay small and reveal no secret. Entries written before states were recorded carry
none: their rows are listed as unrecorded, not as drift."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, inspect, select
from sqlalchemy.orm import Session

from ceasefire.audit import chain
from ceasefire.audit.chain import Entry
from ceasefire.db import Base

STATE_KEY = "state"
DIGEST_OVER = 2048
_SECRET_WORDS = ("password", "secret", "token")

Jsonable = Callable[[Any], Any]
"""`audit.service.jsonable`, handed in (the service records states, so it imports this)."""


def _value(column: str, value: Any, jsonable: Jsonable) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return {"sha256": chain.sha256_hex(bytes(value))}
    plain = jsonable(value)
    text = chain.canonical_json(plain)
    if any(word in column for word in _SECRET_WORDS) or len(text) > DIGEST_OVER:
        return {"sha256": chain.sha256_hex(text)}
    return plain


def row_state(instance: Any, jsonable: Jsonable) -> dict[str, Any]:
    """The state of an ORM row as an entry records it (after the session's flush)."""
    mapper = inspect(instance).mapper
    table = mapper.local_table
    values: dict[str, Any] = {}
    for prop in mapper.column_attrs:
        column = prop.columns[0]
        values[column.name] = _value(column.name, getattr(instance, prop.key), jsonable)
    key = {c.name: values[c.name] for c in table.primary_key.columns}
    return {"table": table.name, "key": key, "values": values}


@dataclass(frozen=True)
class Recorded:
    seq: int
    values: dict[str, Any]


def rebuild(entries: Iterable[Entry]) -> dict[tuple[str, str], Recorded]:
    """The last recorded state of every row, by (table, key as canonical JSON)."""
    states: dict[tuple[str, str], Recorded] = {}
    marker = f'"{STATE_KEY}":'
    for entry in entries:
        if entry.payload is None or marker not in entry.payload:
            continue
        payload = json.loads(entry.payload)
        for row in payload.get(STATE_KEY) or ():
            key = chain.canonical_json(row["key"]).decode()
            states[(row["table"], key)] = Recorded(entry.seq, row["values"])
    return states


@dataclass(frozen=True)
class Drift:
    """A stored row that is not what the record says: `field` None for a missing or unrecorded
    row."""

    table: str
    key: str
    field: str | None
    stored: str
    recorded: str
    seq: int | None

    @property
    def message(self) -> str:
        if self.seq is None:
            return f"{self.table} {self.key}: the row is in the table but no entry records it"
        if self.field is None:
            return f"{self.table} {self.key}: entry {self.seq} records the row, the table has none"
        return (
            f"{self.table} {self.key}: field {self.field} is {self.stored} in the table, but "
            f"{self.recorded} in the record (entry {self.seq})"
        )


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "…"


def compare(
    session: Session, states: dict[tuple[str, str], Recorded], jsonable: Jsonable
) -> tuple[list[Drift], list[Drift]]:
    """The drifts (differing fields, deleted rows) and the unrecorded rows of every table the
    record holds states of."""
    drifts: list[Drift] = []
    unrecorded: list[Drift] = []
    tables = sorted({table for table, _ in states})
    for name in tables:
        table: Table = Base.metadata.tables[name]
        seen: set[str] = set()
        for row in session.connection().execute(select(table)).mappings():
            values = {c.name: _value(c.name, row[c.name], jsonable) for c in table.columns}
            key = chain.canonical_json({c.name: values[c.name] for c in table.primary_key.columns})
            key_text = key.decode()
            seen.add(key_text)
            recorded = states.get((name, key_text))
            if recorded is None:
                unrecorded.append(Drift(name, key_text, None, "", "", None))
                continue
            for column in sorted(set(values) | set(recorded.values)):
                if values.get(column) != recorded.values.get(column):
                    drifts.append(
                        Drift(
                            name,
                            key_text,
                            column,
                            _short(values.get(column)),
                            _short(recorded.values.get(column)),
                            recorded.seq,
                        )
                    )
        for (table_name, key_text), recorded in states.items():
            if table_name == name and key_text not in seen:
                drifts.append(Drift(name, key_text, None, "", "", recorded.seq))
    return drifts, unrecorded
