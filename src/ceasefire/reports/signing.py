"""Ed25519 keys of the monitoring parties and detached signatures over the exact bytes of a file.

The signatures of all parties sit in one envelope next to the file, `FILE.sig.json`; the file is
never touched, so its bytes stay exactly what was signed. Each signature is a plain Ed25519
signature over those bytes: anyone with the public keys can check it offline, with this program
or with any Ed25519 tool."""

from __future__ import annotations

import base64
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ceasefire.audit.chain import sha256_hex
from ceasefire.errors import CeasefireError, InvalidInputError, Problem

ENVELOPE_FORMAT = "ceasefire-signatures/1"
_PARTY = re.compile(r"^[A-Z]{3}$")


def signatures_path(file: Path) -> Path:
    return file.with_name(file.name + ".sig.json")


def check_party(party: str) -> str:
    party = party.strip().upper()
    if not _PARTY.match(party):
        raise CeasefireError(f"party: expected an ISO 3166 alpha-3 code such as TUR, got {party!r}")
    return party


def generate_keys(*, party: str, out: Path) -> tuple[Path, Path]:
    """Write `PARTY.key` (private, PKCS#8 PEM, readable by its owner only) and `PARTY.pub`
    (public, PEM) into `out`. Existing files are never overwritten."""
    party = check_party(party)
    out.mkdir(parents=True, exist_ok=True)
    private_path, public_path = out / f"{party}.key", out / f"{party}.pub"
    for path in (private_path, public_path):
        if path.exists():
            raise CeasefireError(f"{path}: exists already; a key is never overwritten")
    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    descriptor = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(private_pem)
    private_path.chmod(0o600)  # whatever the umask said
    public_path.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return private_path, public_path


def load_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError) as exc:
        raise InvalidInputError([Problem(str(path), 1, f"not a PEM private key: {exc}")]) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise InvalidInputError([Problem(str(path), 1, "not an Ed25519 private key")])
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except (ValueError, TypeError) as exc:
        raise InvalidInputError([Problem(str(path), 1, f"not a PEM public key: {exc}")]) from None
    if not isinstance(key, Ed25519PublicKey):
        raise InvalidInputError([Problem(str(path), 1, "not an Ed25519 public key")])
    return key


def raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(key: Ed25519PublicKey) -> str:
    """A short, stable name of a public key: the first 16 hex digits of its SHA-256."""
    return sha256_hex(raw_public(key))[:16]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def read_envelope(path: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != ENVELOPE_FORMAT or not isinstance(data.get("signatures"), list):
            raise ValueError(f"expected format {ENVELOPE_FORMAT!r} with a list of signatures")
    except (ValueError, AttributeError) as exc:
        raise InvalidInputError([Problem(str(path), 1, f"not a signatures file: {exc}")]) from None
    return data


def sign_file(
    file: Path, *, private_key: Ed25519PrivateKey, party: str, envelope: Path | None = None
) -> Path:
    """Add (or renew) `party`'s signature over the exact bytes of `file`; returns the envelope."""
    party = check_party(party)
    envelope = envelope or signatures_path(file)
    content = file.read_bytes()
    digest = sha256_hex(content)
    if envelope.exists():
        data = read_envelope(envelope)
        if data.get("sha256") != digest:
            raise CeasefireError(
                f"{file}: its content differs from what {envelope} was made for "
                f"(SHA-256 {str(data.get('sha256'))[:16]}…): the others' signatures would not "
                "hold; sign the file they signed, or start a new signatures file"
            )
    else:
        data = {"format": ENVELOPE_FORMAT, "file": file.name, "sha256": digest, "signatures": []}
    public = private_key.public_key()
    entry = {
        "party": party,
        "algorithm": "ed25519",
        "key_id": key_id(public),
        "public_key": _b64(raw_public(public)),
        "signature": _b64(private_key.sign(content)),
    }
    kept = [s for s in data["signatures"] if s.get("party") != party]
    data["signatures"] = sorted([*kept, entry], key=lambda s: str(s.get("party")))
    envelope.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return envelope


@dataclass(frozen=True)
class Check:
    key: str  # the public key file given
    key_id: str
    party: str | None  # as the envelope names it
    valid: bool
    reason: str


def verify_file(
    file: Path, *, public_keys: list[Path], envelope: Path | None = None
) -> list[Check]:
    """One check per given public key: valid only if the envelope holds a signature by that key
    that holds over the exact bytes of `file`, and by a party no earlier key already stood for
    (one party's key given twice, or two keys of one party, count once: see `repeated`)."""
    envelope = envelope or signatures_path(file)
    if not envelope.exists():
        raise CeasefireError(f"{envelope}: no signatures file (sign with `ceasefire report sign`)")
    data = read_envelope(envelope)
    content = file.read_bytes()
    changed = data.get("sha256") != sha256_hex(content)
    checks = []
    for path in public_keys:
        public = load_public_key(path)
        raw = raw_public(public)
        mine = [s for s in data["signatures"] if s.get("public_key") == _b64(raw)]
        if not mine:
            checks.append(Check(str(path), key_id(public), None, False, "no signature by this key"))
            continue
        signature = mine[0]
        try:
            public.verify(base64.b64decode(str(signature.get("signature", ""))), content)
            valid, reason = True, "valid"
        except (InvalidSignature, ValueError):
            valid = False
            reason = (
                "does not hold: the file changed after it was signed"
                if changed
                else "does not hold over this file"
            )
        checks.append(Check(str(path), key_id(public), str(signature.get("party")), valid, reason))
    return repeated(checks)


def repeated(checks: list[Check]) -> list[Check]:
    """The checks with every one after the first of its key or of its party made invalid: a
    signature counts for one party, however many times its key is given."""
    seen_keys: dict[str, str] = {}
    seen_parties: dict[str, str] = {}
    out = []
    for check in checks:
        earlier = seen_keys.get(check.key_id) or (
            seen_parties.get(check.party) if check.party and check.valid else None
        )
        if earlier is not None:
            why = (
                f"the same key as {earlier}"
                if check.key_id in seen_keys
                else f"party {check.party} is signed for by {earlier} already"
            )
            check = Check(
                check.key, check.key_id, check.party, False, f"{why}: a party counts once"
            )
        else:
            seen_keys[check.key_id] = check.key
            if check.party and check.valid:
                seen_parties[check.party] = check.key
        out.append(check)
    return out


def public_from_b64(value: str) -> Ed25519PublicKey:
    try:
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(value, validate=True))
    except ValueError:
        raise CeasefireError(f"not an Ed25519 public key: {value[:20]!r}") from None


def public_pem_to_b64(pem: bytes, *, where: str) -> str:
    """The raw public key, base64, of a PEM public key file's bytes (what `keys generate` wrote)."""
    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, TypeError) as exc:
        raise InvalidInputError([Problem(where, 1, f"not a PEM public key: {exc}")]) from None
    if not isinstance(key, Ed25519PublicKey):
        raise InvalidInputError([Problem(where, 1, "not an Ed25519 public key")])
    return _b64(raw_public(key))


def party_entry(envelope: bytes, *, party: str, sha256: str, where: str) -> dict[str, str]:
    """`party`'s signature out of a signatures file's bytes made for the content `sha256`."""
    try:
        data = json.loads(envelope.decode("utf-8"))
        if data.get("format") != ENVELOPE_FORMAT or not isinstance(data.get("signatures"), list):
            raise ValueError(f"expected format {ENVELOPE_FORMAT!r} with a list of signatures")
    except (ValueError, AttributeError) as exc:
        raise InvalidInputError([Problem(where, 1, f"not a signatures file: {exc}")]) from None
    if data.get("sha256") != sha256:
        raise CeasefireError(
            f"{where}: made for other bytes (SHA-256 {str(data.get('sha256'))[:16]}…), not this "
            f"report ({sha256[:16]}…): sign the JSON downloaded from this report"
        )
    mine = [s for s in data["signatures"] if isinstance(s, dict) and s.get("party") == party]
    if not mine:
        raise CeasefireError(f"{where}: holds no signature by {party}")
    entry = mine[0]
    for field in ("public_key", "signature"):
        if not isinstance(entry.get(field), str):
            raise InvalidInputError([Problem(where, 1, f"{party}'s signature: no {field}")])
    return {"public_key": entry["public_key"], "signature": entry["signature"]}


def verdict(
    content: bytes, *, public_key: str, signature: str, registered: list[str]
) -> tuple[bool, str]:
    """Whether a signature (base64) by `public_key` holds over `content` and that key is one the
    party registered (`registered`, base64 raw keys)."""
    if public_key not in registered:
        return False, (
            "the party has registered no public key"
            if not registered
            else "made with a key the party has not registered"
        )
    try:
        public_from_b64(public_key).verify(base64.b64decode(signature), content)
    except (InvalidSignature, ValueError, CeasefireError):
        return False, "does not hold over the report's bytes"
    return True, "verified"
