"""Each article's language (ISO 639-1, or "und") and the detector's confidence, the encoding its
bytes were decoded from, and whether it was read ("read", "not read: no reader for hy").

Articles stored before keep NULL in all four: their language is detected when they are
extracted, and stored then is only whether they were read.

Revision ID: 0017
Revises: 0016
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

COLUMNS = (
    ("language", sa.String(8)),
    ("language_confidence", sa.Float()),
    ("encoding", sa.String(40)),
    ("reading", sa.String(80)),
)


def upgrade() -> None:
    for name, kind in COLUMNS:
        op.add_column("articles", sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    # dropped in place: rebuilding the table (batch mode) on SQLite would delete, through the
    # foreign keys' ON DELETE, every candidate event and band key of every article
    for name, _ in reversed(COLUMNS):
        op.execute(f"ALTER TABLE articles DROP COLUMN {name}")
