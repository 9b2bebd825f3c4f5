"""Translations of catalog text per language; storefront languages.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-22 04:09:16.630450
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "translations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("merchant_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.id"],
            name=op.f("fk_translations_merchant_id_merchants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_translations")),
        sa.UniqueConstraint(
            "entity_id", "language", name=op.f("uq_translations_entity_id_language")
        ),
    )
    with op.batch_alter_table("translations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_translations_merchant_id"), ["merchant_id"], unique=False
        )

    with op.batch_alter_table("storefronts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("languages", sa.JSON(), server_default='["en"]', nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("storefronts", schema=None) as batch_op:
        batch_op.drop_column("languages")

    with op.batch_alter_table("translations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_translations_merchant_id"))

    op.drop_table("translations")
