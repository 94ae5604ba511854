"""The hash chain of the audit record: hashing entries and finding the first bad one (pure)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

import rfc8785

GENESIS_HASH = "0" * 64
"""What the first entry records as its previous entry's hash."""

_encode_string: Any = getattr(json.encoder, "c_encode_basestring", None) or (
    json.encoder.py_encode_basestring
)
_MAX_SAFE_INTEGER = 2**53 - 1


@dataclass(frozen=True, slots=True)
class Entry:
    """One link of the record. `payload` is the canonical JSON text the payload hash covers
    (None when only the hash is at hand, e.g. in a published extract)."""

    seq: int
    time: str
    actor: str
    action: str
    object_type: str
    object_id: str
    payload_hash: str
    prev_hash: str
    hash: str
    payload: str | None = None


@dataclass(frozen=True)
class Checkpoint:
    """A head kept by a party: the entry numbered `seq` had hash `hash` when it was taken.
    A checkpoint with `seq` None names only the hash."""

    seq: int | None
    hash: str


class Tampering(StrEnum):
    edited = "edited"
    deleted = "deleted"
    inserted = "inserted"
    reordered = "reordered"
    truncated = "truncated"


@dataclass(frozen=True)
class Finding:
    """The first bad entry: its number (as stored, or the number that is missing), what kind of
    tampering explains it, and a sentence for the person who runs the check."""

    seq: int
    kind: Tampering
    message: str


@dataclass(frozen=True)
class Verdict:
    count: int
    head_seq: int
    head_hash: str
    problem: Finding | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def format_time(moment: dt.datetime) -> str:
    """The one spelling of an entry's time that its hash covers: UTC, microseconds, `Z`."""
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment.isoformat()} given for an audit entry")
    # isoformat is many times faster than strftime, which counts over a million entries.
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")[:-6] + "Z"


def sqlite_time(raw: str) -> str:
    """An entry's time as SQLite keeps it (`YYYY-MM-DD HH:MM:SS.ffffff`, UTC, see
    db.UTCDateTime) in the spelling its hash covers; respelling it is far cheaper than parsing
    it, which counts over a million entries."""
    if len(raw) == 26 and raw[10] == " ":
        return f"{raw[:10]}T{raw[11:]}Z"
    return format_time(dt.datetime.fromisoformat(raw).replace(tzinfo=dt.UTC))


def canonical_json(value: Any) -> bytes:
    """RFC 8785 canonical JSON (what every hash and signature in Ceasefire covers)."""
    return bytes(rfc8785.dumps(value))


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def payload_hash(payload_text: str) -> str:
    return hashlib.sha256(payload_text.encode("utf-8")).hexdigest()


def entry_document(
    *,
    seq: int,
    time: str,
    actor: str,
    action: str,
    object_type: str,
    object_id: str,
    payload_hash: str,
    prev_hash: str,
) -> dict[str, Any]:
    """The fields an entry's hash covers, as the JSON object that is canonicalised."""
    return {
        "seq": seq,
        "time": time,
        "actor": actor,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "payload_hash": payload_hash,
        "prev_hash": prev_hash,
    }


def _canonical_fields(
    seq: int,
    time: str,
    actor: str,
    action: str,
    object_type: str,
    object_id: str,
    payload_hash: str,
    prev_hash: str,
) -> bytes:
    # The same bytes as canonical_json(entry_document(...)), built directly: keys in RFC 8785
    # order and strings escaped as RFC 8785 says (only `"`, `\` and controls), 20x faster.
    if not -_MAX_SAFE_INTEGER <= seq <= _MAX_SAFE_INTEGER:
        raise ValueError(f"sequence number {seq} is outside the JSON safe integer range")
    e = _encode_string
    text = (
        f'{{"action":{e(action)},"actor":{e(actor)},"object_id":{e(object_id)},'
        f'"object_type":{e(object_type)},"payload_hash":{e(payload_hash)},'
        f'"prev_hash":{e(prev_hash)},"seq":{seq},"time":{e(time)}}}'
    )
    return text.encode("utf-8")


def compute_hash(
    *,
    seq: int,
    time: str,
    actor: str,
    action: str,
    object_type: str,
    object_id: str,
    payload_hash: str,
    prev_hash: str,
) -> str:
    """SHA-256 (hex) over the canonical JSON of the entry's fields."""
    return sha256_hex(
        _canonical_fields(seq, time, actor, action, object_type, object_id, payload_hash, prev_hash)
    )


def hash_of(entry: Entry, *, seq: int | None = None) -> str:
    """The hash `entry` should carry (as if numbered `seq`, when given)."""
    return compute_hash(
        seq=entry.seq if seq is None else seq,
        time=entry.time,
        actor=entry.actor,
        action=entry.action,
        object_type=entry.object_type,
        object_id=entry.object_id,
        payload_hash=entry.payload_hash,
        prev_hash=entry.prev_hash,
    )


def make_entry(
    *,
    seq: int,
    time: str,
    actor: str,
    action: str,
    object_type: str,
    object_id: str,
    payload: str,
    prev_hash: str,
) -> Entry:
    """A new link after the entry whose hash is `prev_hash`."""
    digest = payload_hash(payload)
    entry = Entry(seq, time, actor, action, object_type, object_id, digest, prev_hash, "", payload)
    return replace(entry, hash=hash_of(entry))


def build_chain(items: Iterable[tuple[str, str, str, str, str, str]]) -> Iterator[Entry]:
    """Entries numbered from 1 for (time, actor, action, object_type, object_id, payload)
    tuples: for tests, benchmarks and demonstrations."""
    prev = GENESIS_HASH
    for seq, (time, actor, action, object_type, object_id, payload) in enumerate(items, 1):
        entry = make_entry(
            seq=seq,
            time=time,
            actor=actor,
            action=action,
            object_type=object_type,
            object_id=object_id,
            payload=payload,
            prev_hash=prev,
        )
        prev = entry.hash
        yield entry


def _self_problem(entry: Entry) -> str | None:
    if entry.payload is not None and payload_hash(entry.payload) != entry.payload_hash:
        return "its payload does not match its payload hash"
    if hash_of(entry) != entry.hash:
        return "its fields do not match its hash"
    return None


_CONTEXT = 64
"""How many good entries before an anomaly are kept to explain it (entries pushed along by up to
this many insertions are recognised as such)."""


def _fields_and_leaf(entry: Entry) -> tuple[bytes, bytes]:
    # What hash_of and leaf_data make, with each string escaped once for both.
    e = _encode_string
    action, actor, oid, otype = (
        e(entry.action),
        e(entry.actor),
        e(entry.object_id),
        e(entry.object_type),
    )
    phash, prev, time = e(entry.payload_hash), e(entry.prev_hash), e(entry.time)
    seq = entry.seq
    if not -_MAX_SAFE_INTEGER <= seq <= _MAX_SAFE_INTEGER:
        raise ValueError(f"sequence number {seq} is outside the JSON safe integer range")
    fields = (
        f'{{"action":{action},"actor":{actor},"object_id":{oid},"object_type":{otype},'
        f'"payload_hash":{phash},"prev_hash":{prev},"seq":{seq},"time":{time}}}'
    )
    leaf = (
        f'{{"action":{action},"actor":{actor},"hash":{e(entry.hash)},"object_id":{oid},'
        f'"object_type":{otype},"payload":{entry.payload},"payload_hash":{phash},'
        f'"prev_hash":{prev},"seq":{seq},"time":{time}}}'
    )
    return fields.encode("utf-8"), leaf.encode("utf-8")


def _holds(entry: Entry, leaves: Callable[[bytes], None] | None) -> bool:
    if leaves is None or entry.payload is None:
        return _self_problem(entry) is None
    fields, leaf = _fields_and_leaf(entry)
    if payload_hash(entry.payload) != entry.payload_hash or sha256_hex(fields) != entry.hash:
        return False
    leaves(leaf)
    return True


def verify(
    entries: Iterable[Entry],
    *,
    checkpoint: Checkpoint | None = None,
    leaves: Callable[[bytes], None] | None = None,
) -> Verdict:
    """Check a record given in stored order (by sequence number): every entry's own hash, every
    link, the numbering, and (when given) that the record still reaches a kept checkpoint.
    `leaves`, when given, is handed each good entry's leaf bytes (`leaf_data`), so that the
    Merkle tree is checked in the same pass.

    One streaming pass with constant memory while all is well; at the first anomaly the rest of
    the record is read to say which kind of tampering explains it."""
    iterator = iter(entries)
    count = 0
    recent: deque[Entry] = deque(maxlen=_CONTEXT)
    prev: Entry | None = None
    checkpoint_seen: Entry | None = None
    for entry in iterator:
        expected = 1 if prev is None else prev.seq + 1
        prev_hash = GENESIS_HASH if prev is None else prev.hash
        if entry.seq != expected or entry.prev_hash != prev_hash or not _holds(entry, leaves):
            finding = _Diagnosis(list(recent), entry, list(iterator)).finding()
            return Verdict(count, expected - 1, prev_hash, finding)
        count += 1
        prev = entry
        recent.append(entry)
        if checkpoint is not None and (
            entry.seq == checkpoint.seq
            or (checkpoint.seq is None and entry.hash == checkpoint.hash)
        ):
            checkpoint_seen = entry
    head_seq = 0 if prev is None else prev.seq
    head_hash = GENESIS_HASH if prev is None else prev.hash
    problem = None
    if checkpoint is not None:
        problem = _against_checkpoint(checkpoint, checkpoint_seen, head_seq)
    return Verdict(count, head_seq, head_hash, problem)


def _against_checkpoint(
    checkpoint: Checkpoint, seen: Entry | None, head_seq: int
) -> Finding | None:
    if checkpoint.seq is None:
        if seen is None:
            return Finding(
                head_seq + 1,
                Tampering.truncated,
                f"no entry has the checkpoint's hash {checkpoint.hash[:16]}…: the record was "
                "truncated or rewritten since the checkpoint was taken",
            )
        return None
    if seen is None:
        return Finding(
            head_seq + 1,
            Tampering.truncated,
            f"the record ends at entry {head_seq} but the checkpoint reaches entry "
            f"{checkpoint.seq}: entries {head_seq + 1}-{checkpoint.seq} were removed",
        )
    if seen.hash != checkpoint.hash:
        return Finding(
            checkpoint.seq,
            Tampering.edited,
            f"entry {checkpoint.seq} has hash {seen.hash[:16]}… but the checkpoint recorded "
            f"{checkpoint.hash[:16]}…: the record up to it was rewritten",
        )
    return None


class _Diagnosis:
    """Explains the first anomaly: `bad` follows the good entries `before` (the last few) in
    stored order, and `rest` follows `bad`."""

    def __init__(self, before: list[Entry], bad: Entry, rest: list[Entry]) -> None:
        self.before = before
        self.prev = before[-1] if before else None
        self.bad = bad
        self.rest = rest
        self.by_hash: dict[str, Entry] = {}
        for entry in [*before, bad, *rest]:
            self.by_hash.setdefault(entry.hash, entry)
        self._original: dict[int, int | None] = {}

    def original_seq(self, entry: Entry, depth: int = 0) -> int | None:
        """The number `entry` was written with: its own when its hash holds, else the number
        after the entry it links to, when its hash holds with that number."""
        key = id(entry)
        if key in self._original:
            return self._original[key]
        result: int | None = None
        if _self_problem(entry) is None:
            result = entry.seq
        elif entry.payload is None or payload_hash(entry.payload) == entry.payload_hash:
            if entry.prev_hash == GENESIS_HASH:
                candidate: int | None = 1
            else:
                linked = self.by_hash.get(entry.prev_hash)
                candidate = None
                if linked is not None and linked is not entry and depth < 3:
                    linked_seq = self.original_seq(linked, depth + 1)
                    candidate = None if linked_seq is None else linked_seq + 1
            if candidate is not None and hash_of(entry, seq=candidate) == entry.hash:
                result = candidate
        self._original[key] = result
        return result

    def finding(self) -> Finding:
        bad, prev, rest = self.bad, self.prev, self.rest
        expected = 1 if prev is None else prev.seq + 1
        if prev is not None and bad.seq <= prev.seq:
            if bad.seq == prev.seq:
                return Finding(
                    bad.seq, Tampering.inserted, f"entry {bad.seq} appears twice: one was inserted"
                )
            return Finding(
                bad.seq,
                Tampering.reordered,
                f"entry {bad.seq} comes after entry {prev.seq}: the record is out of order",
            )
        if bad.payload is not None and payload_hash(bad.payload) != bad.payload_hash:
            return Finding(
                bad.seq,
                Tampering.edited,
                f"entry {bad.seq} was edited: its payload does not match its payload hash",
            )
        home = self.original_seq(bad)
        if home is not None and home != bad.seq:
            if home < expected:
                # Good-looking entries now stand where this one was written: they were inserted
                # and pushed it along.
                pushed = bad.seq - home
                return Finding(
                    home,
                    Tampering.inserted,
                    f"{pushed} entr{'y was' if pushed == 1 else 'ies were'} inserted at entry "
                    f"{home}: the entry now numbered {bad.seq} was written as entry {home}",
                )
            return Finding(
                bad.seq,
                Tampering.reordered,
                f"entry {bad.seq} was written as entry {home}: the record was reordered",
            )
        if home is None and rest:
            following = self.original_seq(rest[0])
            if following is not None and following != rest[0].seq and following <= bad.seq:
                return Finding(
                    bad.seq,
                    Tampering.inserted,
                    f"entry {bad.seq} was inserted: the entry after it was written as entry "
                    f"{following}",
                )
        if home is None:
            for shift in range(1, _CONTEXT + 1):
                if hash_of(bad, seq=bad.seq + shift) == bad.hash:
                    return self._deleted(bad.seq, bad.seq + shift, renumbered=True)
            return Finding(
                bad.seq,
                Tampering.edited,
                f"entry {bad.seq} was edited: its fields do not match its hash",
            )
        # `bad` is well-formed: the trouble is its number or its link.
        linked = self.by_hash.get(bad.prev_hash)
        if bad.seq > expected:
            if linked is not None and linked is not prev:
                return Finding(
                    expected,
                    Tampering.reordered,
                    f"entry {expected} is missing here and the entry written before entry "
                    f"{bad.seq} is now numbered {linked.seq}: the record was reordered",
                )
            return self._deleted(expected, bad.seq, renumbered=False)
        if linked is not None:
            return Finding(
                bad.seq,
                Tampering.reordered,
                f"entry {bad.seq} links to entry {linked.seq}, not to entry {expected - 1}: "
                "the record was reordered",
            )
        if not rest or prev is None:
            return Finding(
                bad.seq,
                Tampering.inserted,
                f"entry {bad.seq} was inserted: it does not link to entry {expected - 1}",
            )
        return Finding(
            prev.seq,
            Tampering.edited,
            f"entry {prev.seq} was edited and re-hashed: entry {bad.seq} records a different "
            "hash for it",
        )

    @staticmethod
    def _deleted(first: int, after: int, *, renumbered: bool) -> Finding:
        missing = (
            f"entry {first} was" if after == first + 1 else f"entries {first}-{after - 1} were"
        )
        how = " and the rest renumbered" if renumbered else ""
        return Finding(
            first,
            Tampering.deleted,
            f"{missing} deleted{how}: the record goes from entry {first - 1} to the entry "
            f"written as {after}",
        )


def leaf_data(entry: Entry) -> bytes:
    """The bytes of an entry as a leaf of the Merkle tree and in an entry bundle: the canonical
    JSON of every field, its payload included as the JSON it is, so that a mirror can check the
    chain and rebuild state from the leaves alone."""
    if entry.payload is None:
        raise ValueError(f"entry {entry.seq} has no payload at hand: it cannot be a leaf")
    e = _encode_string
    text = (
        f'{{"action":{e(entry.action)},"actor":{e(entry.actor)},"hash":{e(entry.hash)},'
        f'"object_id":{e(entry.object_id)},"object_type":{e(entry.object_type)},'
        f'"payload":{entry.payload},"payload_hash":{e(entry.payload_hash)},'
        f'"prev_hash":{e(entry.prev_hash)},"seq":{entry.seq},"time":{e(entry.time)}}}'
    )
    return text.encode("utf-8")


_LEAF_FIELDS = frozenset(
    ("action", "actor", "hash", "object_id", "object_type", "payload", "payload_hash")
) | {"prev_hash", "seq", "time"}


def parse_leaf(data: bytes, *, where: str) -> Entry:
    """The entry a leaf holds, or ValueError naming `where` and what is wrong. The leaf must be
    exactly the bytes `leaf_data` makes of it (so that its hash is the one the tree holds)."""
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{where}: not a JSON entry: {exc}") from None
    if not isinstance(value, dict) or set(value) != _LEAF_FIELDS:
        raise ValueError(f"{where}: an entry has exactly the fields {sorted(_LEAF_FIELDS)}")
    strings = [k for k in _LEAF_FIELDS - {"seq", "payload"} if not isinstance(value[k], str)]
    if strings or not isinstance(value["seq"], int) or not isinstance(value["payload"], dict):
        raise ValueError(f"{where}: field {(strings or ['seq or payload'])[0]} has the wrong type")
    # The payload as the leaf spells it (canonical already, which the check below holds to):
    # the first `,"payload":` is the top-level key, since the string fields before it cannot
    # hold an unescaped quote, and the last `,"payload_hash":` is, since only plain fields follow.
    start = data.index(b',"payload":') + len(b',"payload":')
    end = data.rindex(b',"payload_hash":')
    entry = Entry(
        value["seq"],
        value["time"],
        value["actor"],
        value["action"],
        value["object_type"],
        value["object_id"],
        value["payload_hash"],
        value["prev_hash"],
        value["hash"],
        data[start:end].decode("utf-8"),
    )
    if leaf_data(entry) != data:
        raise ValueError(f"{where}: the entry is not in canonical form")
    if payload_hash(entry.payload or "") != entry.payload_hash:
        raise ValueError(f"{where}: the payload does not match its payload hash")
    return entry
