"""What happens to orders after checkout: fulfillments (parcels per warehouse), refunds,
returns and the order timeline. They share `persistence.tables.metadata` (and are re-exported there)."""

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Integer,
    String,
    Table,
    Text,
    Uuid,
)

from persistence.tables import _id, _merchant, _reference, _times, metadata
from persistence.types import UTCDateTime

fulfillments = Table(
    "fulfillments",
    metadata,
    _id(),
    _merchant(),
    _reference("order_id", "orders", index=True),
    _reference("warehouse_id", "warehouses", ondelete="SET NULL", nullable=True),
    Column("warehouse_name", String(120), nullable=False),
    Column("status", String(16), nullable=False),
    Column("tracking_number", String(120), nullable=False),
    Column("carrier", String(120), nullable=False),
    *_times(),
    Column("shipped_at", UTCDateTime),
    Column("delivered_at", UTCDateTime),
)

fulfillment_lines = Table(
    "fulfillment_lines",
    metadata,
    _id(),
    _merchant(),
    _reference("fulfillment_id", "fulfillments", index=True),
    _reference("order_line_id", "order_lines"),
    Column("quantity", Integer, nullable=False),
    CheckConstraint("quantity > 0", name="quantity_positive"),
)

refunds = Table(
    "refunds",
    metadata,
    _id(),
    _merchant(),
    _reference("order_id", "orders", index=True),
    Column("currency", String(3), nullable=False),
    Column("amount", BigInteger, nullable=False),
    Column("shipping_amount", BigInteger, nullable=False),
    # [{"orderLineId": "<uuid>", "sku": "...", "quantity": 1, "amount": 1000}, ...]
    Column("lines", JSON, nullable=False),
    Column("restock", Boolean, nullable=False),
    Column("reason", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    CheckConstraint("amount > 0", name="amount_positive"),
)

order_returns = Table(
    "order_returns",
    metadata,
    _id(),
    _merchant(),
    _reference("order_id", "orders", index=True),
    Column("customer_id", Uuid),
    Column("status", String(16), nullable=False),
    # [{"orderLineId": "<uuid>", "sku": "...", "quantity": 1, "reason": "..."}, ...]
    Column("lines", JSON, nullable=False),
    Column("staff_note", Text, nullable=False),
    Column("restocked", Boolean, nullable=False),
    *_times(),
    Column("received_at", UTCDateTime),
)

order_timeline = Table(
    "order_timeline",
    metadata,
    _id(),
    _merchant(),
    _reference("order_id", "orders", index=True),
    Column("kind", String(40), nullable=False),
    Column("actor_kind", String(16), nullable=False),
    Column("actor_id", Uuid),
    Column("data", JSON, nullable=False),
    Column("at", UTCDateTime, nullable=False),
)
