"""A small world for API tests: the default scenario, one user of each role, bearer tokens."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi.testclient import TestClient

from ceasefire import db as store
from ceasefire import scenarios
from ceasefire.accounts import service as accounts_service
from ceasefire.agreements import service as agreements_service
from ceasefire.agreements.document import parse_agreement
from ceasefire.app import create_app
from ceasefire.settings import Settings

PASSWORD = "correct horse battery"
AGREEMENT = scenarios.DEFAULT

#: name -> (role, party)
USERS: dict[str, tuple[str, str | None]] = {
    "admin": ("admin", "TUR"),
    "cohead-tur": ("co-head", "TUR"),
    "cohead-rus": ("co-head", "RUS"),
    "monitor-tur": ("monitor", "TUR"),
    "monitor-rus": ("monitor", "RUS"),
    "liaison-arm": ("liaison", "ARM"),
    "liaison-aze": ("liaison", "AZE"),
}


@dataclass
class World:
    app: Any
    tokens: dict[str, str] = field(default_factory=dict)

    def client(self, name: str | None) -> TestClient:
        client = TestClient(self.app)
        if name is not None:
            client.headers["Authorization"] = f"Bearer {self.tokens[name]}"
        return client


def incident_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "ceasefire-violation",
        "summary": "Fire exchanged near Hadrut.",
        "occurred": "2020-12-11",
        "agreement": AGREEMENT,
        "area": "hadrut",
        "obligations": [{"obligation": "complete-ceasefire", "effect": "breaches"}],
    }
    body.update(overrides)
    return body


def load_default(session: Any) -> None:
    """Load the default scenario unless it is loaded: accounts' parties are checked against it."""
    if agreements_service.list_agreements(session):
        return
    document = parse_agreement(scenarios.agreement_file(AGREEMENT).read_bytes(), AGREEMENT)
    agreements_service.store_document(session, document=document, source_name=AGREEMENT)


def make_world(db_url: str, users: dict[str, tuple[str, str | None]] | None = None) -> World:
    engine = store.make_engine(db_url)
    document = parse_agreement(scenarios.agreement_file(AGREEMENT).read_bytes(), AGREEMENT)
    tokens = {}
    with store.transaction(engine) as session:
        agreements_service.store_document(session, document=document, source_name=AGREEMENT)
        for name, (role, party) in (users or USERS).items():
            accounts_service.create_user(
                session, name=name, role=role, party=party, password=PASSWORD, actor="test"
            )
            tokens[name] = accounts_service.create_token(
                session, user_name=name, actor="test"
            ).token
    engine.dispose()
    app = create_app(Settings(database_url=db_url, development=False, secret_key="x" * 40))
    return World(app, tokens)
