"""Near-duplicate articles found through an index of band keys instead of loading every stored
signature into memory for each run (or each upload): table article_bands, filled for the
articles already stored.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import hashlib
import struct

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# as ceasefire.ingest.dedup at the time of writing (kept here so the migration never changes)
BANDS, ROWS = 5, 11


def _band_keys(values: list[int]) -> list[str]:
    out = []
    for band in range(BANDS):
        chunk = struct.pack(f">{ROWS}Q", *(int(v) for v in values[band * ROWS : (band + 1) * ROWS]))
        out.append(f"{band}:{hashlib.blake2b(chunk, digest_size=12).hexdigest()}")
    return out


def upgrade() -> None:
    bands = op.create_table(
        "article_bands",
        sa.Column("band_key", sa.String(length=32), nullable=False),
        sa.Column("article_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_article_bands_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("band_key", "article_id", name=op.f("pk_article_bands")),
    )
    articles = sa.table("articles", sa.column("id", sa.String), sa.column("minhash", sa.JSON))
    connection = op.get_bind()
    rows = connection.execute(sa.select(articles.c.id, articles.c.minhash)).all()
    keys = [
        {"band_key": key, "article_id": article_id}
        for article_id, minhash in rows
        for key in sorted(set(_band_keys(list(minhash))))
    ]
    if keys:
        op.bulk_insert(bands, keys)


def downgrade() -> None:
    op.drop_table("article_bands")
