"""Users, passwords (argon2id), API tokens (stored as SHA-256) and rate-limited sign-in."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ceasefire import i18n
from ceasefire.accounts.models import ApiToken, SignInFailure, User, WebSession
from ceasefire.accounts.permissions import PermissionDeniedError
from ceasefire.accounts.roles import MONITORING_ROLES, Role
from ceasefire.accounts.rules import PartyKinds, account_problem
from ceasefire.agreements import service as agreements_service
from ceasefire.audit.events import DomainEvent, emit
from ceasefire.db import utcnow
from ceasefire.errors import CeasefireError, ConflictError, NotFoundError

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,79}$")
_PARTY = re.compile(r"^[A-Z]{3}$")
TOKEN_PREFIX = "cf_"  # noqa: S105 (a public prefix, not a secret)
MIN_PASSWORD_LENGTH = 10
#: Failed sign-ins for one name within LOCK_WINDOW before the name is locked for that long.
MAX_FAILURES = 5
#: Failed sign-ins from one source (address) within LOCK_WINDOW, whatever the names tried.
MAX_FAILURES_PER_SOURCE = 30
LOCK_WINDOW = dt.timedelta(minutes=15)


class SignInError(CeasefireError):
    """Wrong name or password, or the name is locked for a while after repeated failures."""


@dataclass(frozen=True)
class NewToken:
    id: int
    user: str
    token: str


def _hasher() -> PasswordHasher:
    return PasswordHasher()  # argon2id with the library's current recommended parameters


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def party_kinds(session: Session) -> PartyKinds:
    monitoring, conflict = agreements_service.parties_by_kind(session)
    return PartyKinds(monitoring=monitoring, conflict=conflict)


def check_user_fields(
    *, name: str, role: str, party: str | None, kinds: PartyKinds
) -> tuple[Role, str | None]:
    """Validate a new user's name, role and party against the loaded agreements' parties;
    returns the role and the normalised party."""
    if not _NAME.match(name):
        raise CeasefireError(
            f"user name {name!r}: use letters, digits, '.', '_', '-' or '@' (at most 80)"
        )
    try:
        role_value = Role(role)
    except ValueError:
        raise CeasefireError(
            f"role {role!r}: expected one of {', '.join(r.value for r in Role)}"
        ) from None
    party = party.strip().upper() if party and party.strip() else None
    if party is not None and not _PARTY.match(party):
        raise CeasefireError(f"party {party!r}: expected an ISO3 code such as TUR, RUS, ARM, AZE")
    problem = account_problem(role_value, party, kinds)
    if problem is not None:
        raise CeasefireError(f"party: {problem}")
    return role_value, party


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise CeasefireError(f"password: at least {MIN_PASSWORD_LENGTH} characters")


def create_user(
    session: Session,
    *,
    name: str,
    role: str,
    party: str | None,
    password: str,
    actor: str,
    language: str | None = None,
) -> User:
    role_value, party = check_user_fields(
        name=name, role=role, party=party, kinds=party_kinds(session)
    )
    _check_password(password)
    language = _check_language(language)
    if session.scalar(select(User.id).where(User.name == name)) is not None:
        raise ConflictError(f"user {name!r} exists already")
    user = User(
        name=name,
        role=role_value.value,
        party=party,
        password_hash=hash_password(password),
        active=True,
        language=language,
    )
    session.add(user)
    session.flush()
    emit(
        session,
        DomainEvent(
            "user-added",
            actor,
            "user",
            str(user.id),
            {"name": name, "role": user.role, "party": party, "language": language},
            rows=(user,),
        ),
    )
    return user


@dataclass(frozen=True)
class WrongAccount:
    name: str
    role: str
    party: str | None
    active: bool
    problem: str


def wrong_accounts(session: Session) -> list[WrongAccount]:
    """Existing accounts whose role and party do not fit the loaded agreements' parties."""
    kinds = party_kinds(session)
    found = []
    for user in list_users(session):
        try:
            role = Role(user.role)
        except ValueError:
            problem: str | None = f"role {user.role!r} is none of {', '.join(Role)}"
        else:
            problem = account_problem(role, user.party, kinds)
        if problem is not None:
            found.append(WrongAccount(user.name, user.role, user.party, user.active, problem))
    return found


def deactivate_user(session: Session, *, name: str, actor: str) -> int:
    """Deactivate an account: its sessions stop at their next request (every lookup refuses an
    inactive account) and its API tokens are revoked. Returns how many tokens were revoked."""
    user = get_user(session, name=name)
    if user.name == actor:
        raise ConflictError("you cannot deactivate your own account")
    revoked = 0
    now = utcnow()
    for token in session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    ):
        token.revoked_at = now
        revoked += 1
    ended = end_web_sessions_of(session, user_id=user.id)
    if not user.active and revoked == 0 and ended == 0:
        return 0
    user.active = False
    emit(
        session,
        DomainEvent(
            "user-deactivated",
            actor,
            "user",
            str(user.id),
            {"name": name, "tokens_revoked": revoked, "sessions_ended": ended},
            rows=(user,),
        ),
    )
    return revoked


def change_password(session: Session, *, name: str, current: str, new: str) -> None:
    """The owner changes their own password: the current one must be right."""
    user = get_user(session, name=name)
    try:
        ok: bool = _hasher().verify(user.password_hash, current)
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok:
        raise PermissionDeniedError("current password: wrong")
    _check_password(new)
    user.password_hash = hash_password(new)
    emit(
        session,
        DomainEvent("password-changed", name, "user", str(user.id), {"name": name}, rows=(user,)),
    )


def _check_language(language: str | None) -> str | None:
    if language is None or not language.strip():
        return None
    try:
        return i18n.check_language(language)
    except ValueError as exc:
        raise CeasefireError(str(exc)) from None


def set_language(session: Session, *, name: str, language: str | None, actor: str) -> User:
    """The interface language of an account (None: follow the browser's Accept-Language)."""
    user = get_user(session, name=name)
    chosen = _check_language(language)
    if user.language != chosen:
        user.language = chosen
        emit(
            session,
            DomainEvent(
                "language-set",
                actor,
                "user",
                str(user.id),
                {"name": name, "language": chosen},
                rows=(user,),
            ),
        )
    return user


def reset_password(session: Session, *, name: str, new: str, actor: str) -> None:
    """An admin sets a new password for an account (the owner should change it after)."""
    user = get_user(session, name=name)
    _check_password(new)
    user.password_hash = hash_password(new)
    emit(
        session,
        DomainEvent("password-reset", actor, "user", str(user.id), {"name": name}, rows=(user,)),
    )


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.name)))


def get_user(session: Session, *, name: str) -> User:
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise NotFoundError(f"no user {name!r}")
    return user


def is_locked(session: Session, *, name: str, now: dt.datetime | None = None) -> bool:
    now = now or utcnow()
    since = now - LOCK_WINDOW
    last_ok = session.scalar(select(User.last_sign_in_at).where(User.name == name))
    if last_ok is not None and last_ok > since:
        since = last_ok
    failures = session.scalar(
        select(func.count())
        .select_from(SignInFailure)
        .where(SignInFailure.name == name, SignInFailure.at > since)
    )
    return (failures or 0) >= MAX_FAILURES


def source_is_locked(session: Session, *, source: str, now: dt.datetime | None = None) -> bool:
    """Too many failures from one address, even spread over many names (password spraying)."""
    since = (now or utcnow()) - LOCK_WINDOW
    failures = session.scalar(
        select(func.count())
        .select_from(SignInFailure)
        .where(SignInFailure.source == source[:200], SignInFailure.at > since)
    )
    return (failures or 0) >= MAX_FAILURES_PER_SOURCE


def authenticate(session: Session, *, name: str, password: str, source: str) -> User:
    """The active user with this name and password; else record the failure and raise
    SignInError. After MAX_FAILURES failures within LOCK_WINDOW the name is locked (even with the
    right password) until the window has passed; after MAX_FAILURES_PER_SOURCE failures from
    one source, whatever the names, that source is locked likewise. Call it before writing anything in the
    transaction: a failure is recorded in a transaction of its own."""
    name = name[:80]
    if is_locked(session, name=name) or source_is_locked(session, source=source):
        _fail(session, name=name, source=source, reason="locked")
        raise SignInError("too many failed sign-ins for this name or address: try again later")
    user = session.scalar(select(User).where(User.name == name))
    ok = False
    if user is not None and user.active:
        try:
            ok = _hasher().verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            ok = False
    else:
        # Spend the same effort as a real check so timing does not reveal which names exist.
        _hasher().hash(password)
    if not ok or user is None:
        _fail(session, name=name, source=source, reason="wrong name or password")
        raise SignInError("wrong name or password")
    if _hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_sign_in_at = utcnow()
    return user


def _fail(session: Session, *, name: str, source: str, reason: str) -> None:
    """Record a failed sign-in in its own transaction: it must be kept even though the caller's
    transaction rolls back on the SignInError that follows."""
    bind = session.get_bind()
    with Session(bind=bind) as own, own.begin():
        failure = SignInFailure(name=name, source=source[:200], at=utcnow())
        own.add(failure)
        own.flush()
        emit(
            own,
            DomainEvent(
                "sign-in-failed",
                "anonymous",
                "user-name",
                name,
                {"source": source[:200], "reason": reason},
            ),
        )


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(session: Session, *, user_name: str, label: str = "", actor: str) -> NewToken:
    """A new bearer token for the user; the token itself is returned once and never stored."""
    user = get_user(session, name=user_name)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, token_hash=_token_hash(token), label=label)
    session.add(row)
    session.flush()
    emit(
        session,
        DomainEvent(
            "token-created", actor, "api-token", str(row.id), {"user": user.name}, rows=(row,)
        ),
    )
    return NewToken(row.id, user.name, token)


def revoke_token(session: Session, *, token_id: int, actor: str) -> None:
    row = session.get(ApiToken, token_id)
    if row is None:
        raise NotFoundError(f"no API token {token_id}")
    if row.revoked_at is not None:
        return
    row.revoked_at = utcnow()
    emit(session, DomainEvent("token-revoked", actor, "api-token", str(row.id), {}, rows=(row,)))


def list_tokens(session: Session) -> list[tuple[ApiToken, str]]:
    rows = session.execute(
        select(ApiToken, User.name).join(User, User.id == ApiToken.user_id).order_by(ApiToken.id)
    )
    return [(token, name) for token, name in rows]


def user_for_token(session: Session, *, token: str) -> User | None:
    """The active user a bearer token acts as, or None for an unknown or revoked token."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == _token_hash(token)))
    if row is None or row.revoked_at is not None:
        return None
    user = session.get(User, row.user_id)
    return user if user is not None and user.active else None


def user_by_id(session: Session, *, user_id: int) -> User | None:
    user = session.get(User, user_id)
    return user if user is not None and user.active else None


def start_web_session(session: Session, *, user: User, hours: int) -> str:
    """A new server-side web session of `user` lasting `hours`; returns its key (for the signed
    cookie), of which only the SHA-256 is stored."""
    key = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        WebSession(
            user_id=user.id,
            key_hash=_token_hash(key),
            created_at=now,
            expires_at=now + dt.timedelta(hours=hours),
        )
    )
    session.flush()
    return key


def user_for_web_session(
    session: Session, *, key: str, now: dt.datetime | None = None
) -> User | None:
    """The active user of a web session that has neither ended nor expired, else None."""
    row = session.scalar(select(WebSession).where(WebSession.key_hash == _token_hash(key)))
    if row is None or row.ended_at is not None or row.expires_at <= (now or utcnow()):
        return None
    return user_by_id(session, user_id=row.user_id)


def end_web_session(session: Session, *, key: str) -> bool:
    """End a web session (signing out): no server process accepts its cookie afterwards.
    False when there was no such live session."""
    row = session.scalar(select(WebSession).where(WebSession.key_hash == _token_hash(key)))
    if row is None or row.ended_at is not None:
        return False
    row.ended_at = utcnow()
    return True


def end_web_sessions_of(session: Session, *, user_id: int) -> int:
    """End every live web session of a user (on deactivation); returns how many ended."""
    rows = session.scalars(
        select(WebSession).where(WebSession.user_id == user_id, WebSession.ended_at.is_(None))
    ).all()
    now = utcnow()
    for row in rows:
        row.ended_at = now
    return len(rows)


def is_monitoring_role(role: str) -> bool:
    return role in MONITORING_ROLES
