"""The Merkle proofs against the RFC 6962 test vectors, and properties over random trees."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceasefire.audit import merkle

VECTORS = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "merkle"
KINDS = ("inclusion", "consistency", "subtreeinclusion", "subtreeconsistency")


def _files() -> list[Path]:
    return sorted(p for kind in KINDS for p in (VECTORS / kind).rglob("*.json"))


def _b64(value: str | None) -> bytes:
    return b"" if value is None else base64.b64decode(value)


def _check(kind: str, case: dict[str, Any]) -> None:
    proof = [_b64(p) for p in case.get("proof") or []]
    if kind == "inclusion":
        merkle.verify_inclusion(
            case["leafIdx"], case["treeSize"], _b64(case["leafHash"]), proof, _b64(case["root"])
        )
    elif kind == "consistency":
        merkle.verify_consistency(
            case["size1"], case["size2"], proof, _b64(case["root1"]), _b64(case["root2"])
        )
    elif kind == "subtreeinclusion":
        merkle.verify_subtree_inclusion(
            case["leafIdx"],
            case["start"],
            case["end"],
            _b64(case["leafHash"]),
            proof,
            _b64(case["root"]),
        )
    else:
        merkle.verify_subtree_consistency(
            case["start"],
            case["end"],
            case["size"],
            proof,
            _b64(case["root1"]),
            _b64(case["root2"]),
        )


def test_all_vectors_are_there() -> None:
    if not VECTORS.is_dir():
        pytest.skip("the Merkle test vectors (../shared/eval/merkle) are not here")
    assert len(_files()) == 518


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(VECTORS)))
def test_vector(path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    kind = path.relative_to(VECTORS).parts[0]
    if case["wantErr"]:
        with pytest.raises(merkle.ProofError):
            _check(kind, case)
    else:
        _check(kind, case)


def _leaves(count: int) -> list[bytes]:
    return [merkle.leaf_hash(str(i).encode()) for i in range(count)]


def _mth(leaves: list[bytes]) -> bytes:
    # RFC 9162's definition, recursively: the oracle for the iterative root.
    if not leaves:
        return merkle.EMPTY_ROOT
    if len(leaves) == 1:
        return leaves[0]
    k = merkle.split_point(len(leaves))
    return merkle.node_hash(_mth(leaves[:k]), _mth(leaves[k:]))


@pytest.mark.parametrize(
    ("size", "expected"),
    [(2, 1), (3, 2), (4, 2), (5, 4), (8, 4), (9, 8), (1_000_000, 524_288)],
)
def test_split_point(size: int, expected: int) -> None:
    assert merkle.split_point(size) == expected


@given(st.integers(0, 70))
def test_root_is_rfc_mth(size: int) -> None:
    leaves = _leaves(size)
    assert merkle.root(leaves) == _mth(leaves)


@given(st.data())
def test_inclusion_round_trip(data: st.DataObject) -> None:
    size = data.draw(st.integers(1, 80))
    index = data.draw(st.integers(0, size - 1))
    leaves = _leaves(size)
    proof = merkle.inclusion_proof(index, size, merkle.list_range_hash(leaves))
    assert len(proof) <= size.bit_length()
    merkle.verify_inclusion(index, size, leaves[index], proof, merkle.root(leaves))
    other = data.draw(st.integers(0, size - 1))
    if other != index and leaves[other] != leaves[index]:
        with pytest.raises(merkle.ProofError):
            merkle.verify_inclusion(index, size, leaves[other], proof, merkle.root(leaves))


@given(st.data())
def test_consistency_round_trip(data: st.DataObject) -> None:
    new = data.draw(st.integers(0, 80))
    old = data.draw(st.integers(0, new))
    leaves = _leaves(new)
    proof = merkle.consistency_proof(old, new, merkle.list_range_hash(leaves))
    old_root, new_root = merkle.root(leaves[:old]), merkle.root(leaves)
    if old == 0:
        with pytest.raises(merkle.ProofError, match="empty log"):
            merkle.verify_consistency(old, new, proof, old_root, new_root)
        return
    merkle.verify_consistency(old, new, proof, old_root, new_root)
    if 0 < old < new:
        # A log rewritten before `old` gives another root at `old`: the proof refuses it.
        forged = [merkle.leaf_hash(b"forged"), *leaves[1:]]
        with pytest.raises(merkle.ProofError):
            merkle.verify_consistency(old, new, proof, merkle.root(forged[:old]), new_root)
        forged_proof = merkle.consistency_proof(old, new, merkle.list_range_hash(forged))
        with pytest.raises(merkle.ProofError):
            merkle.verify_consistency(old, new, forged_proof, old_root, merkle.root(forged))
        with pytest.raises(merkle.ProofError):
            merkle.verify_consistency(old, new, proof[:-1], old_root, new_root)


@given(st.data())
def test_subtree_consistency_round_trip(data: st.DataObject) -> None:
    size = data.draw(st.integers(1, 80))
    width = 1 << data.draw(st.integers(0, size.bit_length() - 1))
    start = data.draw(st.integers(0, (size - 1) // width)) * width
    end = data.draw(st.integers(start + 1, min(start + width, size)))
    if not merkle.is_subtree(start, end):
        return
    leaves = _leaves(size)
    proof = merkle.subtree_consistency_proof(start, end, size, merkle.list_range_hash(leaves))
    merkle.verify_subtree_consistency(
        start, end, size, proof, merkle.root(leaves[start:end]), merkle.root(leaves)
    )


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (0, 1, True),
        (0, 5, True),
        (4, 6, True),
        (4, 8, True),
        (2, 5, False),
        (6, 8, True),
        (3, 3, False),
    ],
)
def test_is_subtree(start: int, end: int, expected: bool) -> None:
    assert merkle.is_subtree(start, end) is expected
