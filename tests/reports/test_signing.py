"""Keys, signing and verifying: round trips, any changed byte fails, offline checks with OpenSSL."""

from __future__ import annotations

import base64
import json
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ceasefire.cli import app
from ceasefire.errors import CeasefireError
from ceasefire.reports import signing

runner = CliRunner()
CONTENT = (
    '{"agreement":{"id":"nagorno-karabakh-2020"},"audit_head":{"seq":41},"date":"2020-12-11",'
    '"incidents":{"count":1,"items":[{"place":"Hin Taghe (Հին Թաղեր)","district":"Xocavənd"}]}}'
).encode()


@pytest.fixture
def keys(tmp_path: Path) -> Path:
    folder = tmp_path / "keys"
    for party in ("TUR", "RUS"):
        signing.generate_keys(party=party, out=folder)
    return folder


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report-2020-12-11.json"
    path.write_bytes(CONTENT)
    return path


def sign_both(report: Path, keys: Path) -> None:
    for party in ("TUR", "RUS"):
        signing.sign_file(
            report, private_key=signing.load_private_key(keys / f"{party}.key"), party=party
        )


def valid(report: Path, keys: Path, parties: tuple[str, ...] = ("TUR", "RUS")) -> list[bool]:
    checks = signing.verify_file(report, public_keys=[keys / f"{p}.pub" for p in parties])
    return [c.valid for c in checks]


def test_generated_keys_are_pem_and_the_private_one_is_private(keys: Path) -> None:
    assert stat.S_IMODE((keys / "TUR.key").stat().st_mode) == 0o600
    assert (keys / "TUR.key").read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert (keys / "TUR.pub").read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----")
    with pytest.raises(CeasefireError, match="never overwritten"):
        signing.generate_keys(party="TUR", out=keys)
    with pytest.raises(CeasefireError, match="ISO 3166"):
        signing.generate_keys(party="Turkey", out=keys)


def test_sign_and_verify_round_trip_without_touching_the_file(report: Path, keys: Path) -> None:
    sign_both(report, keys)
    assert report.read_bytes() == CONTENT
    assert valid(report, keys) == [True, True]
    envelope = json.loads(signing.signatures_path(report).read_text())
    assert [s["party"] for s in envelope["signatures"]] == ["RUS", "TUR"]


def test_signing_again_renews_the_partys_signature_only(report: Path, keys: Path) -> None:
    sign_both(report, keys)
    signing.sign_file(report, private_key=signing.load_private_key(keys / "TUR.key"), party="TUR")
    envelope = json.loads(signing.signatures_path(report).read_text())
    assert len(envelope["signatures"]) == 2
    assert valid(report, keys) == [True, True]


def test_every_changed_byte_fails(report: Path, keys: Path) -> None:
    sign_both(report, keys)
    for position in range(len(CONTENT)):
        changed = bytearray(CONTENT)
        changed[position] ^= 0x01
        report.write_bytes(bytes(changed))
        assert valid(report, keys) == [False, False], position
    for changed_content in (CONTENT + b"\n", CONTENT[:-1], b" " + CONTENT):
        report.write_bytes(changed_content)
        assert valid(report, keys) == [False, False]
    report.write_bytes(CONTENT)
    assert valid(report, keys) == [True, True]


def test_a_missing_or_foreign_signature_fails(report: Path, keys: Path, tmp_path: Path) -> None:
    signing.sign_file(report, private_key=signing.load_private_key(keys / "TUR.key"), party="TUR")
    assert valid(report, keys, ("TUR",)) == [True]
    assert valid(report, keys, ("TUR", "RUS")) == [True, False]
    # A signature made with another key but labelled RUS does not pass for RUS's key.
    signing.generate_keys(party="RUS", out=tmp_path / "impostor")
    signing.sign_file(
        report,
        private_key=signing.load_private_key(tmp_path / "impostor" / "RUS.key"),
        party="RUS",
    )
    assert valid(report, keys) == [True, False]


def test_a_tampered_signature_fails(report: Path, keys: Path) -> None:
    sign_both(report, keys)
    path = signing.signatures_path(report)
    envelope = json.loads(path.read_text())
    raw = bytearray(base64.b64decode(envelope["signatures"][1]["signature"]))
    raw[0] ^= 0x80
    envelope["signatures"][1]["signature"] = base64.b64encode(bytes(raw)).decode()
    path.write_text(json.dumps(envelope))
    assert valid(report, keys) == [False, True]  # TUR's signature broken, RUS's intact


def test_signing_a_changed_file_is_refused(report: Path, keys: Path) -> None:
    signing.sign_file(report, private_key=signing.load_private_key(keys / "TUR.key"), party="TUR")
    report.write_bytes(CONTENT + b" ")
    with pytest.raises(CeasefireError, match="differs"):
        signing.sign_file(
            report, private_key=signing.load_private_key(keys / "RUS.key"), party="RUS"
        )


def _check(key: str, key_id: str, party: str | None, valid: bool = True) -> signing.Check:
    return signing.Check(key, key_id, party, valid, "valid" if valid else "no signature")


@pytest.mark.parametrize(
    ("checks", "counted"),
    [
        ([_check("a", "k1", "TUR"), _check("b", "k2", "RUS")], [True, True]),
        ([_check("a", "k1", "TUR"), _check("a", "k1", "TUR")], [True, False]),
        ([_check("a", "k1", "TUR"), _check("b", "k1", "TUR")], [True, False]),  # copied file
        ([_check("a", "k1", "TUR"), _check("b", "k2", "TUR")], [True, False]),  # two TUR keys
        ([_check("a", "k1", "TUR", False), _check("b", "k2", "TUR")], [False, True]),
        ([_check("a", "k1", None, False), _check("b", "k2", None, False)], [False, False]),
    ],
)
def test_a_party_counts_once_however_often_its_key_is_given(
    checks: list[signing.Check], counted: list[bool]
) -> None:
    assert [c.valid for c in signing.repeated(checks)] == counted


def test_one_partys_key_twice_is_not_two_signatures(report: Path, keys: Path) -> None:
    sign_both(report, keys)
    assert valid(report, keys, ("TUR", "TUR")) == [True, False]
    assert valid(report, keys, ("TUR", "RUS", "TUR")) == [True, True, False]


def test_cli_round_trip_and_exit_codes(report: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cli-keys"
    for party in ("TUR", "RUS"):
        result = runner.invoke(app, ["keys", "generate", "--party", party, "--out", str(folder)])
        assert result.exit_code == 0, result.output
        result = runner.invoke(
            app, ["report", "sign", str(report), "--key", str(folder / f"{party}.key")]
        )
        assert result.exit_code == 0, result.output
        assert f"signed by {party}" in result.output
    both = ["--key", str(folder / "TUR.pub"), "--key", str(folder / "RUS.pub")]
    result = runner.invoke(app, ["report", "verify", str(report), *both])
    assert result.exit_code == 0, result.output
    assert "valid signatures by all 2 keys, of parties RUS, TUR" in result.output
    twice = ["--key", str(folder / "TUR.pub"), "--key", str(folder / "TUR.pub")]
    result = runner.invoke(app, ["report", "verify", str(report), *twice])
    assert result.exit_code == 1, result.output
    assert "the same key as" in result.output
    report.write_bytes(CONTENT.replace(b"41", b"40"))
    result = runner.invoke(app, ["report", "verify", str(report), *both])
    assert result.exit_code == 1
    assert "changed after it was signed" in result.output
    result = runner.invoke(app, ["report", "verify", str(tmp_path / "none.json"), *both])
    assert result.exit_code != 0


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
def test_anyone_can_check_a_signature_with_openssl(
    report: Path, keys: Path, tmp_path: Path
) -> None:
    sign_both(report, keys)
    envelope = json.loads(signing.signatures_path(report).read_text())
    turkish = next(s for s in envelope["signatures"] if s["party"] == "TUR")
    signature = tmp_path / "tur.sig"
    signature.write_bytes(base64.b64decode(turkish["signature"]))
    command = [
        "openssl",
        "pkeyutl",
        "-verify",
        "-pubin",
        "-inkey",
        str(keys / "TUR.pub"),
        "-rawin",
        "-in",
        str(report),
        "-sigfile",
        str(signature),
    ]
    assert subprocess.run(command, capture_output=True, check=False).returncode == 0
    report.write_bytes(CONTENT + b" ")
    assert subprocess.run(command, capture_output=True, check=False).returncode != 0
