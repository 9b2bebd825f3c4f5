"""Full-text search over products: a tsvector with a GIN index on PostgreSQL, FTS5 on SQLite.

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

from alembic import op

from persistence import search_index

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    search_index.install(op)


def downgrade() -> None:
    search_index.remove(op)
