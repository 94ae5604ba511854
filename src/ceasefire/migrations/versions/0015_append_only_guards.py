"""Raw intake and judgements refuse being changed in place, as the audit record does; articles
say whether they were extracted.

Triggers refuse UPDATE, DELETE and (PostgreSQL) TRUNCATE of the rows kept as received or as
judged: reports, assessments, co-head decisions; on complaints and articles, the columns that hold
what was received (a complaint's status, linked incident and time of change move on with its
life cycle, and its answer is written once; an article's extraction marker is set when it is
extracted). Whoever drops a guard on purpose is
the concern of the audit record's own checks, not of these.

`articles.extracted_at` marks an article whose candidate events were stored (NULL: still to
extract). Articles stored before this migration that have candidate events are marked with the
moment they were received; the others are left to extract, which at worst runs the extraction
once more over an article that gave nothing.

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ceasefire.db

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# What each table keeps as received (None: every column), at the time of writing: a migration
# never changes, so these are not read from the models.
GUARDED: dict[str, tuple[str, ...] | None] = {
    "reports": None,
    "assessments": None,
    "co_head_decisions": None,
    "complaints": (
        "id", "party", "agreement_id", "occurred", "place", "description", "attachments",
        "report_id", "filed_by", "filed_at",
    ),
    "articles": (
        "id", "sha256", "source", "origin", "url", "title", "content_type", "raw", "text",
        "published", "published_source", "received_at", "received_by", "minhash",
        "near_duplicate_of", "similarity",
    ),
}  # fmt: skip
FUNCTION = "ceasefire_append_only"


def _sqlite_guards(table: str, columns: tuple[str, ...] | None) -> list[str]:
    message = f"{table} rows are kept as received: UPDATE refused"
    of = f" OF {', '.join(columns)}" if columns else ""
    return [
        f"CREATE TRIGGER {table}_append_only_update BEFORE UPDATE{of} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END",
        f"CREATE TRIGGER {table}_append_only_delete BEFORE DELETE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} rows are kept as received: DELETE refused'); END",
    ]


def _postgres_guards(table: str, columns: tuple[str, ...] | None) -> list[str]:
    of = f" OF {', '.join(columns)}" if columns else ""
    return [
        f"CREATE TRIGGER {table}_append_only_update BEFORE UPDATE{of} ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()",
        # a row deleted is refused row by row, as on SQLite: a DELETE that meets no row (e.g. the
        # cascade of an incident without assessments) deletes nothing and is not refused
        f"CREATE TRIGGER {table}_append_only_delete BEFORE DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()",
        f"CREATE TRIGGER {table}_append_only BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()",
    ]


ANSWER_SQLITE = (
    "CREATE TRIGGER complaints_answer_written_once BEFORE UPDATE OF answer ON complaints "
    "WHEN OLD.answer <> '' AND NEW.answer IS NOT OLD.answer "
    "BEGIN SELECT RAISE(ABORT, 'complaints: an answer given is kept: UPDATE refused'); END"
)
ANSWER_POSTGRES = (
    "CREATE TRIGGER complaints_answer_written_once BEFORE UPDATE OF answer ON complaints "
    "FOR EACH ROW WHEN (OLD.answer <> '' AND NEW.answer IS DISTINCT FROM OLD.answer) "
    f"EXECUTE FUNCTION {FUNCTION}()"
)
POSTGRES_FUNCTION = (
    f"CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "RAISE EXCEPTION '% rows are kept as received: % refused', TG_TABLE_NAME, TG_OP; END $$"
)


def upgrade() -> None:
    op.add_column(
        "articles",
        sa.Column("extracted_at", ceasefire.db.UTCDateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_articles_extracted_at", "articles", ["extracted_at"])
    articles = sa.table(
        "articles",
        sa.column("id", sa.String),
        sa.column("received_at", ceasefire.db.UTCDateTime(timezone=True)),
        sa.column("extracted_at", ceasefire.db.UTCDateTime(timezone=True)),
    )
    candidates = sa.table("candidate_events", sa.column("article_id", sa.String))
    op.get_bind().execute(
        sa.update(articles)
        .where(articles.c.id.in_(sa.select(candidates.c.article_id)))
        .values(extracted_at=articles.c.received_at)
    )
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute(POSTGRES_FUNCTION)
    for table, columns in GUARDED.items():
        for statement in (_postgres_guards if postgres else _sqlite_guards)(table, columns):
            op.execute(statement)
    op.execute(ANSWER_POSTGRES if postgres else ANSWER_SQLITE)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    triggers = [("complaints_answer_written_once", "complaints")]
    for table in GUARDED:
        triggers += [(f"{table}_append_only_update", table), (f"{table}_append_only_delete", table)]
        if postgres:
            triggers.append((f"{table}_append_only", table))
    for name, table in triggers:
        op.execute(f"DROP TRIGGER {name} ON {table}" if postgres else f"DROP TRIGGER {name}")
    if postgres:
        op.execute(f"DROP FUNCTION {FUNCTION}()")
    op.drop_index("ix_articles_extracted_at", table_name="articles")
    # Dropped in place: rebuilding the table (batch mode) on SQLite would delete, through the
    # foreign keys' ON DELETE, every candidate event and band key of every article.
    op.execute("ALTER TABLE articles DROP COLUMN extracted_at")
