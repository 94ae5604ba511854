"""The peacekeeping force's records: strength reports, posts, patrols and convoys
(`force_movements`), and counted series (`force_counts`), each belonging to an agreement.
Self-contained: new tables only, nothing existing is changed.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ceasefire.db

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "force_counts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("agreement_id", sa.String(length=100), nullable=False),
        sa.Column("series", sa.String(length=60), nullable=False),
        sa.Column("date_label", sa.String(length=40), nullable=False),
        sa.Column("start_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("end_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("total", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=60), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreements.id"],
            name=op.f("fk_force_counts_agreement_id_agreements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_force_counts")),
    )
    with op.batch_alter_table("force_counts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_force_counts_agreement_series", ["agreement_id", "series"], unique=False
        )

    op.create_table(
        "force_movements",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("agreement_id", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("start_label", sa.String(length=40), nullable=False),
        sa.Column("start_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("end_label", sa.String(length=40), nullable=False),
        sa.Column("end_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column(
            "participants",
            ceasefire.db.JSONType,
            nullable=False,
        ),
        sa.Column(
            "route",
            ceasefire.db.JSONType,
            nullable=False,
        ),
        sa.Column(
            "places",
            ceasefire.db.JSONType,
            nullable=False,
        ),
        sa.Column("cargo", sa.Text(), nullable=False),
        sa.Column(
            "incident_ids",
            ceasefire.db.JSONType,
            nullable=False,
        ),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreements.id"],
            name=op.f("fk_force_movements_agreement_id_agreements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_force_movements")),
    )
    with op.batch_alter_table("force_movements", schema=None) as batch_op:
        batch_op.create_index(
            "ix_force_movements_agreement_start", ["agreement_id", "start_at"], unique=False
        )

    op.create_table(
        "force_posts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("agreement_id", sa.String(length=100), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("contributor", sa.String(length=16), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("area_id", sa.String(length=100), nullable=True),
        sa.Column("opened_label", sa.String(length=40), nullable=False),
        sa.Column("opened_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("closed_label", sa.String(length=40), nullable=True),
        sa.Column("closed_at", ceasefire.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("outside_areas", sa.Boolean(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreements.id"],
            name=op.f("fk_force_posts_agreement_id_agreements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_force_posts")),
    )
    with op.batch_alter_table("force_posts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_force_posts_agreement_opened", ["agreement_id", "opened_at"], unique=False
        )

    op.create_table(
        "strength_reports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("agreement_id", sa.String(length=100), nullable=False),
        sa.Column("contributor", sa.String(length=16), nullable=False),
        sa.Column("date_label", sa.String(length=40), nullable=False),
        sa.Column("start_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("end_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column(
            "figures",
            ceasefire.db.JSONType,
            nullable=False,
        ),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreements.id"],
            name=op.f("fk_strength_reports_agreement_id_agreements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_strength_reports")),
    )
    with op.batch_alter_table("strength_reports", schema=None) as batch_op:
        batch_op.create_index(
            "ix_strength_reports_agreement_start", ["agreement_id", "start_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("strength_reports", schema=None) as batch_op:
        batch_op.drop_index("ix_strength_reports_agreement_start")

    op.drop_table("strength_reports")
    with op.batch_alter_table("force_posts", schema=None) as batch_op:
        batch_op.drop_index("ix_force_posts_agreement_opened")

    op.drop_table("force_posts")
    with op.batch_alter_table("force_movements", schema=None) as batch_op:
        batch_op.drop_index("ix_force_movements_agreement_start")

    op.drop_table("force_movements")
    with op.batch_alter_table("force_counts", schema=None) as batch_op:
        batch_op.drop_index("ix_force_counts_agreement_series")

    op.drop_table("force_counts")
