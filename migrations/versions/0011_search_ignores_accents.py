"""Search ignores accents on PostgreSQL too (SQLite's FTS5 index already folds them).

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

from alembic import op

from persistence import search_index

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The index as 0008 built it, before accents were ignored.
_ACCENT_SENSITIVE = """ALTER TABLE products ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple',
        regexp_replace(coalesce(name, ''), '[[:punct:]]+', ' ', 'g')), 'A')
    || setweight(to_tsvector('simple',
        regexp_replace(coalesce(description_text, ''), '[[:punct:]]+', ' ', 'g')), 'B')
) STORED"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        search_index.reinstall(op)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        search_index.remove(op)
        op.execute(_ACCENT_SENSITIVE)
        op.execute(
            f"CREATE INDEX {search_index.SEARCH_INDEX} ON products USING gin (search_vector)"
        )
