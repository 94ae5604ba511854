"""Domain events: small records with stable kebab-case names.

`emit()` queues an event on the session. Just before the session commits, the queued events
are written to the audit record in the same transaction, so a change and its audit entry commit
together or not at all. Listeners registered with `subscribe()` are called after the commit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from ceasefire.audit import service as audit_service


@dataclass(frozen=True)
class DomainEvent:
    """Something that changed: `name` is a stable kebab-case event name (e.g. `agreement-loaded`)."""

    name: str
    actor: str
    object_type: str
    object_id: str
    payload: dict[str, Any] = field(default_factory=dict)
    rows: tuple[Any, ...] = ()
    """ORM rows the change leaves as they are: their values are recorded in the entry (under
    `state`), so that the tables can be rebuilt from the record and checked against it."""


Listener = Callable[[DomainEvent], None]
_listeners: list[Listener] = []
_PENDING_KEY = "ceasefire_pending_events"
_RECORDED_KEY = "ceasefire_recorded_events"
_SAVEPOINTS_KEY = "ceasefire_event_savepoints"


def subscribe(listener: Listener) -> None:
    """Call `listener` with every event after the transaction that raised it commits."""
    if listener not in _listeners:
        _listeners.append(listener)


def unsubscribe(listener: Listener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def emit(session: Session, domain_event: DomainEvent) -> None:
    """Queue an event on the session: recorded in the audit chain when the session commits,
    delivered to listeners after the commit, dropped on rollback."""
    pending: list[DomainEvent] = session.info.setdefault(_PENDING_KEY, [])
    pending.append(domain_event)


@event.listens_for(Session, "before_commit")
def _record(session: Session) -> None:
    # The record is written here, in this module, rather than by a listener registered
    # elsewhere: no change may ever commit without its audit entry because some module happened
    # not to be imported.
    # A loop, because the flush inside the append may raise further events.
    while True:
        pending: list[DomainEvent] = session.info.get(_PENDING_KEY, [])
        done: int = session.info.get(_RECORDED_KEY, 0)
        if len(pending) <= done:
            return
        session.info[_RECORDED_KEY] = len(pending)
        audit_service.record_events(session, pending[done:])


@event.listens_for(Session, "after_commit")
def _deliver(session: Session) -> None:
    pending: list[DomainEvent] = session.info.pop(_PENDING_KEY, [])
    session.info.pop(_RECORDED_KEY, None)
    session.info.pop(_SAVEPOINTS_KEY, None)
    for domain_event in pending:
        for listener in list(_listeners):
            listener(domain_event)


# A savepoint (session.begin_nested()) that rolls back drops only the events raised inside it;
# the events raised before it still belong to the transaction and must reach the audit record.


@event.listens_for(Session, "after_transaction_create")
def _mark_savepoint(session: Session, transaction: SessionTransaction) -> None:
    if transaction.nested:
        marks: list[list[Any]] = session.info.setdefault(_SAVEPOINTS_KEY, [])
        marks.append([transaction, len(session.info.get(_PENDING_KEY, [])), False])


@event.listens_for(Session, "after_rollback")
def _drop(session: Session) -> None:
    marks: list[list[Any]] = session.info.get(_SAVEPOINTS_KEY, [])
    if session.in_transaction() and marks:
        marks[-1][2] = True  # a savepoint rolled back; the outer transaction goes on
        return
    session.info.pop(_PENDING_KEY, None)
    session.info.pop(_RECORDED_KEY, None)
    session.info.pop(_SAVEPOINTS_KEY, None)


@event.listens_for(Session, "after_transaction_end")
def _end_savepoint(session: Session, transaction: SessionTransaction) -> None:
    marks: list[list[Any]] = session.info.get(_SAVEPOINTS_KEY, [])
    if not transaction.nested or not marks or marks[-1][0] is not transaction:
        return
    _, mark, rolled_back = marks.pop()
    if rolled_back:
        pending: list[DomainEvent] = session.info.get(_PENDING_KEY, [])
        del pending[mark:]
        if session.info.get(_RECORDED_KEY, 0) > mark:
            session.info[_RECORDED_KEY] = mark
