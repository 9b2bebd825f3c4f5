"""warehouses and stock

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 02:28:38.426392
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('warehouses',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('merchant_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('street', sa.String(length=200), nullable=False),
    sa.Column('city', sa.String(length=100), nullable=False),
    sa.Column('postal_code', sa.String(length=20), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('countries_served', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['merchant_id'], ['merchants.id'], name=op.f('fk_warehouses_merchant_id_merchants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_warehouses'))
    )
    with op.batch_alter_table('warehouses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_warehouses_merchant_id'), ['merchant_id'], unique=False)

    op.create_table('storefront_warehouses',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('merchant_id', sa.Uuid(), nullable=False),
    sa.Column('storefront_id', sa.Uuid(), nullable=False),
    sa.Column('warehouse_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['merchant_id'], ['merchants.id'], name=op.f('fk_storefront_warehouses_merchant_id_merchants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['storefront_id'], ['storefronts.id'], name=op.f('fk_storefront_warehouses_storefront_id_storefronts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], name=op.f('fk_storefront_warehouses_warehouse_id_warehouses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_storefront_warehouses')),
    sa.UniqueConstraint('storefront_id', 'warehouse_id', name=op.f('uq_storefront_warehouses_storefront_id_warehouse_id'))
    )
    with op.batch_alter_table('storefront_warehouses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_storefront_warehouses_merchant_id'), ['merchant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_storefront_warehouses_warehouse_id'), ['warehouse_id'], unique=False)

    op.create_table('stocks',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('merchant_id', sa.Uuid(), nullable=False),
    sa.Column('variant_id', sa.Uuid(), nullable=False),
    sa.Column('warehouse_id', sa.Uuid(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('reserved', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('quantity >= 0', name=op.f('ck_stocks_quantity_not_negative')),
    sa.CheckConstraint('reserved >= 0', name=op.f('ck_stocks_reserved_not_negative')),
    sa.ForeignKeyConstraint(['merchant_id'], ['merchants.id'], name=op.f('fk_stocks_merchant_id_merchants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['variant_id'], ['product_variants.id'], name=op.f('fk_stocks_variant_id_product_variants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], name=op.f('fk_stocks_warehouse_id_warehouses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stocks')),
    sa.UniqueConstraint('variant_id', 'warehouse_id', name=op.f('uq_stocks_variant_id_warehouse_id'))
    )
    with op.batch_alter_table('stocks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stocks_merchant_id'), ['merchant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stocks_warehouse_id'), ['warehouse_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('stocks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stocks_warehouse_id'))
        batch_op.drop_index(batch_op.f('ix_stocks_merchant_id'))

    op.drop_table('stocks')
    with op.batch_alter_table('storefront_warehouses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_storefront_warehouses_warehouse_id'))
        batch_op.drop_index(batch_op.f('ix_storefront_warehouses_merchant_id'))

    op.drop_table('storefront_warehouses')
    with op.batch_alter_table('warehouses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_warehouses_merchant_id'))

    op.drop_table('warehouses')
