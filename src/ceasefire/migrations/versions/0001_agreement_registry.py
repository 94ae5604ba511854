"""agreement registry

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ceasefire.db

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "agreements",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("signed_label", sa.String(length=40), nullable=False),
        sa.Column("signed_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("effective_label", sa.String(length=40), nullable=False),
        sa.Column("effective_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("verification_rule", sa.String(length=40), nullable=False),
        sa.Column("monitoring_parties", ceasefire.db.JSONType, nullable=False),
        sa.Column("document", ceasefire.db.JSONType, nullable=False),
        sa.Column("source_name", sa.Text(), nullable=False),
        sa.Column("source_sha256", sa.String(length=64), nullable=False),
        sa.Column("loaded_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreements")),
    )
    op.create_table(
        "agreement_parties",
        sa.Column("agreement_id", sa.String(length=100), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("roles", ceasefire.db.JSONType, nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreements.id"],
            name=op.f("fk_agreement_parties_agreement_id_agreements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("agreement_id", "code", name=op.f("pk_agreement_parties")),
    )
    op.create_table(
        "areas",
        sa.Column("agreement_id", sa.String(length=100), nullable=False),
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("approximate", sa.Boolean(), nullable=False),
        sa.Column("geometry", ceasefire.db.JSONType, nullable=True),
        sa.Column("place", ceasefire.db.JSONType, nullable=True),
        sa.Column("width_km", sa.Float(), nullable=True),
        sa.Column("min_lon", sa.Float(), nullable=True),
        sa.Column("min_lat", sa.Float(), nullable=True),
        sa.Column("max_lon", sa.Float(), nullable=True),
        sa.Column("max_lat", sa.Float(), nullable=True),
        sa.Column("alternate_names", ceasefire.db.JSONType, nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreements.id"],
            name=op.f("fk_areas_agreement_id_agreements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("agreement_id", "id", name=op.f("pk_areas")),
    )
    with op.batch_alter_table("areas", schema=None) as batch_op:
        batch_op.create_index(
            "ix_areas_bbox", ["min_lon", "min_lat", "max_lon", "max_lat"], unique=False
        )

    op.create_table(
        "obligations",
        sa.Column("agreement_id", sa.String(length=100), nullable=False),
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("provision", sa.String(length=20), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("parties", ceasefire.db.JSONType, nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("area_id", sa.String(length=100), nullable=True),
        sa.Column("beneficiary", sa.String(length=16), nullable=True),
        sa.Column("effective_label", sa.String(length=40), nullable=False),
        sa.Column("deadline_label", sa.String(length=40), nullable=True),
        sa.Column("deadline_at", ceasefire.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("standing", sa.Boolean(), nullable=False),
        sa.Column("term", ceasefire.db.JSONType, nullable=True),
        sa.Column("limits", ceasefire.db.JSONType, nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreements.id"],
            name=op.f("fk_obligations_agreement_id_agreements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("agreement_id", "id", name=op.f("pk_obligations")),
    )
    op.create_table(
        "provisions",
        sa.Column("agreement_id", sa.String(length=100), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("reference", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreements.id"],
            name=op.f("fk_provisions_agreement_id_agreements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("agreement_id", "number", name=op.f("pk_provisions")),
    )
    op.create_table(
        "amendments",
        sa.Column("agreement_id", sa.String(length=100), nullable=False),
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("obligation_id", sa.String(length=100), nullable=False),
        sa.Column("decided_label", sa.String(length=40), nullable=False),
        sa.Column("decided_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("changes", ceasefire.db.JSONType, nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id", "obligation_id"],
            ["obligations.agreement_id", "obligations.id"],
            name=op.f("fk_amendments_agreement_id_obligations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreements.id"],
            name=op.f("fk_amendments_agreement_id_agreements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("agreement_id", "id", name=op.f("pk_amendments")),
    )
    op.create_table(
        "observations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("agreement_id", sa.String(length=100), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("obligation_id", sa.String(length=100), nullable=False),
        sa.Column("effect", sa.String(length=20), nullable=False),
        sa.Column("occurred_label", sa.String(length=40), nullable=False),
        sa.Column("occurred_start", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("occurred_end", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("area_id", sa.String(length=100), nullable=True),
        sa.Column("figures", ceasefire.db.JSONType, nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("reported_by", sa.String(length=16), nullable=True),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("recorded_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id", "obligation_id"],
            ["obligations.agreement_id", "obligations.id"],
            name=op.f("fk_observations_agreement_id_obligations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreements.id"],
            name=op.f("fk_observations_agreement_id_agreements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_observations")),
        sa.UniqueConstraint("agreement_id", "key", name="uq_observations_agreement_key"),
    )
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_observations_obligation_end",
            ["agreement_id", "obligation_id", "occurred_end"],
            unique=False,
        )


def downgrade() -> None:

    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_index("ix_observations_obligation_end")

    op.drop_table("observations")
    op.drop_table("amendments")
    op.drop_table("provisions")
    op.drop_table("obligations")
    with op.batch_alter_table("areas", schema=None) as batch_op:
        batch_op.drop_index("ix_areas_bbox")

    op.drop_table("areas")
    op.drop_table("agreement_parties")
    op.drop_table("agreements")
