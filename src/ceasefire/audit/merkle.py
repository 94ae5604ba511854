"""The Merkle tree of the audit record, hashed as RFC 6962 / RFC 9162 say (pure, over bytes).

A proof is made from `range_hash(start, end)`, the hash of the subtree over the leaves
`[start, end)`: a list of leaf hashes gives one (`list_range_hash`), and so do the stored tiles,
so that a proof at a million entries reads a few dozen hashes instead of rehashing the log.

Proofs are lists of 32-byte hashes, deepest first, as in RFC 9162. A subtree `[start, end)` is
one whose `start` is a multiple of the smallest power of two at least `end - start`; the
consistency proof of a log of size `m` with one of size `n` is that of the subtree `[0, m)`."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()
"""The root of the empty tree."""

RangeHash = Callable[[int, int], bytes]


class ProofError(ValueError):
    """A proof that does not hold, with what failed."""


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def split_point(size: int) -> int:
    """The largest power of two smaller than `size` (size >= 2)."""
    return 1 << ((size - 1).bit_length() - 1)


class RootBuilder:
    """The root over leaf hashes added one at a time (memory of log2 N hashes)."""

    def __init__(self) -> None:
        self.count = 0
        self._stack: list[tuple[int, bytes]] = []  # (height, hash) of complete subtrees

    def add(self, leaf: bytes) -> None:
        stack = self._stack
        height, value = 0, leaf
        while stack and stack[-1][0] == height:
            value = node_hash(stack.pop()[1], value)
            height += 1
        stack.append((height, value))
        self.count += 1

    def root(self) -> bytes:
        if not self._stack:
            return EMPTY_ROOT
        value = self._stack[-1][1]
        for _, left in reversed(self._stack[:-1]):
            value = node_hash(left, value)
        return value


def root(leaves: Iterable[bytes]) -> bytes:
    """The root over leaf hashes (RFC 9162's MTH), folding full subtrees left to right in one
    pass, so it streams over a million entries."""
    builder = RootBuilder()
    for leaf in leaves:
        builder.add(leaf)
    return builder.root()


def list_range_hash(leaves: Sequence[bytes]) -> RangeHash:
    """`range_hash` over an in-memory list of leaf hashes."""

    def range_hash(start: int, end: int) -> bytes:
        return root(leaves[start:end])

    return range_hash


def is_subtree(start: int, end: int) -> bool:
    """Whether `[start, end)` is a subtree some tree can have (RFC 9162 ranges are these)."""
    if not 0 <= start < end:
        return False
    width = 1 << (end - start - 1).bit_length()
    return start % width == 0


def inclusion_proof(index: int, size: int, range_hash: RangeHash) -> list[bytes]:
    """The audit path of leaf `index` in the tree of `size` leaves."""
    if not 0 <= index < size:
        raise ProofError(f"leaf {index} is not in a tree of size {size}")
    proof: list[bytes] = []
    lo, hi = 0, size
    while hi - lo > 1:
        k = split_point(hi - lo)
        if index < lo + k:
            proof.append(range_hash(lo + k, hi))
            hi = lo + k
        else:
            proof.append(range_hash(lo, lo + k))
            lo += k
    proof.reverse()
    return proof


def consistency_proof(old: int, new: int, range_hash: RangeHash) -> list[bytes]:
    """The proof that the tree of `old` leaves is a prefix of the tree of `new` leaves."""
    if not 0 <= old <= new:
        raise ProofError(f"no consistency proof from size {old} to size {new}")
    if old == 0 or old == new:
        return []
    return subtree_consistency_proof(0, old, new, range_hash)


def subtree_consistency_proof(
    start: int, end: int, size: int, range_hash: RangeHash
) -> list[bytes]:
    """The proof that the subtree `[start, end)` is part of the tree of `size` leaves."""
    if not is_subtree(start, end) or end > size:
        raise ProofError(f"[{start}, {end}) is not a subtree of a tree of size {size}")
    proof: list[bytes] = []
    known = True
    lo, hi = 0, size
    while not (start == lo and end == hi):
        k = split_point(hi - lo)
        if end <= lo + k:
            proof.append(range_hash(lo + k, hi))
            hi = lo + k
        else:
            proof.append(range_hash(lo, lo + k))
            if start < lo + k:
                # The subtree spans both children: go on with its right part, whose hash the
                # verifier does not know.
                known, start = False, lo + k
            lo += k
    if not known:
        proof.append(range_hash(lo, hi))
    proof.reverse()
    return proof


def _check_hashes(proof: Sequence[bytes]) -> None:
    # Roots are only ever compared for equality, so a root of another length simply never
    # matches; a proof hash of another length would be hashed, so it is refused here.
    for number, value in enumerate(proof, 1):
        if len(value) != HASH_SIZE:
            raise ProofError(f"proof hash {number} has {len(value)} bytes, not {HASH_SIZE}")


def _length(proof: Sequence[bytes], expected: int) -> None:
    if len(proof) != expected:
        raise ProofError(f"the proof has {len(proof)} hashes; this one needs {expected}")


def root_from_inclusion(index: int, size: int, leaf: bytes, proof: Sequence[bytes]) -> bytes:
    """The root that leaf hash `leaf` at `index` and its audit path give."""
    if not 0 <= index < size:
        raise ProofError(f"leaf {index} is not in a tree of size {size}")
    _check_hashes(proof)
    if len(leaf) != HASH_SIZE:
        raise ProofError(f"the leaf hash has {len(leaf)} bytes, not {HASH_SIZE}")
    left_sides: list[bool] = []  # top-down: whether the path goes left at that node
    lo, hi = 0, size
    while hi - lo > 1:
        k = split_point(hi - lo)
        left_sides.append(index < lo + k)
        if index < lo + k:
            hi = lo + k
        else:
            lo += k
    _length(proof, len(left_sides))
    value = leaf
    for sibling, went_left in zip(proof, reversed(left_sides), strict=True):
        value = node_hash(value, sibling) if went_left else node_hash(sibling, value)
    return value


def verify_inclusion(
    index: int, size: int, leaf: bytes, proof: Sequence[bytes], root_hash: bytes
) -> None:
    """Raise ProofError unless leaf hash `leaf` is leaf `index` of the tree of `size` with root
    `root_hash`."""
    if root_from_inclusion(index, size, leaf, proof) != root_hash:
        raise ProofError(f"the inclusion proof of leaf {index} does not lead to the root")


def verify_subtree_inclusion(
    index: int, start: int, end: int, leaf: bytes, proof: Sequence[bytes], subtree_hash: bytes
) -> None:
    """Raise ProofError unless `leaf` is leaf `index` of the subtree `[start, end)`."""
    if not is_subtree(start, end):
        raise ProofError(f"[{start}, {end}) is not a subtree")
    if not start <= index < end:
        raise ProofError(f"leaf {index} is not in the subtree [{start}, {end})")
    verify_inclusion(index - start, end - start, leaf, proof, subtree_hash)


def verify_subtree_consistency(
    start: int, end: int, size: int, proof: Sequence[bytes], subtree_hash: bytes, root_hash: bytes
) -> None:
    """Raise ProofError unless the subtree `[start, end)` with hash `subtree_hash` is part of
    the tree of `size` leaves with root `root_hash`."""
    if start == end and 0 <= start <= size:
        # The empty subtree is part of every tree; its hash is the empty root.
        _length(proof, 0)
        if subtree_hash != EMPTY_ROOT:
            raise ProofError("the hash of an empty subtree must be the empty root")
        return
    if not is_subtree(start, end) or end > size:
        raise ProofError(f"[{start}, {end}) is not a subtree of a tree of size {size}")
    _check_hashes(proof)
    steps: list[str] = []  # top-down: "left", "right", or "split" (the subtree spans both)
    known = True
    lo, hi = 0, size
    while not (start == lo and end == hi):
        k = split_point(hi - lo)
        if end <= lo + k:
            steps.append("left")
            hi = lo + k
        elif start >= lo + k:
            steps.append("right")
            lo += k
        else:
            steps.append("split")
            known, start = False, lo + k
            lo += k
    _length(proof, len(steps) + (0 if known else 1))
    hashes = iter(proof)
    sub = tree = subtree_hash if known else next(hashes)
    for step, sibling in zip(reversed(steps), hashes, strict=True):
        if step == "left":
            tree = node_hash(tree, sibling)
        else:
            tree = node_hash(sibling, tree)
            if step == "split":
                sub = node_hash(sibling, sub)
    if sub != subtree_hash:
        raise ProofError(f"the proof does not lead to the hash of [{start}, {end})")
    if tree != root_hash:
        raise ProofError(f"the proof does not lead to the root of the tree of size {size}")


def verify_consistency(
    old: int, new: int, proof: Sequence[bytes], old_root: bytes, new_root: bytes
) -> None:
    """Raise ProofError unless the tree of `old` leaves with root `old_root` is a prefix of the
    tree of `new` leaves with root `new_root`."""
    if not 0 <= old <= new:
        raise ProofError(f"size {old} cannot be a prefix of size {new}")
    if old == 0:
        raise ProofError("a consistency proof from the empty log proves nothing: refused")
    verify_subtree_consistency(0, old, new, proof, old_root, new_root)
