"""Party aliases: the patterns an agreement file gives each party for the names other sources
(ACLED, UCDP) call its forces, e.g. "Military Forces of Azerbaijan (*)". A pattern matches a whole
name, case-insensitively; `*` stands for any text and nothing else is special. A name matching
patterns of two parties is ambiguous and maps to none. Pure: no database."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A regular expression for an alias pattern: `*` is any text, everything else literal."""
    parts = (re.escape(part) for part in pattern.strip().split("*"))
    return re.compile("(?:" + ".*".join(parts) + r")\Z", re.IGNORECASE | re.DOTALL)


def pattern_problem(pattern: Any) -> str | None:
    """Why `pattern` is not a usable alias pattern, or None."""
    if not isinstance(pattern, str) or not pattern.strip():
        return "an alias pattern is a non-empty text"
    if not pattern.replace("*", "").strip():
        return f"alias pattern {pattern!r} would match every name"
    return None


@dataclass(frozen=True)
class Aliases:
    """Every party's alias patterns, in the file's order."""

    patterns: tuple[tuple[str, str, re.Pattern[str]], ...] = ()
    _found: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, str]]) -> Aliases:
        return cls(tuple((party, p, compile_pattern(p)) for party, p in pairs))

    @classmethod
    def from_parties(cls, parties: Iterable[Mapping[str, Any]]) -> Aliases:
        """From an agreement file's `parties` list (each party's `aliases`)."""
        return cls.of(
            (str(party["id"]), str(pattern))
            for party in parties
            for pattern in party.get("aliases") or ()
        )

    def party_of(self, name: str) -> str | None:
        """The party whose aliases match `name` (or whose code `name` is), else None."""
        if name not in self._found:  # a file names the same few actors many times
            self._found[name] = self._party_of(name)
        return self._found[name]

    def _party_of(self, name: str) -> str | None:
        found = {party for party, _, regex in self.patterns if regex.match(name.strip())}
        if not found:
            codes = {party for party, _, _ in self.patterns}
            return name.strip() if name.strip() in codes else None
        return found.pop() if len(found) == 1 else None

    def __bool__(self) -> bool:
        return bool(self.patterns)
