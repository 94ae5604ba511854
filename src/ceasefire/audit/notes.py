"""Checkpoints as C2SP signed notes: the log's signature, the witnesses' cosignatures (pure).

A checkpoint (C2SP tlog-checkpoint) is three lines, the log's origin, its size and its root in
base64, followed by a blank line and signature lines `— NAME BASE64`. The log signs with an
Ed25519 note key (algorithm byte 0x01); a witness cosigns with C2SP tlog-cosignature/v1
(algorithm byte 0x04: key ID, 8-byte time, and an Ed25519 signature over
`cosignature/v1\\ntime T\\n` and the checkpoint). Any C2SP-speaking tool can check them."""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ceasefire.audit import merkle
from ceasefire.errors import InvalidInputError, Problem

ED25519 = 0x01
COSIGNATURE_V1 = 0x04
_DASH = "\u2014 "


class NoteError(ValueError):
    """A note, checkpoint or signature that is refused, with what failed."""


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes
    extensions: tuple[str, ...] = ()

    @property
    def body(self) -> str:
        lines = [
            self.origin,
            str(self.size),
            base64.b64encode(self.root).decode(),
            *self.extensions,
        ]
        return "".join(line + "\n" for line in lines)


@dataclass(frozen=True)
class Signature:
    name: str
    key_id: bytes
    data: bytes  # what follows the key ID

    @property
    def line(self) -> str:
        return f"{_DASH}{self.name} {base64.b64encode(self.key_id + self.data).decode()}\n"


@dataclass(frozen=True)
class Note:
    checkpoint: Checkpoint
    signatures: tuple[Signature, ...]

    @property
    def text(self) -> str:
        return self.checkpoint.body + "\n" + "".join(s.line for s in self.signatures)

    def with_signature(self, signature: Signature) -> Note:
        kept = [
            s for s in self.signatures if (s.name, s.key_id) != (signature.name, signature.key_id)
        ]
        return Note(self.checkpoint, (*kept, signature))


def public_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(name: str, algorithm: int, public: Ed25519PublicKey) -> bytes:
    material = name.encode() + b"\n" + bytes([algorithm]) + public_bytes(public)
    return hashlib.sha256(material).digest()[:4]


def verifier_key(name: str, public: Ed25519PublicKey) -> str:
    """The note verifier key `NAME+HEXID+BASE64`, which a party publishes for its key."""
    encoded = base64.b64encode(bytes([ED25519]) + public_bytes(public)).decode()
    return f"{name}+{key_id(name, ED25519, public).hex()}+{encoded}"


def _check_name(name: str) -> str:
    if not name or any(c.isspace() or c == "+" for c in name):
        raise NoteError(f"a key name has no spaces and no '+': {name!r}")
    return name


def sign(checkpoint: Checkpoint, *, name: str, key: Ed25519PrivateKey) -> Note:
    """The checkpoint signed by the log's key `name`."""
    signature = key.sign(checkpoint.body.encode())
    kid = key_id(_check_name(name), ED25519, key.public_key())
    return Note(checkpoint, (Signature(name, kid, signature),))


def _cosigned_message(checkpoint: Checkpoint, timestamp: int) -> bytes:
    return f"cosignature/v1\ntime {timestamp}\n{checkpoint.body}".encode()


def cosign(
    checkpoint: Checkpoint, *, name: str, key: Ed25519PrivateKey, timestamp: int
) -> Signature:
    """A witness's tlog-cosignature/v1 of the checkpoint at `timestamp` (seconds since 1970)."""
    signed = key.sign(_cosigned_message(checkpoint, timestamp))
    kid = key_id(_check_name(name), COSIGNATURE_V1, key.public_key())
    return Signature(name, kid, timestamp.to_bytes(8, "big") + signed)


def parse(text: str, *, where: str = "the checkpoint") -> Note:
    """A signed checkpoint note, or NoteError naming the line that is wrong."""
    body, sep, rest = text.partition("\n\n")
    if not sep:
        raise NoteError(f"{where}: no blank line between the checkpoint and its signatures")
    lines = body.split("\n")
    if len(lines) < 3:
        raise NoteError(f"{where}: a checkpoint has an origin, a size and a root line")
    origin, size_text, root_text, *extensions = lines
    if not origin or origin != origin.strip():
        raise NoteError(f"{where}, line 1: the origin line is empty or has spaces around it")
    if not size_text.isdigit() or (size_text != "0" and size_text.startswith("0")):
        raise NoteError(f"{where}, line 2: the size must be a decimal number, got {size_text!r}")
    try:
        root = base64.b64decode(root_text, validate=True)
    except binascii.Error:
        raise NoteError(f"{where}, line 3: the root is not base64") from None
    if len(root) != merkle.HASH_SIZE:
        raise NoteError(f"{where}, line 3: the root has {len(root)} bytes, not 32")
    signatures = []
    if not rest.endswith("\n"):
        raise NoteError(f"{where}: the last signature line does not end with a newline")
    for number, line in enumerate(rest[:-1].split("\n"), len(lines) + 2):
        name, _, encoded = line.removeprefix(_DASH).partition(" ")
        if not line.startswith(_DASH) or not name or " " in encoded:
            raise NoteError(f"{where}, line {number}: not a signature line ('— NAME BASE64')")
        try:
            raw = base64.b64decode(encoded, validate=True)
        except binascii.Error:
            raise NoteError(f"{where}, line {number}: the signature is not base64") from None
        if len(raw) < 5:
            raise NoteError(f"{where}, line {number}: the signature is too short")
        signatures.append(Signature(name, raw[:4], raw[4:]))
    checkpoint = Checkpoint(origin, int(size_text), root, tuple(extensions))
    return Note(checkpoint, tuple(signatures))


def verify_signature(note: Note, *, name: str, public: Ed25519PublicKey) -> None:
    """Raise NoteError unless the log key `name` signed the checkpoint."""
    kid = key_id(name, ED25519, public)
    for signature in note.signatures:
        if signature.name == name and signature.key_id == kid:
            try:
                public.verify(signature.data, note.checkpoint.body.encode())
            except InvalidSignature:
                raise NoteError(f"the signature of {name} on the checkpoint is forged") from None
            return
    raise NoteError(f"the checkpoint carries no signature of the log key {name}")


def verify_cosignature(note: Note, *, name: str, public: Ed25519PublicKey) -> int:
    """The time of witness `name`'s valid cosignature on the checkpoint, or NoteError."""
    kid = key_id(name, COSIGNATURE_V1, public)
    for signature in note.signatures:
        if signature.name == name and signature.key_id == kid:
            if len(signature.data) != 8 + 64:
                raise NoteError(f"the cosignature of {name} has the wrong length")
            timestamp = int.from_bytes(signature.data[:8], "big")
            try:
                public.verify(signature.data[8:], _cosigned_message(note.checkpoint, timestamp))
            except InvalidSignature:
                raise NoteError(f"the cosignature of {name} on the checkpoint is forged") from None
            return timestamp
    raise NoteError(f"the checkpoint carries no cosignature of {name}")


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """An Ed25519 private key from a PEM file (as `report keygen` writes them)."""
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise InvalidInputError([Problem(str(path), 1, f"not a PEM private key: {exc}")]) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise InvalidInputError([Problem(str(path), 1, "not an Ed25519 private key")])
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    """An Ed25519 public key from a PEM file, or the public half of a private key file."""
    data = path.read_bytes() if path.is_file() else b""
    if b"PRIVATE KEY" in data:
        return load_private_key(path).public_key()
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError) as exc:
        raise InvalidInputError([Problem(str(path), 1, f"not a PEM public key: {exc}")]) from None
    if not isinstance(key, Ed25519PublicKey):
        raise InvalidInputError([Problem(str(path), 1, "not an Ed25519 public key")])
    return key


def generate_key(path: Path) -> Ed25519PrivateKey:
    """A new Ed25519 key written to `path` (PKCS#8 PEM, owner-only); never overwrites."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("xb") as handle:
        handle.write(pem)
    path.chmod(0o600)
    path.with_suffix(".pub").write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return key
