"""Promotions (issue 6): definitions (action and condition as JSON), codes, per-customer uses,
redemptions; the counters that enforce limits.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 08:15:04.614724
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "promotions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("merchant_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("stacking", sa.String(length=16), nullable=False),
        sa.Column("combination_group", sa.String(length=64), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("action", sa.JSON(), nullable=False),
        sa.Column("condition", sa.JSON(), nullable=False),
        sa.Column("usage_limit", sa.Integer(), nullable=True),
        sa.Column("usage_limit_per_customer", sa.Integer(), nullable=True),
        sa.Column("budget_amount", sa.BigInteger(), nullable=True),
        sa.Column("times_used", sa.Integer(), server_default="0", nullable=False),
        sa.Column("discount_given", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("is_archived", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "budget_amount IS NULL OR discount_given <= budget_amount",
            name=op.f("ck_promotions_within_budget"),
        ),
        sa.CheckConstraint(
            "usage_limit IS NULL OR times_used <= usage_limit",
            name=op.f("ck_promotions_uses_within_limit"),
        ),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.id"],
            name=op.f("fk_promotions_merchant_id_merchants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promotions")),
    )
    with op.batch_alter_table("promotions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_promotions_merchant_id"), ["merchant_id"], unique=False
        )

    op.create_table(
        "promotion_codes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("merchant_id", sa.Uuid(), nullable=False),
        sa.Column("promotion_id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("usage_limit", sa.Integer(), nullable=True),
        sa.Column("times_used", sa.Integer(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "usage_limit IS NULL OR times_used <= usage_limit",
            name=op.f("ck_promotion_codes_uses_within_limit"),
        ),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.id"],
            name=op.f("fk_promotion_codes_merchant_id_merchants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["promotion_id"],
            ["promotions.id"],
            name=op.f("fk_promotion_codes_promotion_id_promotions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promotion_codes")),
        sa.UniqueConstraint(
            "merchant_id", "code", name=op.f("uq_promotion_codes_merchant_id_code")
        ),
    )
    with op.batch_alter_table("promotion_codes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_promotion_codes_merchant_id"), ["merchant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_promotion_codes_promotion_id"), ["promotion_id"], unique=False
        )

    op.create_table(
        "promotion_customer_uses",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("merchant_id", sa.Uuid(), nullable=False),
        sa.Column("promotion_id", sa.Uuid(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("times_used", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_promotion_customer_uses_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.id"],
            name=op.f("fk_promotion_customer_uses_merchant_id_merchants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["promotion_id"],
            ["promotions.id"],
            name=op.f("fk_promotion_customer_uses_promotion_id_promotions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promotion_customer_uses")),
        sa.UniqueConstraint(
            "promotion_id",
            "customer_id",
            name=op.f("uq_promotion_customer_uses_promotion_id_customer_id"),
        ),
    )
    with op.batch_alter_table("promotion_customer_uses", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_promotion_customer_uses_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_promotion_customer_uses_merchant_id"), ["merchant_id"], unique=False
        )

    op.create_table(
        "promotion_redemptions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("merchant_id", sa.Uuid(), nullable=False),
        sa.Column("promotion_id", sa.Uuid(), nullable=False),
        sa.Column("order_id", sa.Uuid(), nullable=False),
        sa.Column("code_id", sa.Uuid(), nullable=True),
        sa.Column("customer_id", sa.Uuid(), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["code_id"],
            ["promotion_codes.id"],
            name=op.f("fk_promotion_redemptions_code_id_promotion_codes"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_promotion_redemptions_customer_id_customers"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.id"],
            name=op.f("fk_promotion_redemptions_merchant_id_merchants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
            name=op.f("fk_promotion_redemptions_order_id_orders"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["promotion_id"],
            ["promotions.id"],
            name=op.f("fk_promotion_redemptions_promotion_id_promotions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promotion_redemptions")),
    )
    with op.batch_alter_table("promotion_redemptions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_promotion_redemptions_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_promotion_redemptions_merchant_id"), ["merchant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_promotion_redemptions_order_id"), ["order_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_promotion_redemptions_promotion_id"), ["promotion_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("promotion_redemptions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_promotion_redemptions_promotion_id"))
        batch_op.drop_index(batch_op.f("ix_promotion_redemptions_order_id"))
        batch_op.drop_index(batch_op.f("ix_promotion_redemptions_merchant_id"))
        batch_op.drop_index(batch_op.f("ix_promotion_redemptions_customer_id"))

    op.drop_table("promotion_redemptions")
    with op.batch_alter_table("promotion_customer_uses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_promotion_customer_uses_merchant_id"))
        batch_op.drop_index(batch_op.f("ix_promotion_customer_uses_customer_id"))

    op.drop_table("promotion_customer_uses")
    with op.batch_alter_table("promotion_codes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_promotion_codes_promotion_id"))
        batch_op.drop_index(batch_op.f("ix_promotion_codes_merchant_id"))

    op.drop_table("promotion_codes")
    with op.batch_alter_table("promotions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_promotions_merchant_id"))

    op.drop_table("promotions")
