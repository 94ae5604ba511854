"""Identical and near-identical articles: SHA-256 of the bytes, MinHash over word shingles."""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Iterable, Sequence

from datasketch import MinHash

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


#: Locality-sensitive hashing: a signature cut into BANDS bands of ROWS values; two articles that
#: agree on a whole band are compared. 5 x 11 is what datasketch's MinHashLSH picks for a
#: threshold of 0.8 over 64 permutations; stored band keys depend on these numbers.
BANDS, ROWS = 5, 11


def band_keys(values: Sequence[int]) -> list[str]:
    """The keys an article is found by: one per band, "band:hash of its values"."""
    out = []
    for band in range(BANDS):
        chunk = struct.pack(f">{ROWS}Q", *(int(v) for v in values[band * ROWS : (band + 1) * ROWS]))
        out.append(f"{band}:{hashlib.blake2b(chunk, digest_size=12).hexdigest()}")
    return out


def best_match(
    m: MinHash, candidates: Iterable[tuple[str, Sequence[int]]], threshold: float = THRESHOLD
) -> tuple[str, float] | None:
    """Of the candidates (id, stored signature) found by a shared band, the most similar one at or
    above the threshold (estimated Jaccard similarity of their shingles), the first on a tie."""
    best: tuple[str, float] | None = None
    for key, values in candidates:
        similarity = float(m.jaccard(from_values(list(values))))
        if similarity >= threshold and (best is None or similarity > best[1]):
            best = (key, similarity)
    return best
