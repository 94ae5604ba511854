"""Typed settings: the default, the environment variable and the help text of each in one place."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///ceasefire.db"


class Settings(BaseSettings):
    """Every setting reads from `CEASEFIRE_<NAME>` (e.g. `CEASEFIRE_DATABASE_URL`)."""

    model_config = SettingsConfigDict(env_prefix="CEASEFIRE_", extra="ignore")

    database_url: str = Field(
        DEFAULT_DATABASE_URL,
        description="SQLAlchemy URL of the store. The default is the SQLite file `ceasefire.db` "
        "in the current folder; PostgreSQL: `postgresql+psycopg://USER@HOST:5432/DB`.",
    )
    host: str = Field("127.0.0.1", description="Address `ceasefire serve` listens on.")
    port: int = Field(8000, description="Port `ceasefire serve` listens on.")
    default_agreement: str = Field(
        "",
        description="Agreement shown and used when none is named. Empty means the agreement "
        "loaded first.",
    )
    secret_key: str = Field(
        "",
        description="Secret for signing session cookies. Empty means a random key made at start "
        "(sessions end when the server restarts); set it in production.",
    )
    development: bool = Field(
        False, description="Development mode: relaxes the secure-cookie flag for plain HTTP."
    )
    max_upload_bytes: int = Field(
        20 * 1024 * 1024, description="Largest request body or uploaded file accepted, in bytes."
    )
    tile_url: str = Field(
        "",
        description="Optional map tile server URL template (`https://.../{z}/{x}/{y}.png`) for "
        "centers with internet; empty means the offline basemap only.",
    )
    report_cutoff: str = Field(
        "19:30", description="Local cut-off time (HH:MM, agreement's time zone) of daily reports."
    )
    session_hours: int = Field(
        12, description="How long a web session lasts after signing in, in hours."
    )
    data_dir: Path = Field(
        Path(), description="Folder for files the center keeps (attachments, exports)."
    )
    trusted_proxies: str = Field(
        "",
        description="Comma-separated addresses or networks of the reverse proxies whose "
        "`X-Forwarded-For`/`X-Forwarded-Proto` headers are believed (e.g. `127.0.0.1` when a "
        "proxy on this machine forwards to the server). Empty means none: the client address "
        "is the connection's, whatever the headers say.",
    )
    max_concurrent_requests: int = Field(
        16,
        ge=1,
        description="Requests of one server process served at once; others wait their turn for "
        "up to `busy_wait_seconds`, then answer 503 with Retry-After. `/healthz` never waits.",
    )
    busy_wait_seconds: float = Field(
        10.0,
        gt=0,
        description="Longest wait, in seconds, for a turn to be served, a database connection "
        "or SQLite's write lock before a request answers 503 with Retry-After.",
    )
    workers: int = Field(
        1,
        ge=1,
        description="Server processes `ceasefire serve` starts (uvicorn workers). More than one "
        "needs `secret_key` set, so that every process accepts every session cookie.",
    )
    cache_dir: Path | None = Field(
        None,
        description="Folder for rebuildable caches (the offline gazetteer, ~50 MB, built on first "
        "use). Empty means `$XDG_CACHE_HOME/ceasefire`, else `~/.cache/ceasefire`.",
    )


#: Shortest session secret accepted for serving outside development.
MIN_SECRET_LENGTH = 32


def serving_problem(settings: Settings, *, workers: int) -> str | None:
    """Why the server must not start with these settings, or None. Several processes must share
    one session secret (else each refuses the others' cookies), and outside development a random
    one would end every session at each restart."""
    if len(settings.secret_key) >= MIN_SECRET_LENGTH:
        return None
    if not settings.secret_key and settings.development and workers == 1:
        return None
    reason = "several workers" if workers > 1 else "serving outside development"
    if settings.secret_key:
        return (
            f"CEASEFIRE_SECRET_KEY is shorter than {MIN_SECRET_LENGTH} characters; "
            "set a long random one (e.g. `python -c 'import secrets; print(secrets.token_urlsafe(32))'`)"
        )
    return (
        f"{reason} needs CEASEFIRE_SECRET_KEY (at least {MIN_SECRET_LENGTH} random characters), "
        "or CEASEFIRE_DEVELOPMENT=1 with one worker"
    )


def load_settings(database_url: str | None = None) -> Settings:
    """Settings from the environment, with `--db` taking precedence over CEASEFIRE_DATABASE_URL."""
    settings = Settings()
    if database_url:
        settings = settings.model_copy(update={"database_url": database_url})
    return settings
