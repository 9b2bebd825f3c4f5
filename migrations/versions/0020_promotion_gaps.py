"""Promotion gaps (issue 6): each storefront's risk policy (most discount per order, as an
amount and a percentage; floor price as a percentage of cost), each merchant's choice for
overlapping promotions (warn or refuse), redemptions kept as reversed when an unpaid order
lapses, and the shipping discount stored on the order.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03 10:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("storefronts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("max_order_discount_amount", sa.BigInteger(), nullable=True))
        batch_op.add_column(
            sa.Column("max_order_discount_percent", sa.String(length=16), nullable=True)
        )
        batch_op.add_column(sa.Column("floor_percent_of_cost", sa.String(length=16), nullable=True))
    with op.batch_alter_table("merchants", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "promotion_conflicts", sa.String(length=8), server_default="WARN", nullable=False
            )
        )
    with op.batch_alter_table("promotion_redemptions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reversed_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "shipping_discount_amount", sa.BigInteger(), server_default="0", nullable=False
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_column("shipping_discount_amount")
    with op.batch_alter_table("promotion_redemptions", schema=None) as batch_op:
        batch_op.drop_column("reversed_at")
    with op.batch_alter_table("merchants", schema=None) as batch_op:
        batch_op.drop_column("promotion_conflicts")
    with op.batch_alter_table("storefronts", schema=None) as batch_op:
        batch_op.drop_column("floor_percent_of_cost")
        batch_op.drop_column("max_order_discount_percent")
        batch_op.drop_column("max_order_discount_amount")
