"""product description text: what search matches, without markup

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 02:55:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from domain.catalog.rich_text import plain_text

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

products = sa.table(
    "products",
    sa.column("id", sa.Uuid()),
    sa.column("description_html", sa.Text()),
    sa.column("description_text", sa.Text()),
)


def upgrade() -> None:
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("description_text", sa.Text(), server_default="", nullable=False)
        )
    # Existing products: derive the text from the stored (already sanitised) HTML.
    connection = op.get_bind()
    rows = connection.execute(sa.select(products.c.id, products.c.description_html)).all()
    for product_id, html in rows:
        connection.execute(
            products.update()
            .where(products.c.id == product_id)
            .values(description_text=plain_text(html or ""))
        )


def downgrade() -> None:
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_column("description_text")
