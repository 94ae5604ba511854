"""Route of the audit record: its head, for parties and tools that keep checkpoints."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ceasefire.audit import service as audit_service
from ceasefire.http.auth import CurrentUser
from ceasefire.http.deps import SessionDep

router = APIRouter(tags=["audit"])


@router.get("/audit/head")
def get_audit_head(session: SessionDep, user: CurrentUser) -> dict[str, Any]:
    """The newest audit entry: `seq`, `hash` and `time` (seq 0 and 64 zeros when empty). Any
    signed-in user may read it to keep a checkpoint; the entries themselves stay internal."""
    del user  # signed in is enough: the head reveals no content
    return audit_service.head(session).as_json()
