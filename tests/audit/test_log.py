"""The tiles kept beside the record: the same roots and proofs as the tree rebuilt in memory."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from ceasefire.audit import chain, log, merkle, notes, tiles
from ceasefire.audit import service as audit_service
from ceasefire.audit.events import DomainEvent

T0 = "2026-01-01T00:00:00.000000Z"


def _leaves(count: int) -> list[bytes]:
    return [merkle.leaf_hash(i.to_bytes(4, "big")) for i in range(count)]


@pytest.mark.parametrize(
    ("index", "expected"),
    [(0, "000"), (7, "007"), (999, "999"), (1000, "x001/000"), (1234067, "x001/x234/067")],
)
def test_tile_index_spelling(index: int, expected: str) -> None:
    assert tiles.encode_index(index) == expected
    assert tiles.parse_path(f"tile/0/{expected}").index == index


@pytest.mark.parametrize(
    "path",
    [
        "tile/0/1",
        "tile/0/x000/001",
        "tile/64/000",
        "tile/0/000.p/0",
        "tile/0/000.p/256",
        "tile/a/000",
    ],
)
def test_bad_tile_paths_are_refused(path: str) -> None:
    with pytest.raises(ValueError, match="tile"):
        tiles.parse_path(path)


def _grown(sizes: list[int]) -> tuple[dict[tuple[int, int], bytes], list[bytes]]:
    stored: dict[tuple[int, int], bytes] = {}
    leaves = _leaves(sum(sizes))
    size = 0
    for step in sizes:
        size_after, changed = tiles.grow(
            lambda lv, ix: stored.get((lv, ix), b""), size, leaves[size : size + step]
        )
        stored.update(changed)
        size = size_after
    return stored, leaves


@given(st.lists(st.integers(1, 300), min_size=1, max_size=4), st.data())
def test_tiles_give_the_tree_of_the_leaves(sizes: list[int], data: st.DataObject) -> None:
    stored, leaves = _grown(sizes)
    read = lambda lv, ix: stored.get((lv, ix), b"")  # noqa: E731
    size = len(leaves)
    assert tiles.tree_root(read, size) == merkle.root(leaves)
    old = data.draw(st.integers(1, size))
    index = data.draw(st.integers(0, size - 1))
    by_list = merkle.list_range_hash(leaves)
    by_tiles = tiles.range_hash(read)
    assert merkle.inclusion_proof(index, size, by_tiles) == merkle.inclusion_proof(
        index, size, by_list
    )
    assert merkle.consistency_proof(old, size, by_tiles) == merkle.consistency_proof(
        old, size, by_list
    )
    for name in tiles.tiles_of(size):
        assert name.level is not None
        assert len(stored[(name.level, name.index)]) == name.width * tiles.HASH


def test_a_full_tile_level_one_appears_at_256_leaves() -> None:
    stored, leaves = _grown([255, 1, 3])
    assert stored[(1, 0)] == merkle.root(leaves[:256])
    assert len(stored[(0, 1)]) == 3 * tiles.HASH


def test_bundles_round_trip_and_truncation_is_named() -> None:
    data = tiles.bundle([b"a", b"bc", b""])
    assert tiles.unbundle(data, expected=3) == [b"a", b"bc", b""]
    with pytest.raises(ValueError, match="truncated inside entry 1"):
        tiles.unbundle(data[:5], expected=3)
    with pytest.raises(ValueError, match="2 entries, 3 were expected"):
        tiles.unbundle(tiles.bundle([b"a", b"b"]), expected=3)


def test_a_leaf_round_trips_and_a_respelt_one_is_refused() -> None:
    entry = next(chain.build_chain([(T0, "u", "x-made", "thing", "1", '{"a":1,"b":"é"}')]))
    data = chain.leaf_data(entry)
    assert chain.parse_leaf(data, where="leaf 0") == entry
    with pytest.raises(ValueError, match="leaf 0: the payload does not match its payload hash"):
        chain.parse_leaf(data.replace(b'"a":1', b'"a":1.0'), where="leaf 0")
    with pytest.raises(ValueError, match="not in canonical form"):
        chain.parse_leaf(data.replace(b'{"action"', b'{ "action"'), where="leaf 0")


def _record(engine: Engine, count: int) -> None:
    with Session(engine) as session:
        audit_service.record_events(
            session,
            [DomainEvent("thing-made", "tester", "thing", str(i), {"n": i}) for i in range(count)],
        )
        session.commit()


def test_the_store_keeps_the_tree_of_its_entries(engine: Engine) -> None:
    _record(engine, 300)
    _record(engine, 20)
    with Session(engine) as session:
        leaves = [merkle.leaf_hash(chain.leaf_data(e)) for e in audit_service.iter_entries(session)]
        assert log.size(session) == 320
        assert log.root(session, at=320) == merkle.root(leaves)
        assert log.root(session, at=77) == merkle.root(leaves[:77])
        proof = log.inclusion_proof(session, index=5, at=320)
        merkle.verify_inclusion(5, 320, leaves[5], proof, merkle.root(leaves))
        proof = log.consistency_proof(session, old=100, new=320)
        merkle.verify_consistency(100, 320, proof, merkle.root(leaves[:100]), merkle.root(leaves))
        bundle = log.tile(session, tiles.TileName(None, 1, 64))
        assert bundle is not None
        assert [merkle.leaf_hash(d) for d in tiles.unbundle(bundle, expected=64)] == leaves[256:320]
        assert log.tile(session, tiles.TileName(None, 1, 65)) is None


def test_entries_written_before_the_tree_are_caught_up(engine: Engine) -> None:
    _record(engine, 10)
    with Session(engine) as session:
        session.execute(text("DELETE FROM audit_tiles"))
        session.commit()
    _record(engine, 5)
    with Session(engine) as session:
        leaves = [merkle.leaf_hash(chain.leaf_data(e)) for e in audit_service.iter_entries(session)]
        assert log.root(session, at=15) == merkle.root(leaves)


def test_checkpoint_signed_and_cosigned(engine: Engine) -> None:
    _record(engine, 3)
    log_key, witness_key = notes.Ed25519PrivateKey.generate(), notes.Ed25519PrivateKey.generate()
    origin = "center.example/audit"
    with Session(engine) as session:
        note = log.checkpoint(session, origin=origin, key=log_key)
        notes.verify_signature(note, name=origin, public=log_key.public_key())
        cosignature = notes.cosign(
            note.checkpoint, name="TUR", key=witness_key, timestamp=1_700_000_000
        )
        log.add_cosignature(
            session,
            note_text=note.with_signature(cosignature).text,
            origin=origin,
            log_key=log_key.public_key(),
            witnesses={"TUR": witness_key.public_key()},
        )
        session.commit()
        again = log.checkpoint(session, origin=origin, key=log_key)
        assert (
            notes.verify_cosignature(again, name="TUR", public=witness_key.public_key())
            == 1_700_000_000
        )
        stored = log.cosigned(session, covering=2)
        assert stored is not None and stored.checkpoint.size == 3


def test_verify_hands_out_the_same_leaves_as_leaf_data() -> None:
    items = [(T0, "u", "x-made", "thing", str(i), f'{{"n":{i},"s":"é\\\\"}}') for i in range(40)]
    entries = list(chain.build_chain(items))
    seen: list[bytes] = []
    assert chain.verify(entries, leaves=seen.append).ok
    assert seen == [chain.leaf_data(e) for e in entries]
    builder = merkle.RootBuilder()
    for data in seen:
        builder.add(merkle.leaf_hash(data))
    assert builder.root() == merkle.root(merkle.leaf_hash(d) for d in seen)
    assert builder.count == 40
