"""Dependencies of every route, API and page alike: the settings, the engine and a transactional
session per request."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ceasefire.db import transaction
from ceasefire.settings import Settings


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def get_session(engine: Annotated[Engine, Depends(get_engine)]) -> Iterator[Session]:
    """One transaction per request: committed when the route returns, rolled back on error."""
    with transaction(engine) as session:
        yield session


EngineDep = Annotated[Engine, Depends(get_engine)]
# scope "function": the transaction commits before the response leaves, so a client that is told
# "done" (a 303 to the next page, a 201) never reads the store before the write is in it, and a
# commit that fails is an error response rather than a success already sent
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_settings)]
