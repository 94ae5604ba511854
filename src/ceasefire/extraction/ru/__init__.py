"""Reading Russian: natasha's model and rules over lemmas; `read` is the reader
(`Callable[[str, datetime.date | None], Extraction]`, as every language's)."""

from ceasefire.extraction.ru.reader import read

__all__ = ["read"]
