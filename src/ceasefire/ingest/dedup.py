"""Identical and near-identical articles: SHA-256 of the bytes, MinHash over word shingles."""

from __future__ import annotations

import hashlib
import re

from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SHINGLE = 5
THRESHOLD = 0.8
SCHEME = "affine32"  # stored signatures are only comparable under the scheme that made them
_WORD = re.compile(r"\w+")


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Overlapping runs of `size` words (lower case); short texts give their words."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return set(words)
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def signature(text: str) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    m.update_batch([s.encode("utf-8") for s in shingles(text)])  # as `update` each, 5x faster
    return m


def from_values(values: list[int]) -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashvalues=values, scheme=SCHEME)


class NearDuplicateIndex:
    """Articles seen so far; `match` names the most similar one above the threshold."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.signatures: dict[str, MinHash] = {}
        self.threshold = threshold

    def add(self, key: str, m: MinHash) -> None:
        if key not in self.signatures:
            self.lsh.insert(key, m)
            self.signatures[key] = m

    def match(self, m: MinHash) -> tuple[str, float] | None:
        best: tuple[str, float] | None = None
        for key in self.lsh.query(m):
            similarity = float(m.jaccard(self.signatures[key]))
            if similarity >= self.threshold and (best is None or similarity > best[1]):
                best = (key, similarity)
        return best
