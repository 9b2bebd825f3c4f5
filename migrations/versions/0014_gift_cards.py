"""Gift cards (issue 5): cards stored by code digest and last 4 characters, and their ledger.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 07:09:24.407339
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "gift_cards",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("merchant_id", sa.Uuid(), nullable=False),
        sa.Column("code_digest", sa.String(length=64), nullable=False),
        sa.Column("last4", sa.String(length=4), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("initial_amount", sa.BigInteger(), nullable=False),
        sa.Column("balance_amount", sa.BigInteger(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("created_by_kind", sa.String(length=16), nullable=False),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("balance_amount >= 0", name=op.f("ck_gift_cards_balance_not_negative")),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_gift_cards_customer_id_customers"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.id"],
            name=op.f("fk_gift_cards_merchant_id_merchants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gift_cards")),
        sa.UniqueConstraint(
            "merchant_id", "code_digest", name=op.f("uq_gift_cards_merchant_id_code_digest")
        ),
    )
    with op.batch_alter_table("gift_cards", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_gift_cards_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_gift_cards_last4"), ["last4"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_gift_cards_merchant_id"), ["merchant_id"], unique=False
        )

    op.create_table(
        "gift_card_transactions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("merchant_id", sa.Uuid(), nullable=False),
        sa.Column("gift_card_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("balance_after", sa.BigInteger(), nullable=False),
        sa.Column("order_id", sa.Uuid(), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("actor_kind", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["gift_card_id"],
            ["gift_cards.id"],
            name=op.f("fk_gift_card_transactions_gift_card_id_gift_cards"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.id"],
            name=op.f("fk_gift_card_transactions_merchant_id_merchants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gift_card_transactions")),
    )
    with op.batch_alter_table("gift_card_transactions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_gift_card_transactions_gift_card_id"), ["gift_card_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_gift_card_transactions_merchant_id"), ["merchant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_gift_card_transactions_order_id"), ["order_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("gift_card_transactions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_gift_card_transactions_order_id"))
        batch_op.drop_index(batch_op.f("ix_gift_card_transactions_merchant_id"))
        batch_op.drop_index(batch_op.f("ix_gift_card_transactions_gift_card_id"))

    op.drop_table("gift_card_transactions")
    with op.batch_alter_table("gift_cards", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_gift_cards_merchant_id"))
        batch_op.drop_index(batch_op.f("ix_gift_cards_last4"))
        batch_op.drop_index(batch_op.f("ix_gift_cards_customer_id"))

    op.drop_table("gift_cards")
