"""Order lifecycle (issue 7): fulfillments, refunds, returns, the order timeline; lifecycle columns on
orders (payment and fulfillment status, hold, version), per-line unit counters with CHECK
constraints, and the merchant's customer-cancellation and return-window settings.

SQLite cannot add a CHECK constraint to an existing table without rebuilding it (and a
rebuild of `order_lines` would cascade-delete its allocations with foreign keys on), so there
each counter is added with its CHECK inline in `ALTER TABLE ... ADD COLUMN`; PostgreSQL adds
named constraints.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 10:15:00
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from persistence.types import UTCDateTime

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (column, constraint name, check): each counter within the one before it.
COUNTERS = [
    ("quantity_fulfilled", "fulfilled_within_quantity", "quantity_fulfilled <= quantity"),
    ("quantity_shipped", "shipped_within_fulfilled", "quantity_shipped <= quantity_fulfilled"),
    ("quantity_delivered", "delivered_within_shipped", "quantity_delivered <= quantity_shipped"),
    ("quantity_refunded", "refunded_within_quantity", "quantity_refunded <= quantity"),
    ("quantity_returned", "returned_within_delivered", "quantity_returned <= quantity_delivered"),
]


def _tenant_keys(table: str) -> list[Any]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("merchant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.id"],
            name=op.f(f"fk_{table}_merchant_id_merchants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def _order_key(table: str) -> list[Any]:
    return [
        sa.Column("order_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f(f"fk_{table}_order_id_orders"), ondelete="CASCADE"
        ),
    ]


def _indexes(table: str, *columns: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def _create_tables() -> None:
    op.create_table(
        "fulfillments",
        *_tenant_keys("fulfillments"),
        *_order_key("fulfillments"),
        sa.Column("warehouse_id", sa.Uuid(), nullable=True),
        sa.Column("warehouse_name", sa.String(length=120), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("tracking_number", sa.String(length=120), nullable=False),
        sa.Column("carrier", sa.String(length=120), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("shipped_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("delivered_at", UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["warehouse_id"],
            ["warehouses.id"],
            name=op.f("fk_fulfillments_warehouse_id_warehouses"),
            ondelete="SET NULL",
        ),
    )
    _indexes("fulfillments", "merchant_id", "order_id")
    op.create_table(
        "fulfillment_lines",
        *_tenant_keys("fulfillment_lines"),
        sa.Column("fulfillment_id", sa.Uuid(), nullable=False),
        sa.Column("order_line_id", sa.Uuid(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_fulfillment_lines_quantity_positive")),
        sa.ForeignKeyConstraint(
            ["fulfillment_id"],
            ["fulfillments.id"],
            name=op.f("fk_fulfillment_lines_fulfillment_id_fulfillments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["order_line_id"],
            ["order_lines.id"],
            name=op.f("fk_fulfillment_lines_order_line_id_order_lines"),
            ondelete="CASCADE",
        ),
    )
    _indexes("fulfillment_lines", "fulfillment_id", "merchant_id")
    op.create_table(
        "refunds",
        *_tenant_keys("refunds"),
        *_order_key("refunds"),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("shipping_amount", sa.BigInteger(), nullable=False),
        sa.Column("lines", sa.JSON(), nullable=False),
        sa.Column("restock", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount > 0", name=op.f("ck_refunds_amount_positive")),
    )
    _indexes("refunds", "merchant_id", "order_id")
    op.create_table(
        "order_returns",
        *_tenant_keys("order_returns"),
        *_order_key("order_returns"),
        sa.Column("customer_id", sa.Uuid(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("lines", sa.JSON(), nullable=False),
        sa.Column("staff_note", sa.Text(), nullable=False),
        sa.Column("restocked", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("received_at", UTCDateTime(timezone=True), nullable=True),
    )
    _indexes("order_returns", "merchant_id", "order_id")
    op.create_table(
        "order_timeline",
        *_tenant_keys("order_timeline"),
        *_order_key("order_timeline"),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("actor_kind", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("at", UTCDateTime(timezone=True), nullable=False),
    )
    _indexes("order_timeline", "merchant_id", "order_id")


def _add_counters() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for column, _name, check in COUNTERS:
            op.execute(
                f"ALTER TABLE order_lines ADD COLUMN {column} INTEGER DEFAULT '0' NOT NULL "
                f"CHECK ({column} >= 0 AND {check})"
            )
        return
    for column, name, check in COUNTERS:
        op.add_column(
            "order_lines", sa.Column(column, sa.Integer(), server_default="0", nullable=False)
        )
        op.create_check_constraint(
            op.f(f"ck_order_lines_{name}"), "order_lines", f"{column} >= 0 AND {check}"
        )


def upgrade() -> None:
    _create_tables()
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "payment_status", sa.String(length=24), server_default="UNPAID", nullable=False
            )
        )
        batch_op.add_column(
            sa.Column(
                "fulfillment_status",
                sa.String(length=24),
                server_default="UNFULFILLED",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("held_from", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="0", nullable=False))
    op.execute("UPDATE orders SET payment_status = 'PAID' WHERE status = 'PAID'")
    _add_counters()
    with op.batch_alter_table("merchants", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "customer_cancel_allowed", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )
        batch_op.add_column(
            sa.Column("return_window_days", sa.Integer(), server_default="30", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("merchants", schema=None) as batch_op:
        batch_op.drop_column("return_window_days")
        batch_op.drop_column("customer_cancel_allowed")
    # Later counters first: each one's CHECK names the one before it.
    for column, name, _check in reversed(COUNTERS):
        if op.get_bind().dialect.name != "sqlite":
            op.drop_constraint(op.f(f"ck_order_lines_{name}"), "order_lines", type_="check")
        op.execute(f"ALTER TABLE order_lines DROP COLUMN {column}")
    for column in ("version", "held_from", "fulfillment_status", "payment_status"):
        op.execute(f"ALTER TABLE orders DROP COLUMN {column}")
    for table in ("order_timeline", "order_returns", "refunds", "fulfillment_lines", "fulfillments"):
        op.drop_table(table)
