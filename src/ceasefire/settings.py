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
    cache_dir: Path | None = Field(
        None,
        description="Folder for rebuildable caches (the offline gazetteer, ~50 MB, built on first "
        "use). Empty means `$XDG_CACHE_HOME/ceasefire`, else `~/.cache/ceasefire`.",
    )
    tlog_origin: str = Field(
        "ceasefire-center/audit",
        description="Origin line of the audit log's checkpoints (C2SP tlog-checkpoint), also the "
        "name of the log key: set it to the center's own name, e.g. `monitoring.example/audit`; "
        "witnesses and mirrors are told the same.",
    )
    tlog_key: Path | None = Field(
        None,
        description="Ed25519 private key (PEM) that signs the audit log's checkpoints. Empty means "
        "`DATA_DIR/tlog.key`, made (owner-only) on first use; its `.pub` beside it is what "
        "witnesses, mirrors and report readers are given.",
    )
    tlog_witnesses: Path | None = Field(
        None,
        description="Folder of the witnesses' public keys, `PARTY.pub` (PEM, Ed25519): only "
        "cosignatures by these are kept. Empty means `DATA_DIR/witnesses`.",
    )


def load_settings(database_url: str | None = None) -> Settings:
    """Settings from the environment, with `--db` taking precedence over CEASEFIRE_DATABASE_URL."""
    settings = Settings()
    if database_url:
        settings = settings.model_copy(update={"database_url": database_url})
    return settings
