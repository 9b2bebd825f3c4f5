"""Gift cards sold as products: product type kinds, the order line's gift-card flag, and the
sold card's order line, sealed code and delivery time.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03 10:55:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMNs (with defaults): SQLite does them in place, keeping the tables' triggers.
    op.add_column(
        "product_types",
        sa.Column("kind", sa.String(length=16), nullable=False, server_default="STANDARD"),
    )
    op.add_column(
        "order_lines",
        sa.Column("gift_card", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("gift_cards", sa.Column("order_line_id", sa.Uuid(), nullable=True))
    op.add_column("gift_cards", sa.Column("sealed_code", sa.LargeBinary(), nullable=True))
    op.add_column(
        "gift_cards", sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.create_index("ix_gift_cards_order_line_id", "gift_cards", ["order_line_id"])


def downgrade() -> None:
    op.drop_index("ix_gift_cards_order_line_id", table_name="gift_cards")
    with op.batch_alter_table("gift_cards") as batch:
        batch.drop_column("delivered_at")
        batch.drop_column("sealed_code")
        batch.drop_column("order_line_id")
    with op.batch_alter_table("order_lines") as batch:
        batch.drop_column("gift_card")
    with op.batch_alter_table("product_types") as batch:
        batch.drop_column("kind")
