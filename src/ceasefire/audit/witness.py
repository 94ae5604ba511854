"""A monitoring party's witness: it cosigns the center's checkpoint only when the log it names
is an extension of the last one it cosigned, and after any failure it cosigns nothing until a
person clears it.

The witness reads the log as any tlog-tiles client does (`Fetch` is handed in: HTTP for the
command, anything for a test): the checkpoint, then the hash tiles it needs to compute the
consistency proof itself, which it checks against the root it kept. Its state file is signed
with its own key, so an edited state file is refused rather than trusted."""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ceasefire.audit import merkle, notes, tiles
from ceasefire.audit.chain import canonical_json

STATE_FORMAT = "ceasefire-witness/1"

Fetch = Callable[[str], bytes | None]
"""`path` under the log's URL (`checkpoint`, `tile/0/000.p/7`) -> its bytes, None for 404."""


class WitnessRefusalError(Exception):
    """The witness did not cosign; `alarm` is True when it saw the log misbehave (a fork, a
    rewrite, a forged checkpoint) rather than simply having nothing new."""

    def __init__(self, message: str, *, alarm: bool = True) -> None:
        super().__init__(message)
        self.alarm = alarm


@dataclass(frozen=True)
class State:
    origin: str
    size: int = 0
    root: str = ""  # base64, as in the checkpoint
    checkpoint: str = ""  # the last note cosigned, with this witness's cosignature
    failure: dict[str, str] | None = None
    history: tuple[dict[str, str], ...] = field(default_factory=tuple)

    def document(self) -> dict[str, Any]:
        return {
            "format": STATE_FORMAT,
            "origin": self.origin,
            "size": self.size,
            "root": self.root,
            "checkpoint": self.checkpoint,
            "failure": self.failure,
            "history": list(self.history),
        }


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def save_state(path: Path, state: State, key: Ed25519PrivateKey) -> None:
    """Write the state signed by the witness's key, atomically."""
    document = state.document()
    signature = key.sign(canonical_json(document))
    document["signature"] = base64.b64encode(signature).decode()
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    temporary.replace(path)


def load_state(path: Path, public: Ed25519PublicKey, *, origin: str) -> State:
    """The witness's state; a new one when the file does not exist yet. A file whose signature
    fails, or that speaks of another log, is refused."""
    if not path.exists():
        return State(origin)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        signature = base64.b64decode(document.pop("signature"))
        public.verify(signature, canonical_json(document))
    except (ValueError, KeyError, TypeError, AttributeError, InvalidSignature):
        raise WitnessRefusalError(
            f"{path}: the witness state file is not as this witness signed it (edited, or "
            "another key's): refusing to cosign until a person looks at it"
        ) from None
    if document.get("format") != STATE_FORMAT or document.get("origin") != origin:
        raise WitnessRefusalError(
            f"{path}: a witness state of another log ({document.get('origin')!r})"
        )
    return State(
        origin=document["origin"],
        size=int(document["size"]),
        root=str(document["root"]),
        checkpoint=str(document["checkpoint"]),
        failure=document["failure"],
        history=tuple(document["history"]),
    )


def tile_reader(fetch: Fetch, size: int) -> tiles.TileReader:
    """Hash tiles of the log at `size`, fetched once each, of exactly the length they must have."""
    cache: dict[tuple[int, int], bytes] = {}

    def read(level: int, index: int) -> bytes:
        if (level, index) not in cache:
            width = tiles.tile_width(level, index, size)
            name = tiles.TileName(level, index, width)
            data = fetch(name.path) if width else b""
            if data is None:
                raise WitnessRefusalError(
                    f"the log does not serve {name.path}, which its size implies"
                )
            if len(data) != width * tiles.HASH:
                raise WitnessRefusalError(
                    f"{name.path} has {len(data)} bytes, a tile of {width} hashes has "
                    f"{width * tiles.HASH}"
                )
            cache[(level, index)] = data
        return cache[(level, index)]

    return read


def fetch_checkpoint(fetch: Fetch, *, origin: str, log_key: Ed25519PublicKey) -> notes.Note:
    """The log's checkpoint, its origin and signature checked."""
    data = fetch("checkpoint")
    if data is None:
        raise WitnessRefusalError("the log serves no checkpoint", alarm=False)
    try:
        note = notes.parse(data.decode("utf-8"), where="the log's checkpoint")
        if note.checkpoint.origin != origin:
            raise notes.NoteError(
                f"the checkpoint is of {note.checkpoint.origin!r}, not {origin!r}"
            )
        notes.verify_signature(note, name=origin, public=log_key)
    except (UnicodeDecodeError, notes.NoteError) as exc:
        raise WitnessRefusalError(f"forged or malformed checkpoint: {exc}") from None
    return note


def check_extension(fetch: Fetch, state: State, note: notes.Note) -> None:
    """Raise WitnessRefusalError unless the checkpoint's log extends the one last cosigned."""
    point = note.checkpoint
    root_b64 = base64.b64encode(point.root).decode()
    if point.size < state.size:
        raise WitnessRefusalError(
            f"the log went back from size {state.size} to {point.size}: it was truncated or forked"
        )
    if point.size == state.size:
        if root_b64 != state.root:
            raise WitnessRefusalError(
                f"fork: two checkpoints of size {point.size} with different roots "
                f"({state.root} cosigned, {root_b64} now)"
            )
        return
    if state.size == 0:
        return  # the first checkpoint this witness sees: nothing to be consistent with
    read = tile_reader(fetch, point.size)
    try:
        proof = merkle.consistency_proof(state.size, point.size, tiles.range_hash(read))
        merkle.verify_consistency(
            state.size, point.size, proof, base64.b64decode(state.root), point.root
        )
    except merkle.ProofError as exc:
        raise WitnessRefusalError(
            f"the log of size {point.size} is not an extension of the log of size {state.size} "
            f"this witness cosigned: its entries before {state.size + 1} were rewritten ({exc})"
        ) from None


def witness_once(
    fetch: Fetch,
    *,
    state_path: Path,
    key: Ed25519PrivateKey,
    name: str,
    origin: str,
    log_key: Ed25519PublicKey,
    hand_in: Callable[[str], None],
    timestamp: int | None = None,
) -> notes.Note:
    """One round: fetch the checkpoint, check it, cosign it, hand the cosigned note to the log
    (`hand_in`) and keep it. Any refusal that is an alarm is written to the state, and from then
    on every round refuses until `clear` is run."""
    state = load_state(state_path, key.public_key(), origin=origin)
    if state.failure is not None:
        raise WitnessRefusalError(
            f"this witness refused the log at {state.failure['time']} "
            f"({state.failure['message']}) and cosigns nothing until a person runs "
            "`ceasefire witness clear`"
        )
    try:
        note = fetch_checkpoint(fetch, origin=origin, log_key=log_key)
        check_extension(fetch, state, note)
    except WitnessRefusalError as refusal:
        if refusal.alarm:
            failure = {"time": _now(), "message": str(refusal)}
            save_state(state_path, replace(state, failure=failure), key)
        raise
    stamp = int(dt.datetime.now(dt.UTC).timestamp()) if timestamp is None else timestamp
    own = notes.cosign(note.checkpoint, name=name, key=key, timestamp=stamp)
    cosigned = note.with_signature(own)
    hand_in(cosigned.text)
    root_b64 = base64.b64encode(note.checkpoint.root).decode()
    save_state(
        state_path,
        replace(state, size=note.checkpoint.size, root=root_b64, checkpoint=cosigned.text),
        key,
    )
    return cosigned


def clear(state_path: Path, *, key: Ed25519PrivateKey, origin: str, by: str, reason: str) -> State:
    """A person clears the witness's failure after looking into it; the failure stays in the
    history. The root last cosigned is kept: a rewritten log is refused again."""
    state = load_state(state_path, key.public_key(), origin=origin)
    if state.failure is None:
        raise WitnessRefusalError("the witness has no failure to clear", alarm=False)
    entry = {**state.failure, "cleared": _now(), "cleared_by": by, "reason": reason}
    cleared = replace(state, failure=None, history=(*state.history, entry))
    save_state(state_path, cleared, key)
    return cleared
