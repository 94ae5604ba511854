"""The daily report carries the cosigned checkpoint of its cut-off and an inclusion proof per
listed incident; `report verify` checks the log's signature, each witness's cosignature and
every proof, and refuses a report whose record was changed."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from typer.testing import CliRunner

from ceasefire import db as store
from ceasefire.audit import log, notes
from ceasefire.cli import app
from ceasefire.reports import render
from tests.reports.test_daily import build, populate

runner = CliRunner()
ORIGIN = "center.test/audit"


def _cosign(engine: Engine, keys: Path) -> None:
    log_key = notes.generate_key(keys / "tlog.key")
    witnesses = {party: notes.generate_key(keys / f"{party}.key") for party in ("TUR", "RUS")}
    with store.transaction(engine) as session:
        note = log.checkpoint(session, origin=ORIGIN, key=log_key)
        for party, key in witnesses.items():
            note = note.with_signature(
                notes.cosign(note.checkpoint, name=party, key=key, timestamp=1)
            )
        log.add_cosignature(
            session,
            note_text=note.text,
            origin=ORIGIN,
            log_key=log_key.public_key(),
            witnesses={p: k.public_key() for p, k in witnesses.items()},
        )


def _verify(report: Path, keys: Path) -> tuple[int, str]:
    args = ["report", "verify", str(report)]
    for party in ("TUR", "RUS"):
        args += ["--key", str(keys / f"{party}.pub"), "--witness-key", str(keys / f"{party}.pub")]
    args += ["--log-key", str(keys / "tlog.pub")]
    result = runner.invoke(app, args)
    return result.exit_code, result.stdout + result.stderr


def _signed(report: dict[str, object], tmp_path: Path, keys: Path) -> Path:
    path = tmp_path / "report.json"
    path.write_bytes(render.to_json(report))
    for party in ("TUR", "RUS"):
        result = runner.invoke(
            app, ["report", "sign", str(path), "--key", str(keys / f"{party}.key")]
        )
        assert result.exit_code == 0, result.output
    return path


def test_the_report_carries_the_cosigned_checkpoint_and_proofs(
    engine: Engine, tmp_path: Path
) -> None:
    ids = populate(engine)
    keys = tmp_path / "keys"
    _cosign(engine, keys)
    report = build(engine)
    section = report["log"]
    assert section["checkpoint"] is not None
    proven = {item["incident"] for item in section["inclusion"]}
    assert (
        proven
        == {item["id"] for item in report["incidents"]["items"]}
        == {ids["hadrut"], ids["aghdam"]}
    )
    code, output = _verify(_signed(report, tmp_path, keys), keys)
    assert code == 0, output
    assert "cosignature TUR: cosigned size" in output
    assert "cosignature RUS: cosigned size" in output
    assert f"incident {ids['hadrut']}: entry" in output


def test_a_changed_entry_or_a_missing_cosignature_fails(engine: Engine, tmp_path: Path) -> None:
    populate(engine)
    keys = tmp_path / "keys"
    _cosign(engine, keys)
    report = build(engine)
    item = report["log"]["inclusion"][0]
    item["entry"]["payload"]["type"] = "something-else"
    code, output = _verify(_signed(report, tmp_path, keys), keys)
    assert code == 1
    assert f"incident {item['incident']}: inclusion proof does not hold" in output
    report = build(engine)
    note = notes.parse(report["log"]["checkpoint"])
    report["log"]["checkpoint"] = notes.Note(
        note.checkpoint, tuple(s for s in note.signatures if s.name != "RUS")
    ).text
    code, output = _verify(
        _signed(
            report, tmp_path / "again" if (tmp_path / "again").mkdir() is None else tmp_path, keys
        ),
        keys,
    )
    assert code == 1
    assert "cosignature RUS: the checkpoint carries no cosignature of RUS" in output


def test_without_a_cosigned_checkpoint_the_report_says_so(engine: Engine, tmp_path: Path) -> None:
    populate(engine)
    report = build(engine)
    assert report["log"] == {"checkpoint": None, "inclusion": []}
