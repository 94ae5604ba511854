"""The pure hash chain: hashing, and naming the first bad entry for each kind of tampering."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.audit import chain
from ceasefire.audit.chain import Checkpoint, Entry, Tampering


def make(n: int) -> list[Entry]:
    return list(
        chain.build_chain(
            (
                f"2020-12-11T10:{i // 60 % 60:02d}:{i % 60:02d}.000000Z",
                "monitor-tur" if i % 2 else "monitor-rus",
                "incident-created",
                "incident",
                str(i),
                json.dumps({"n": i}),
            )
            for i in range(n)
        )
    )


def renumber(entry: Entry, seq: int) -> Entry:
    return dataclasses.replace(entry, seq=seq)


def forged(seq: int, prev_hash: str, *, well_formed: bool = True) -> Entry:
    entry = chain.make_entry(
        seq=seq,
        time="2020-12-11T11:00:00.000000Z",
        actor="intruder",
        action="finding-changed",
        object_type="incident",
        object_id="99",
        payload="{}",
        prev_hash=prev_hash,
    )
    return entry if well_formed else dataclasses.replace(entry, hash="f" * 64)


def by_seq(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: e.seq)


def edit(entries: list[Entry], seq: int, **changes: str) -> list[Entry]:
    return [dataclasses.replace(e, **changes) if e.seq == seq else e for e in entries]


def swap(entries: list[Entry], a: int, b: int) -> list[Entry]:
    swapped = {a: b, b: a}
    return by_seq([renumber(e, swapped[e.seq]) if e.seq in swapped else e for e in entries])


def delete(entries: list[Entry], seq: int, *, close_gap: bool = False) -> list[Entry]:
    kept = [e for e in entries if e.seq != seq]
    if close_gap:
        kept = [renumber(e, e.seq - 1) if e.seq > seq else e for e in kept]
    return kept


def insert(entries: list[Entry], seq: int, *, well_formed: bool = True) -> list[Entry]:
    """A forged entry at `seq`, the later ones pushed along by one (as an UPDATE would)."""
    pushed = [renumber(e, e.seq + 1) if e.seq >= seq else e for e in entries]
    prev_hash = chain.GENESIS_HASH if seq == 1 else entries[seq - 2].hash
    return by_seq([*pushed, forged(seq, prev_hash, well_formed=well_formed)])


def rehash(entries: list[Entry], seq: int, **changes: str) -> list[Entry]:
    """Edit an entry and give it a correct new hash (but its successor still records the old)."""
    out = []
    for e in entries:
        if e.seq == seq:
            e = dataclasses.replace(e, **changes)
            e = dataclasses.replace(e, hash=chain.hash_of(e))
        out.append(e)
    return out


def test_a_clean_record_verifies() -> None:
    entries = make(10)
    verdict = chain.verify(entries)
    assert verdict.ok
    assert (verdict.count, verdict.head_seq, verdict.head_hash) == (10, 10, entries[-1].hash)
    assert entries[0].prev_hash == chain.GENESIS_HASH


def test_an_empty_record_verifies() -> None:
    verdict = chain.verify([])
    assert verdict.ok
    assert (verdict.count, verdict.head_seq, verdict.head_hash) == (0, 0, chain.GENESIS_HASH)


BASE = make(12)


@pytest.mark.parametrize(
    ("name", "tampered", "seq", "kind"),
    [
        ("actor changed", edit(BASE, 5, actor="someone-else"), 5, Tampering.edited),
        ("action changed", edit(BASE, 1, action="incident-deleted"), 1, Tampering.edited),
        ("time changed", edit(BASE, 12, time="2020-12-12T00:00:00.000000Z"), 12, Tampering.edited),
        ("payload changed", edit(BASE, 7, payload='{"n":700}'), 7, Tampering.edited),
        ("payload hash changed", edit(BASE, 7, payload_hash="0" * 64), 7, Tampering.edited),
        ("own hash changed", edit(BASE, 3, hash="a" * 64), 3, Tampering.edited),
        ("edited and re-hashed", rehash(BASE, 4, actor="x"), 4, Tampering.edited),
        ("first deleted", delete(BASE, 1), 1, Tampering.deleted),
        ("middle deleted", delete(BASE, 6), 6, Tampering.deleted),
        ("two deleted", delete(delete(BASE, 6), 7), 6, Tampering.deleted),
        ("deleted, gap closed", delete(BASE, 6, close_gap=True), 6, Tampering.deleted),
        ("inserted at 5", insert(BASE, 5), 5, Tampering.inserted),
        ("inserted at 1", insert(BASE, 1), 1, Tampering.inserted),
        ("badly forged at 5", insert(BASE, 5, well_formed=False), 5, Tampering.inserted),
        ("two inserted", insert(insert(BASE, 5), 6), 5, Tampering.inserted),
        ("appended, unlinked", [*BASE, forged(13, "e" * 64)], 13, Tampering.inserted),
        ("duplicate number", by_seq([*BASE, renumber(BASE[4], 5)]), 5, Tampering.inserted),
        ("neighbours swapped", swap(BASE, 5, 6), 5, Tampering.reordered),
        ("far apart swapped", swap(BASE, 2, 11), 2, Tampering.reordered),
        ("first and last swapped", swap(BASE, 1, 12), 1, Tampering.reordered),
        ("given out of order", [BASE[0], BASE[2], BASE[1], *BASE[3:]], 2, Tampering.reordered),
        (
            "moved to the end",
            by_seq([*delete(BASE, 4), renumber(BASE[3], 13)]),
            4,
            Tampering.reordered,
        ),
    ],
)
def test_first_bad_entry_and_why(
    name: str, tampered: list[Entry], seq: int, kind: Tampering
) -> None:
    verdict = chain.verify(tampered)
    assert verdict.problem is not None, name
    assert (verdict.problem.seq, verdict.problem.kind) == (seq, kind), verdict.problem.message
    assert str(verdict.problem.seq) in verdict.problem.message


def test_entries_before_the_first_bad_one_are_counted() -> None:
    verdict = chain.verify(edit(BASE, 5, actor="x"))
    assert (verdict.count, verdict.head_seq, verdict.head_hash) == (4, 4, BASE[3].hash)


@pytest.mark.parametrize(
    ("record", "checkpoint", "kind", "seq"),
    [
        (BASE, Checkpoint(12, BASE[11].hash), None, None),
        (BASE, Checkpoint(5, BASE[4].hash), None, None),
        (BASE, Checkpoint(None, BASE[4].hash), None, None),
        (BASE[:9], Checkpoint(12, BASE[11].hash), Tampering.truncated, 10),
        (BASE[:9], Checkpoint(None, BASE[11].hash), Tampering.truncated, 10),
        ([], Checkpoint(12, BASE[11].hash), Tampering.truncated, 1),
        (make(15), Checkpoint(12, "b" * 64), Tampering.edited, 12),
    ],
)
def test_checkpoints(
    record: list[Entry], checkpoint: Checkpoint, kind: Tampering | None, seq: int | None
) -> None:
    verdict = chain.verify(record, checkpoint=checkpoint)
    if kind is None:
        assert verdict.ok
    else:
        assert verdict.problem is not None
        assert (verdict.problem.kind, verdict.problem.seq) == (kind, seq)


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (dt.datetime(2020, 12, 11, 10, 0, tzinfo=dt.UTC), "2020-12-11T10:00:00.000000Z"),
        (
            dt.datetime(2020, 12, 11, 14, 0, 0, 5, tzinfo=dt.timezone(dt.timedelta(hours=4))),
            "2020-12-11T10:00:00.000005Z",
        ),
    ],
)
def test_time_has_one_spelling(moment: dt.datetime, text: str) -> None:
    assert chain.format_time(moment) == text


def test_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        chain.format_time(dt.datetime(2020, 12, 11))


def test_known_hash_stays_stable() -> None:
    # Pinned: a change in canonicalisation would silently break every kept checkpoint.
    entry = chain.make_entry(
        seq=1,
        time="2020-12-11T10:00:00.000000Z",
        actor="init",
        action="agreement-loaded",
        object_type="agreement",
        object_id="nagorno-karabakh-2020",
        payload='{"sha256":"abc"}',
        prev_hash=chain.GENESIS_HASH,
    )
    document = chain.entry_document(
        seq=1,
        time=entry.time,
        actor="init",
        action="agreement-loaded",
        object_type="agreement",
        object_id="nagorno-karabakh-2020",
        payload_hash=entry.payload_hash,
        prev_hash=chain.GENESIS_HASH,
    )
    assert entry.hash == chain.sha256_hex(chain.canonical_json(document))
    assert entry.payload_hash == chain.sha256_hex(b'{"sha256":"abc"}')


text = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)


@settings(max_examples=300, deadline=None)
@given(
    seq=st.integers(min_value=0, max_value=2**53 - 1),
    fields=st.tuples(text, text, text, text, text, text, text),
)
def test_fast_canonical_form_equals_rfc8785(
    seq: int, fields: tuple[str, str, str, str, str, str, str]
) -> None:
    time, actor, action, object_type, object_id, payload_hash, prev_hash = fields
    document = chain.entry_document(
        seq=seq,
        time=time,
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        payload_hash=payload_hash,
        prev_hash=prev_hash,
    )
    assert chain.compute_hash(**document) == chain.sha256_hex(chain.canonical_json(document))


records = st.lists(st.tuples(text, text, text, text, text, text), min_size=2, max_size=25).map(
    lambda items: list(chain.build_chain(items))
)


@settings(max_examples=100, deadline=None)
@given(record=records)
def test_any_built_record_verifies(record: list[Entry]) -> None:
    verdict = chain.verify(record)
    assert verdict.ok
    assert verdict.count == len(record)


@settings(max_examples=100, deadline=None)
@given(record=records, data=st.data())
def test_any_edit_is_caught_at_that_entry(record: list[Entry], data: st.DataObject) -> None:
    target = data.draw(st.sampled_from(record))
    field = data.draw(st.sampled_from(["time", "actor", "action", "object_type", "object_id"]))
    value = data.draw(text.filter(lambda v: v != getattr(target, field)))
    verdict = chain.verify(edit(record, target.seq, **{field: value}))
    assert verdict.problem is not None
    assert (verdict.problem.seq, verdict.problem.kind) == (target.seq, Tampering.edited)


@settings(max_examples=100, deadline=None)
@given(record=records, data=st.data())
def test_any_deletion_but_the_last_is_caught_at_that_entry(
    record: list[Entry], data: st.DataObject
) -> None:
    seq = data.draw(st.integers(1, len(record) - 1))
    verdict = chain.verify(delete(record, seq, close_gap=data.draw(st.booleans())))
    assert verdict.problem is not None
    assert (verdict.problem.seq, verdict.problem.kind) == (seq, Tampering.deleted)


@settings(max_examples=100, deadline=None)
@given(record=records, data=st.data())
def test_dropping_the_tail_is_caught_against_a_checkpoint(
    record: list[Entry], data: st.DataObject
) -> None:
    keep = data.draw(st.integers(0, len(record) - 1))
    head = record[-1]
    verdict = chain.verify(record[:keep], checkpoint=Checkpoint(head.seq, head.hash))
    assert verdict.ok is False
    assert verdict.problem is not None
    assert (verdict.problem.seq, verdict.problem.kind) == (keep + 1, Tampering.truncated)


@settings(max_examples=100, deadline=None)
@given(record=records, data=st.data())
def test_any_swap_is_caught_at_the_earlier_entry(record: list[Entry], data: st.DataObject) -> None:
    a, b = sorted(
        data.draw(st.lists(st.integers(1, len(record)), min_size=2, max_size=2, unique=True))
    )
    verdict = chain.verify(swap(record, a, b))
    assert verdict.problem is not None
    assert (verdict.problem.seq, verdict.problem.kind) == (a, Tampering.reordered)


@settings(max_examples=100, deadline=None)
@given(record=records, data=st.data())
def test_any_insertion_is_caught_at_that_entry(record: list[Entry], data: st.DataObject) -> None:
    seq = data.draw(st.integers(1, len(record)))
    well_formed = data.draw(st.booleans())
    verdict = chain.verify(insert(record, seq, well_formed=well_formed))
    assert verdict.problem is not None
    assert (verdict.problem.seq, verdict.problem.kind) == (seq, Tampering.inserted)
