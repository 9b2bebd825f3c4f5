"""Attributes, product types, attribute values; variants keyed by their defining values.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 03:31:59.650666
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "attributes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("merchant_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("slug", sa.String(length=63), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("unit", sa.String(length=20), nullable=True),
        sa.Column("filterable", sa.Boolean(), nullable=False),
        sa.Column("choices", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.id"],
            name=op.f("fk_attributes_merchant_id_merchants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attributes")),
        sa.UniqueConstraint("merchant_id", "slug", name=op.f("uq_attributes_merchant_id_slug")),
    )
    with op.batch_alter_table("attributes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attributes_merchant_id"), ["merchant_id"], unique=False
        )

    op.create_table(
        "product_types",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("merchant_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("slug", sa.String(length=63), nullable=False),
        sa.Column("product_attribute_ids", sa.JSON(), nullable=False),
        sa.Column("variant_attribute_ids", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.id"],
            name=op.f("fk_product_types_merchant_id_merchants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_types")),
        sa.UniqueConstraint("merchant_id", "slug", name=op.f("uq_product_types_merchant_id_slug")),
    )
    with op.batch_alter_table("product_types", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_product_types_merchant_id"), ["merchant_id"], unique=False
        )

    op.create_table(
        "attribute_values",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("merchant_id", sa.Uuid(), nullable=False),
        sa.Column("product_id", sa.Uuid(), nullable=False),
        sa.Column("variant_id", sa.Uuid(), nullable=True),
        sa.Column("attribute_id", sa.Uuid(), nullable=False),
        sa.Column("choice_id", sa.Uuid(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("number", sa.String(length=40), nullable=True),
        sa.Column("boolean", sa.Boolean(), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["attribute_id"],
            ["attributes.id"],
            name=op.f("fk_attribute_values_attribute_id_attributes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.id"],
            name=op.f("fk_attribute_values_merchant_id_merchants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_attribute_values_product_id_products"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["variant_id"],
            ["product_variants.id"],
            name=op.f("fk_attribute_values_variant_id_product_variants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attribute_values")),
    )
    with op.batch_alter_table("attribute_values", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attribute_values_attribute_id_choice_id"),
            ["attribute_id", "choice_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_attribute_values_merchant_id"), ["merchant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_attribute_values_product_id"), ["product_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_attribute_values_variant_id"), ["variant_id"], unique=False
        )

    with op.batch_alter_table("product_variants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("attribute_key", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f("uq_product_variants_product_id_attribute_key"),
            ["product_id", "attribute_key"],
        )

    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.add_column(sa.Column("product_type_id", sa.Uuid(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_products_product_type_id"), ["product_type_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_products_product_type_id_product_types"),
            "product_types",
            ["product_type_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_products_product_type_id_product_types"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_products_product_type_id"))
        batch_op.drop_column("product_type_id")

    with op.batch_alter_table("product_variants", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("uq_product_variants_product_id_attribute_key"), type_="unique"
        )
        batch_op.drop_column("attribute_key")

    with op.batch_alter_table("attribute_values", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attribute_values_variant_id"))
        batch_op.drop_index(batch_op.f("ix_attribute_values_product_id"))
        batch_op.drop_index(batch_op.f("ix_attribute_values_merchant_id"))
        batch_op.drop_index(batch_op.f("ix_attribute_values_attribute_id_choice_id"))

    op.drop_table("attribute_values")
    with op.batch_alter_table("product_types", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_product_types_merchant_id"))

    op.drop_table("product_types")
    with op.batch_alter_table("attributes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attributes_merchant_id"))

    op.drop_table("attributes")
