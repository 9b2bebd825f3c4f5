"""Customers: accounts, addresses, notes, verification and reset codes, tiers, segments,
wishlists.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-22 06:12:35.487874
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "customer_segments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("merchant_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("rule", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.id"],
            name=op.f("fk_customer_segments_merchant_id_merchants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_segments")),
    )
    with op.batch_alter_table("customer_segments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_customer_segments_merchant_id"), ["merchant_id"], unique=False
        )

    op.create_table(
        "customer_tiers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("merchant_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("thresholds", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.id"],
            name=op.f("fk_customer_tiers_merchant_id_merchants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_tiers")),
        sa.UniqueConstraint(
            "merchant_id", "level", name=op.f("uq_customer_tiers_merchant_id_level")
        ),
    )
    with op.batch_alter_table("customer_tiers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_customer_tiers_merchant_id"), ["merchant_id"], unique=False
        )

    op.create_table(
        "customers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("merchant_id", sa.Uuid(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("first_name", sa.String(length=80), nullable=False),
        sa.Column("last_name", sa.String(length=80), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("email_verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("metadata", sa.JSON(), nullable=False),
        sa.Column("private_metadata", sa.JSON(), nullable=False),
        sa.Column("tier_id", sa.Uuid(), nullable=True),
        sa.Column("order_count", sa.Integer(), nullable=False),
        sa.Column("total_spent", sa.JSON(), nullable=False),
        sa.Column("last_order_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.id"],
            name=op.f("fk_customers_merchant_id_merchants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tier_id"],
            ["customer_tiers.id"],
            name=op.f("fk_customers_tier_id_customer_tiers"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
        sa.UniqueConstraint("merchant_id", "email", name=op.f("uq_customers_merchant_id_email")),
    )
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customers_merchant_id"), ["merchant_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_customers_tier_id"), ["tier_id"], unique=False)

    op.create_table(
        "customer_addresses",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("merchant_id", sa.Uuid(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("first_name", sa.String(length=80), nullable=False),
        sa.Column("last_name", sa.String(length=80), nullable=False),
        sa.Column("company", sa.String(length=120), nullable=False),
        sa.Column("street_line1", sa.String(length=200), nullable=False),
        sa.Column("street_line2", sa.String(length=200), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("region", sa.String(length=100), nullable=False),
        sa.Column("postal_code", sa.String(length=20), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("is_default_shipping", sa.Boolean(), nullable=False),
        sa.Column("is_default_billing", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_customer_addresses_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.id"],
            name=op.f("fk_customer_addresses_merchant_id_merchants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_addresses")),
    )
    with op.batch_alter_table("customer_addresses", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_customer_addresses_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_customer_addresses_merchant_id"), ["merchant_id"], unique=False
        )

    op.create_table(
        "customer_notes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("merchant_id", sa.Uuid(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("author_staff_id", sa.Uuid(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_staff_id"],
            ["staff_users.id"],
            name=op.f("fk_customer_notes_author_staff_id_staff_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_customer_notes_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.id"],
            name=op.f("fk_customer_notes_merchant_id_merchants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_notes")),
    )
    with op.batch_alter_table("customer_notes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_customer_notes_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_customer_notes_merchant_id"), ["merchant_id"], unique=False
        )

    op.create_table(
        "customer_tokens",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("merchant_id", sa.Uuid(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("token_digest", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_customer_tokens_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.id"],
            name=op.f("fk_customer_tokens_merchant_id_merchants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_tokens")),
        sa.UniqueConstraint("token_digest", name=op.f("uq_customer_tokens_token_digest")),
    )
    with op.batch_alter_table("customer_tokens", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_customer_tokens_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_customer_tokens_merchant_id"), ["merchant_id"], unique=False
        )

    op.create_table(
        "wishlists",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("merchant_id", sa.Uuid(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("share_token", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_wishlists_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.id"],
            name=op.f("fk_wishlists_merchant_id_merchants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wishlists")),
        sa.UniqueConstraint("share_token", name=op.f("uq_wishlists_share_token")),
    )
    with op.batch_alter_table("wishlists", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_wishlists_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_wishlists_merchant_id"), ["merchant_id"], unique=False)

    op.create_table(
        "wishlist_items",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("merchant_id", sa.Uuid(), nullable=False),
        sa.Column("wishlist_id", sa.Uuid(), nullable=False),
        sa.Column("variant_id", sa.Uuid(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_amount", sa.BigInteger(), nullable=True),
        sa.Column("seen_currency", sa.String(length=3), nullable=True),
        sa.Column("seen_in_stock", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.id"],
            name=op.f("fk_wishlist_items_merchant_id_merchants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["variant_id"],
            ["product_variants.id"],
            name=op.f("fk_wishlist_items_variant_id_product_variants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["wishlist_id"],
            ["wishlists.id"],
            name=op.f("fk_wishlist_items_wishlist_id_wishlists"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wishlist_items")),
        sa.UniqueConstraint(
            "wishlist_id", "variant_id", name=op.f("uq_wishlist_items_wishlist_id_variant_id")
        ),
    )
    with op.batch_alter_table("wishlist_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_wishlist_items_merchant_id"), ["merchant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_wishlist_items_variant_id"), ["variant_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("wishlist_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_wishlist_items_variant_id"))
        batch_op.drop_index(batch_op.f("ix_wishlist_items_merchant_id"))

    op.drop_table("wishlist_items")
    with op.batch_alter_table("wishlists", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_wishlists_merchant_id"))
        batch_op.drop_index(batch_op.f("ix_wishlists_customer_id"))

    op.drop_table("wishlists")
    with op.batch_alter_table("customer_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customer_tokens_merchant_id"))
        batch_op.drop_index(batch_op.f("ix_customer_tokens_customer_id"))

    op.drop_table("customer_tokens")
    with op.batch_alter_table("customer_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customer_notes_merchant_id"))
        batch_op.drop_index(batch_op.f("ix_customer_notes_customer_id"))

    op.drop_table("customer_notes")
    with op.batch_alter_table("customer_addresses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customer_addresses_merchant_id"))
        batch_op.drop_index(batch_op.f("ix_customer_addresses_customer_id"))

    op.drop_table("customer_addresses")
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customers_tier_id"))
        batch_op.drop_index(batch_op.f("ix_customers_merchant_id"))

    op.drop_table("customers")
    with op.batch_alter_table("customer_tiers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customer_tiers_merchant_id"))

    op.drop_table("customer_tiers")
    with op.batch_alter_table("customer_segments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customer_segments_merchant_id"))

    op.drop_table("customer_segments")
