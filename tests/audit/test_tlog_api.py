"""The log over HTTP: checkpoint, hash tiles (public, immutable when full), entry bundles (for
tokens only) and cosignatures handed in by known witnesses."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from ceasefire import db as store
from ceasefire.app import create_app
from ceasefire.audit import chain, merkle, notes, tiles
from ceasefire.audit import service as audit_service
from ceasefire.audit.events import DomainEvent
from ceasefire.settings import Settings
from tests.world import make_world

ORIGIN = "center.test/audit"


def _app(db_url: str, data_dir: Path) -> TestClient:
    settings = Settings(
        database_url=db_url, secret_key="x" * 40, data_dir=data_dir, tlog_origin=ORIGIN
    )
    return TestClient(create_app(settings))


def test_checkpoint_tiles_and_bundles(db_url: str, tmp_path: Path) -> None:
    world = make_world(db_url)
    public = _app(db_url, tmp_path)
    response = public.get("/tlog/checkpoint")
    assert response.status_code == 200, response.text
    note = notes.parse(response.text)
    notes.verify_signature(note, name=ORIGIN, public=notes.load_public_key(tmp_path / "tlog.key"))
    size = note.checkpoint.size
    assert size > 1
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        leaves = [merkle.leaf_hash(chain.leaf_data(e)) for e in audit_service.iter_entries(session)]
    engine.dispose()
    assert note.checkpoint.root == merkle.root(leaves)
    tile = public.get(f"/tlog/tile/0/000.p/{size}")
    assert tile.status_code == 200
    assert tile.content == b"".join(leaves)
    assert tile.headers["cache-control"] == "no-cache"
    assert public.get("/tlog/tile/0/001").status_code == 404
    assert public.get("/tlog/tile/0/1").status_code == 404
    assert public.get(f"/tlog/tile/entries/000.p/{size}").status_code == 401
    bundle = world.client("monitor-rus").get(f"/tlog/tile/entries/000.p/{size}")
    assert bundle.status_code == 200
    assert [merkle.leaf_hash(d) for d in tiles.unbundle(bundle.content, expected=size)] == leaves


def test_a_full_tile_is_immutable(db_url: str, tmp_path: Path) -> None:
    make_world(db_url)
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        head = audit_service.head(session).seq
        audit_service.record_events(
            session,
            [
                DomainEvent("thing-made", "tester", "thing", str(i), {})
                for i in range(tiles.WIDTH - head)
            ],
        )
    engine.dispose()
    response = _app(db_url, tmp_path).get("/tlog/tile/0/000")
    assert response.status_code == 200
    assert len(response.content) == tiles.WIDTH * 32
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"


def test_cosignatures_of_known_witnesses_are_kept(db_url: str, tmp_path: Path) -> None:
    make_world(db_url)
    client = _app(db_url, tmp_path)
    note = notes.parse(client.get("/tlog/checkpoint").text)
    witness = tmp_path / "witnesses" / "TUR.key"
    key = notes.generate_key(witness)
    stranger = notes.Ed25519PrivateKey.generate()
    cosigned = note.with_signature(notes.cosign(note.checkpoint, name="TUR", key=key, timestamp=5))
    response = client.post(
        "/tlog/cosignature", content=cosigned.text, headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 200, response.text
    served = notes.parse(client.get("/tlog/checkpoint").text)
    assert notes.verify_cosignature(served, name="TUR", public=key.public_key()) == 5
    forged = note.with_signature(
        notes.cosign(note.checkpoint, name="TUR", key=stranger, timestamp=5)
    )
    response = client.post(
        "/tlog/cosignature", content=forged.text, headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 422
    assert "no cosignature of TUR" in response.text
    unknown = note.with_signature(
        notes.cosign(note.checkpoint, name="RUS", key=stranger, timestamp=5)
    )
    response = client.post(
        "/tlog/cosignature", content=unknown.text, headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 422
    assert "RUS is not a witness" in response.text
