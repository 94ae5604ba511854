"""Dependencies of every route, API and page alike: the settings, the engine and a transactional
session per request.

Every dependency that touches the database is a plain `def`: FastAPI runs it in its threadpool,
so the event loop never waits on the store. The request's session is committed when the route
function returns and before the response is sent (`scope="function"`), so a client told 201 can
read its write at once, and a commit that fails answers an error instead of being lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ceasefire.db import transaction
from ceasefire.settings import Settings

#: Methods whose request transaction is a writer (SQLite: BEGIN IMMEDIATE under the writer lock).
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_OWN_TRANSACTIONS = "__ceasefire_own_transactions__"

F = TypeVar("F", bound=Callable[..., object])


def own_transactions(route: F) -> F:
    """Mark a route whose request session only reads, its writes (if any) going through
    transactions of their own (sign-in's failure record, an upload stored article by article,
    a slow extraction): its session then neither takes nor waits for SQLite's writer lock."""
    setattr(route, _OWN_TRANSACTIONS, True)
    return route


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def request_writes(request: Request) -> bool:
    """Whether the request's own transaction may write: an unsafe method, unless its route
    declared `own_transactions`."""
    endpoint = request.scope.get("endpoint")
    return request.method in UNSAFE_METHODS and not getattr(endpoint, _OWN_TRANSACTIONS, False)


def get_session(
    request: Request, engine: Annotated[Engine, Depends(get_engine)]
) -> Iterator[Session]:
    """One transaction per request: committed when the route returns (before the response is
    sent), rolled back on error."""
    with transaction(engine, write=request_writes(request)) as session:
        yield session


async def raw_body(request: Request) -> bytes:
    """The request body exactly as received (read on the event loop; no database work)."""
    return await request.body()


EngineDep = Annotated[Engine, Depends(get_engine)]
# scope "function": the transaction commits before the response leaves, so a client that is told
# "done" (a 303 to the next page, a 201) never reads the store before the write is in it, and a
# commit that fails is an error response rather than a success already sent
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_settings)]
RawBody = Annotated[bytes, Depends(raw_body)]
