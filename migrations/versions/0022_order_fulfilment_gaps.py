"""Order fulfilment gaps: when a sold gift card was taken back, and the new statuses for the
orders already placed (units in fulfillments not shipped: ALLOCATED; paid orders of gift cards
only: DELIVERED).

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Orders with units in fulfillments and nothing shipped; orders whose lines are gift cards only.
IN_FULFILLMENTS = (
    "EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = orders.id"
    " AND l.quantity_fulfilled > 0)"
    " AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = orders.id"
    " AND l.quantity_shipped > 0)"
)
CARDS_ONLY = (
    "NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = orders.id AND NOT l.gift_card)"
)


def upgrade() -> None:
    # A plain ADD COLUMN: SQLite does it in place, keeping the table's triggers.
    op.add_column(
        "gift_cards", sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True)
    )
    # (an unpaid order has units in fulfillments only when it is cash on delivery)
    op.execute(
        "UPDATE orders SET status = 'ALLOCATED'"
        f" WHERE status IN ('PAID', 'UNPAID') AND {IN_FULFILLMENTS}"
    )
    op.execute(
        "UPDATE orders SET held_from = 'ALLOCATED'"
        f" WHERE held_from IN ('PAID', 'UNPAID') AND {IN_FULFILLMENTS}"
    )
    op.execute(
        "UPDATE orders SET status = 'DELIVERED', fulfillment_status = 'DELIVERED'"
        f" WHERE status = 'PAID' AND {CARDS_ONLY}"
    )


def downgrade() -> None:
    op.execute(
        "UPDATE orders SET status = 'PAID', fulfillment_status = 'UNFULFILLED'"
        f" WHERE status = 'DELIVERED' AND {CARDS_ONLY}"
    )
    for column in ("status", "held_from"):
        op.execute(
            f"UPDATE orders SET {column} = CASE WHEN payment_status = 'UNPAID' THEN 'UNPAID'"
            f" ELSE 'PAID' END WHERE {column} IN ('ALLOCATED', 'PICKING', 'PACKED')"
        )
        op.execute(f"UPDATE orders SET {column} = 'DELIVERED' WHERE {column} = 'RETURNED'")
    op.execute("UPDATE fulfillments SET status = 'CREATED' WHERE status IN ('PICKING', 'PACKED')")
    with op.batch_alter_table("gift_cards") as batch:
        batch.drop_column("withdrawn_at")
