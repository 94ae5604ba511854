"""Names as the gazetteer matches them: one key for every spelling of a place's name."""

from __future__ import annotations

import functools
import re
import unicodedata

_SPACES = re.compile(r"[\s\-‐-―_]+")
#: Names written in the Latin script: the only ones the gazetteer indexes.
LATIN = re.compile(r"^[A-Za-z0-9À-ɏḀ-ỿ'’ .,\-()&]+$")


@functools.lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """A matching key: accents dropped, case folded, hyphens and spaces collapsed, no "the"."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    folded = folded.replace("’", "'").replace(".", "")
    folded = _SPACES.sub(" ", folded).strip(" ,'")
    if folded.endswith("'s"):
        folded = folded[:-2]
    if folded.startswith("the "):
        folded = folded[4:]
    return folded
