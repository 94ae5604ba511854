"""Errors that speak to the person who made them."""

from __future__ import annotations

from dataclasses import dataclass


class CeasefireError(Exception):
    """Base of every error the program reports to a person instead of a traceback."""


class NotFoundError(CeasefireError):
    """The object asked for does not exist (or the asker may not know that it does)."""


class ConflictError(CeasefireError):
    """The write would contradict what is already stored."""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in an input file, with where it is."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class InvalidInputError(CeasefireError):
    """An input file or request was refused; `problems` says exactly where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
