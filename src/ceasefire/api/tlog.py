"""The audit record over plain HTTP as C2SP tlog-tiles: the signed checkpoint, the hash tiles,
the entry bundles, and where witnesses hand in their cosignatures.

Checkpoints and hash tiles reveal no content and are public, so that anyone can watch the log;
entry bundles carry the record's content and need a signed-in user or a bearer token (a
party's mirror). A full tile never changes and is cached as immutable."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from fastapi import APIRouter, Body, Depends, HTTPException, Response

from ceasefire.accounts.models import User
from ceasefire.audit import log, notes, tiles
from ceasefire.http.auth import optional_user
from ceasefire.http.contract import ERROR_SCHEMA
from ceasefire.http.deps import SessionDep, SettingsDep
from ceasefire.settings import Settings

router = APIRouter(prefix="/tlog", tags=["tlog"])

IMMUTABLE = "public, max-age=31536000, immutable"
PRIVATE_IMMUTABLE = "private, max-age=31536000, immutable"
FRESH = "no-cache"


def log_key_path(settings: Settings) -> Path:
    return settings.tlog_key or settings.data_dir / "tlog.key"


def log_key(settings: Settings) -> Ed25519PrivateKey:
    """The log key, made on first use when the default path has none."""
    path = log_key_path(settings)
    if settings.tlog_key is None and not path.exists():
        return notes.generate_key(path)
    return notes.load_private_key(path)


def witness_keys(settings: Settings) -> dict[str, Ed25519PublicKey]:
    folder = settings.tlog_witnesses or settings.data_dir / "witnesses"
    if not folder.is_dir():
        return {}
    return {path.stem: notes.load_public_key(path) for path in sorted(folder.glob("*.pub"))}


_TEXT = {"text/plain": {"schema": {"type": "string"}}}
_ERROR = {"application/json": {"schema": {"$ref": f"#/components/schemas/{ERROR_SCHEMA}"}}}
_BYTES = {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}


@router.get(
    "/checkpoint",
    response_class=Response,
    responses={200: {"description": "The checkpoint (C2SP signed note).", "content": _TEXT}},
)
def get_checkpoint(session: SessionDep, settings: SettingsDep) -> Response:
    """The log's checkpoint now, signed by the log key, with the cosignatures received for it."""
    note = log.checkpoint(session, origin=settings.tlog_origin, key=log_key(settings))
    return Response(
        note.text, media_type="text/plain; charset=utf-8", headers={"Cache-Control": FRESH}
    )


@router.get(
    "/tile/{path:path}",
    response_class=Response,
    responses={
        200: {"description": "The tile's bytes (C2SP tlog-tiles).", "content": _BYTES},
        401: {"description": "An entry bundle asked without a token.", "content": _ERROR},
        404: {
            "description": "Not a tile path, or a tile the log does not have yet.",
            "content": _ERROR,
        },
    },
)
def get_tile(
    path: str, session: SessionDep, user: Annotated[User | None, Depends(optional_user)]
) -> Response:
    """A hash tile `tile/L/N[.p/W]` (public) or an entry bundle `tile/entries/N[.p/W]` (signed-in
    users and tokens only): 404 until the log has it."""
    try:
        name = tiles.parse_path(f"tile/{path}")
    except ValueError as exc:
        raise HTTPException(404, str(exc)) from None
    if name.level is None and user is None:
        raise HTTPException(
            401, "entry bundles need a bearer token", {"WWW-Authenticate": "Bearer"}
        )
    data = log.tile(session, name)
    if data is None:
        raise HTTPException(404, f"{name.path}: the log does not have this tile yet")
    full = name.width == tiles.WIDTH
    cache = (PRIVATE_IMMUTABLE if name.level is None else IMMUTABLE) if full else FRESH
    return Response(data, media_type="application/octet-stream", headers={"Cache-Control": cache})


@router.post(
    "/cosignature",
    response_class=Response,
    responses={
        200: {"description": "The checkpoint as kept, cosignatures included.", "content": _TEXT}
    },
)
def post_cosignature(
    session: SessionDep, settings: SettingsDep, body: Annotated[str, Body(media_type="text/plain")]
) -> Response:
    """A witness hands in the checkpoint with its cosignature line(s); each must be by a key in
    the witnesses' folder and over a checkpoint of this log. Answers the checkpoint as kept."""
    try:
        kept = log.add_cosignature(
            session,
            note_text=body,
            origin=settings.tlog_origin,
            log_key=log_key(settings).public_key(),
            witnesses=witness_keys(settings),
        )
    except notes.NoteError as exc:
        raise HTTPException(422, str(exc)) from None
    return Response(kept.text, media_type="text/plain; charset=utf-8")
