"""Stored daily reports on both stores: built once a day as exact bytes, a party's uploaded
signature kept once (the same one again is a no-op, another refused), verified per party against
the keys registered; and the HTML/PDF name the SHA-256 of the very bytes that are signed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from ceasefire import db as store
from ceasefire.audit.chain import sha256_hex
from ceasefire.cli import app
from ceasefire.errors import CeasefireError, ConflictError
from ceasefire.reports import render, signing
from ceasefire.reports import store as reports_store
from tests.reports.test_daily import AGREEMENT, DAY, populate

CUTOFF = "17:00"


def _build(engine: Engine) -> tuple[int, bytes]:
    with store.transaction(engine) as session:
        stored = reports_store.build(
            session, agreement_id=AGREEMENT, day=DAY, cutoff=CUTOFF, actor="monitor-tur"
        )
        return stored.id, stored.content


def _sign(folder: Path, content: bytes, party: str) -> tuple[bytes, Path]:
    """`party` signs the bytes offline with a fresh key, as `ceasefire report sign` does."""
    keys = folder / party
    private, public = signing.generate_keys(party=party, out=keys)
    file = folder / f"{party}-report.json"
    file.write_bytes(content)
    envelope = signing.sign_file(file, private_key=signing.load_private_key(private), party=party)
    return envelope.read_bytes(), public


# (who registers a key, bytes tampered after signing, expected signature state, reason)
CASES = [
    ("own", False, True, "verified"),
    ("none", False, False, "the party has registered no public key"),
    ("other", False, False, "made with a key the party has not registered"),
    ("own", True, False, "does not hold over the report's bytes"),
]


@pytest.mark.parametrize(("register", "tamper", "verified", "reason"), CASES)
def test_a_signature_is_verified_per_party(
    engine: Engine, tmp_path: Path, register: str, tamper: bool, verified: bool, reason: str
) -> None:
    populate(engine)
    report_id, content = _build(engine)
    envelope, public = _sign(tmp_path, content, "TUR")
    _, other_public = _sign(tmp_path / "other", content, "TUR")
    with store.transaction(engine) as session:
        if register != "none":
            pem = (public if register == "own" else other_public).read_bytes()
            reports_store.register_key(session, party="TUR", pem=pem, where="TUR.pub", actor="t")
        reports_store.add_signature(
            session, report_id=report_id, party="TUR", envelope=envelope, where="x", actor="m"
        )
        stored = reports_store.get(session, report_id=report_id)
        if tamper:
            stored.content = content + b" "
        states = reports_store.status(session, stored, ["RUS", "TUR"])
        session.rollback()
    assert [(s.party, s.signed, s.verified, s.reason) for s in states] == [
        ("RUS", False, False, "not signed yet"),
        ("TUR", True, verified, reason),
    ]


def test_signatures_are_added_once_and_a_report_built_once(engine: Engine, tmp_path: Path) -> None:
    populate(engine)
    report_id, content = _build(engine)
    with pytest.raises(ConflictError, match="built already"):
        _build(engine)
    first, _ = _sign(tmp_path / "a", content, "TUR")
    second, _ = _sign(tmp_path / "b", content, "TUR")
    with store.transaction(engine) as session:
        kept = reports_store.add_signature(
            session, report_id=report_id, party="TUR", envelope=first, where="f", actor="m"
        )
        again = reports_store.add_signature(
            session, report_id=report_id, party="TUR", envelope=first, where="f", actor="m"
        )
        assert again.id == kept.id  # the same upload twice is a no-op
        with pytest.raises(ConflictError, match="TUR has signed"):
            reports_store.add_signature(
                session, report_id=report_id, party="TUR", envelope=second, where="s", actor="m"
            )
        with pytest.raises(CeasefireError, match="holds no signature by RUS"):
            reports_store.add_signature(
                session, report_id=report_id, party="RUS", envelope=first, where="f", actor="m"
            )


def test_a_signatures_file_for_other_bytes_is_refused(engine: Engine, tmp_path: Path) -> None:
    populate(engine)
    report_id, content = _build(engine)
    envelope, _ = _sign(tmp_path, content + b"\n", "TUR")
    with store.transaction(engine) as session, pytest.raises(CeasefireError, match="other bytes"):
        reports_store.add_signature(
            session, report_id=report_id, party="TUR", envelope=envelope, where="up", actor="m"
        )


def test_html_from_a_signed_json_names_its_sha256(engine: Engine, tmp_path: Path) -> None:
    """Without --known-at, building HTML again names another report; --from names the file's."""
    populate(engine)
    url = str(engine.url.render_as_string(hide_password=False))
    signed = tmp_path / "report.json"
    runner = CliRunner()
    day = DAY.isoformat()
    base = ["report", "daily", "--date", day, "--db", url]
    assert runner.invoke(app, [*base, "--out", str(signed)]).exit_code == 0
    html = tmp_path / "report.html"
    result = runner.invoke(
        app, [*base, "--format", "html", "--from", str(signed), "--out", str(html)]
    )
    assert result.exit_code == 0, result.output
    assert sha256_hex(signed.read_bytes()) in html.read_text(encoding="utf-8")
    report = json.loads(signed.read_bytes())
    assert sha256_hex(signed.read_bytes()) in render.to_html(report, signed=signed.read_bytes())


@pytest.mark.parametrize(
    ("party", "code", "said"),
    [
        ("TUR", 0, "TUR: public key"),
        ("ARM", 1, "not a monitoring party of any loaded agreement"),
        ("tu", 1, "expected an ISO 3166 alpha-3 code"),
    ],
)
def test_keys_register_takes_monitoring_parties_only(
    engine: Engine, tmp_path: Path, party: str, code: int, said: str
) -> None:
    populate(engine)
    _, public = signing.generate_keys(party="TUR", out=tmp_path)
    url = str(engine.url.render_as_string(hide_password=False))
    args = ["keys", "register", str(public), "--party", party, "--db", url]
    result = CliRunner().invoke(app, args)
    assert (result.exit_code, said in result.output) == (code, True), result.output
    again = CliRunner().invoke(app, args)
    assert again.exit_code == code  # registering the same key again changes nothing
    with store.transaction(engine) as session:
        assert len(reports_store.party_keys(session)) == (1 if code == 0 else 0)
