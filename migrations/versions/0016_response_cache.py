"""Response cache: trusted documents (a merchant's allow-list of GraphQL documents) and the
storefront switch that enforces it.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 07:11:23.017635
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "trusted_documents",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("merchant_id", sa.Uuid(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.id"],
            name=op.f("fk_trusted_documents_merchant_id_merchants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trusted_documents")),
        sa.UniqueConstraint(
            "merchant_id", "sha256", name=op.f("uq_trusted_documents_merchant_id_sha256")
        ),
    )
    with op.batch_alter_table("trusted_documents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_trusted_documents_merchant_id"), ["merchant_id"], unique=False
        )
    with op.batch_alter_table("storefronts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "trusted_documents_only", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("storefronts", schema=None) as batch_op:
        batch_op.drop_column("trusted_documents_only")
    with op.batch_alter_table("trusted_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_trusted_documents_merchant_id"))
    op.drop_table("trusted_documents")
