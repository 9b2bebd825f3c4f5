"""Order editing (a staff discount and the balance edits leave on an order), draft orders
(carts flagged `is_draft`) and product reviews (issue 7).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 10:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("carts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_draft", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("manual_discount_amount", sa.BigInteger(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("balance_amount", sa.BigInteger(), server_default="0", nullable=False)
        )
    with op.batch_alter_table("order_lines", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("manual_discount_amount", sa.BigInteger(), server_default="0", nullable=False)
        )
    op.create_table(
        "product_reviews",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("merchant_id", sa.Uuid(), nullable=False),
        sa.Column("product_id", sa.Uuid(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("moderated_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "rating >= 1 AND rating <= 5", name=op.f("ck_product_reviews_rating_in_range")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_product_reviews_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.id"],
            name=op.f("fk_product_reviews_merchant_id_merchants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_product_reviews_product_id_products"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_reviews")),
        sa.UniqueConstraint(
            "product_id", "customer_id", name=op.f("uq_product_reviews_product_id_customer_id")
        ),
    )
    with op.batch_alter_table("product_reviews", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_product_reviews_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_product_reviews_merchant_id"), ["merchant_id"], unique=False
        )
        batch_op.create_index(
            "ix_product_reviews_product_status", ["product_id", "status"], unique=False
        )


def downgrade() -> None:
    op.drop_table("product_reviews")
    with op.batch_alter_table("order_lines", schema=None) as batch_op:
        batch_op.drop_column("manual_discount_amount")
    with op.batch_alter_table("carts", schema=None) as batch_op:
        batch_op.drop_column("is_draft")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_column("balance_amount")
        batch_op.drop_column("manual_discount_amount")
