"""Domain events: small records with stable kebab-case names, fired only after the write commits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class DomainEvent:
    """Something that changed: `name` is a stable kebab-case event name (e.g. `agreement-loaded`)."""

    name: str
    actor: str
    object_type: str
    object_id: str
    payload: dict[str, Any] = field(default_factory=dict)


Listener = Callable[[DomainEvent], None]
_listeners: list[Listener] = []
_PENDING_KEY = "ceasefire_pending_events"


def subscribe(listener: Listener) -> None:
    """Call `listener` with every event after the transaction that raised it commits."""
    if listener not in _listeners:
        _listeners.append(listener)


def unsubscribe(listener: Listener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def emit(session: Session, domain_event: DomainEvent) -> None:
    """Queue an event on the session; it is delivered after commit and dropped on rollback."""
    pending: list[DomainEvent] = session.info.setdefault(_PENDING_KEY, [])
    pending.append(domain_event)


@event.listens_for(Session, "after_commit")
def _deliver(session: Session) -> None:
    pending: list[DomainEvent] = session.info.pop(_PENDING_KEY, [])
    for domain_event in pending:
        for listener in list(_listeners):
            listener(domain_event)


@event.listens_for(Session, "after_rollback")
def _drop(session: Session) -> None:
    session.info.pop(_PENDING_KEY, None)
