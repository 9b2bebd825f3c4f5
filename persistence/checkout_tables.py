"""Checkout's tables: taxes, shipping, carts, orders with their lines and fulfillment
groups, payments and the order-number counter. They share `persistence.tables.metadata`
(and are re-exported there, so `tables.<name>` names every table)."""

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
    false,
)

from persistence.tables import _id, _merchant, _reference, _times, metadata
from persistence.types import UTCDateTime, UuidList

tax_classes = Table(
    "tax_classes",
    metadata,
    _id(),
    _merchant(),
    Column("name", String(80), nullable=False),
    *_times(),
)

tax_rates = Table(
    "tax_rates",
    metadata,
    _id(),
    _merchant(),
    _reference("tax_class_id", "tax_classes", nullable=True),  # NULL: the default rates
    Column("country", String(2), nullable=False),
    Column("region", String(100), nullable=False),
    Column("rate_ppm", Integer, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    CheckConstraint("rate_ppm >= 0 AND rate_ppm <= 1000000", name="rate_in_range"),
)

shipping_zones = Table(
    "shipping_zones",
    metadata,
    _id(),
    _merchant(),
    Column("name", String(120), nullable=False),
    Column("countries", JSON, nullable=False),
    Column("storefront_ids", UuidList, nullable=False),
    *_times(),
)

shipping_methods = Table(
    "shipping_methods",
    metadata,
    _id(),
    _merchant(),
    _reference("zone_id", "shipping_zones", index=True),
    Column("name", String(120), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("amount", BigInteger, nullable=False),
    Column("free_above_amount", BigInteger),
    Column("weight_tiers", JSON, nullable=False),
    Column("is_active", Boolean, nullable=False),
    *_times(),
)

carts = Table(
    "carts",
    metadata,
    _id(),
    _merchant(),
    _reference("storefront_id", "storefronts"),
    _reference("customer_id", "customers", ondelete="SET NULL", nullable=True, index=True),
    Column("currency", String(3), nullable=False),
    Column("email", String(254), nullable=False),
    Column("shipping_address", JSON),
    Column("billing_address", JSON),
    _reference("shipping_method_id", "shipping_methods", ondelete="SET NULL", nullable=True),
    _reference("pickup_warehouse_id", "warehouses", ondelete="SET NULL", nullable=True),
    Column("note", Text, nullable=False),
    Column("promo_codes", JSON, nullable=False),
    Column("gift_card_ids", UuidList, nullable=False, server_default="[]"),
    Column("status", String(16), nullable=False),
    *_times(),
    Column("order_id", Uuid),
    # A draft order staff build for a customer (domain/orders/drafts.py): never a shopper's.
    Column("is_draft", Boolean, nullable=False, server_default=false()),
)

cart_lines = Table(
    "cart_lines",
    metadata,
    _id(),
    _merchant(),
    _reference("cart_id", "carts", index=True),
    _reference("variant_id", "product_variants"),
    Column("quantity", Integer, nullable=False),
    *_times(),
    UniqueConstraint("cart_id", "variant_id"),
    CheckConstraint("quantity > 0", name="quantity_positive"),
)

orders = Table(
    "orders",
    metadata,
    _id(),
    _merchant(),
    Column("number", BigInteger, nullable=False),
    Column("token", String(64), nullable=False, unique=True),
    _reference("storefront_id", "storefronts", ondelete="SET NULL", nullable=True, index=True),
    Column("storefront_name", String(120), nullable=False),
    _reference("customer_id", "customers", ondelete="SET NULL", nullable=True, index=True),
    Column("cart_id", Uuid, nullable=False),
    Column("checkout_key", String(200), nullable=False),
    Column("email", String(254), nullable=False),
    Column("status", String(16), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("prices_include_tax", Boolean, nullable=False),
    Column("subtotal_amount", BigInteger, nullable=False),
    Column("discount_amount", BigInteger, nullable=False),
    Column("shipping_amount", BigInteger, nullable=False),
    Column("tax_amount", BigInteger, nullable=False),
    Column("total_amount", BigInteger, nullable=False),
    Column("shipping_address", JSON),
    Column("billing_address", JSON),
    Column("delivery", JSON, nullable=False),
    Column("customer_note", Text, nullable=False),
    Column("stock_reserved", Boolean, nullable=False),
    *_times(),
    Column("expires_at", UTCDateTime, index=True),
    Column("paid_at", UTCDateTime),
    Column("cancelled_at", UTCDateTime),
    # The lifecycle (domain/orders/lifecycle.py): `version` grows with every change, so two
    # staff actions taken from the same state cannot both apply (compare-and-set).
    Column("payment_status", String(24), nullable=False, server_default="UNPAID"),
    Column("fulfillment_status", String(24), nullable=False, server_default="UNFULFILLED"),
    Column("held_from", String(16)),
    Column("version", Integer, nullable=False, server_default="0"),
    # What promotions took off the delivery (shipping_amount is after it).
    Column("shipping_discount_amount", BigInteger, nullable=False, server_default="0"),
    # Order editing (domain/orders/editing.py): staff's discount on the whole order, and what
    # the edits left to charge (> 0) or to refund (< 0).
    Column("manual_discount_amount", BigInteger, nullable=False, server_default="0"),
    Column("balance_amount", BigInteger, nullable=False, server_default="0"),
    UniqueConstraint("merchant_id", "number"),
    UniqueConstraint("merchant_id", "cart_id"),
)

order_lines = Table(
    "order_lines",
    metadata,
    _id(),
    _merchant(),
    _reference("order_id", "orders", index=True),
    Column("position", Integer, nullable=False),
    # Plain ids, no foreign keys: the snapshot outlives the catalog rows it was taken from.
    Column("variant_id", Uuid),
    Column("product_id", Uuid),
    Column("product_name", String(250), nullable=False),
    Column("variant_name", String(250), nullable=False),
    Column("sku", String(64), nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("unit_price_amount", BigInteger, nullable=False),
    Column("subtotal_amount", BigInteger, nullable=False),
    Column("discount_amount", BigInteger, nullable=False),
    Column("tax_rate_ppm", Integer, nullable=False),
    Column("tax_amount", BigInteger, nullable=False),
    Column("total_amount", BigInteger, nullable=False),
    # A gift card sold as a product: paying the order issues one card per unit.
    Column("gift_card", Boolean, nullable=False, server_default=false()),
    # What became of the units (see OrderLine): never more than ordered, each step within
    # the one before it.
    Column("quantity_fulfilled", Integer, nullable=False, server_default="0"),
    Column("quantity_shipped", Integer, nullable=False, server_default="0"),
    Column("quantity_delivered", Integer, nullable=False, server_default="0"),
    Column("quantity_refunded", Integer, nullable=False, server_default="0"),
    Column("quantity_returned", Integer, nullable=False, server_default="0"),
    *(
        CheckConstraint(check, name=name)
        for name, check in (
            (
                "fulfilled_within_quantity",
                "quantity_fulfilled >= 0 AND quantity_fulfilled <= quantity",
            ),
            (
                "shipped_within_fulfilled",
                "quantity_shipped >= 0 AND quantity_shipped <= quantity_fulfilled",
            ),
            (
                "delivered_within_shipped",
                "quantity_delivered >= 0 AND quantity_delivered <= quantity_shipped",
            ),
            (
                "refunded_within_quantity",
                "quantity_refunded >= 0 AND quantity_refunded <= quantity",
            ),
            (
                "returned_within_delivered",
                "quantity_returned >= 0 AND quantity_returned <= quantity_delivered",
            ),
        )
    ),
    # The part of `discount_amount` that is the line's share of staff's order discount.
    Column("manual_discount_amount", BigInteger, nullable=False, server_default="0"),
)

order_allocations = Table(
    "order_allocations",
    metadata,
    _id(),
    _merchant(),
    _reference("order_id", "orders", index=True),
    _reference("order_line_id", "order_lines"),
    Column("variant_id", Uuid, nullable=False),
    _reference("warehouse_id", "warehouses", ondelete="SET NULL", nullable=True),
    Column("warehouse_name", String(120), nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("tracked", Boolean, nullable=False),
)

payments = Table(
    "payments",
    metadata,
    _id(),
    _merchant(),
    _reference("order_id", "orders", index=True),
    Column("gateway", String(32), nullable=False),
    Column("state", String(24), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("amount", BigInteger, nullable=False),
    Column("captured_amount", BigInteger, nullable=False),
    Column("refunded_amount", BigInteger, nullable=False),
    Column("reference", String(120), nullable=False),
    *_times(),
    Column("gift_card_id", Uuid),
    CheckConstraint("captured_amount <= amount", name="captured_within_amount"),
    CheckConstraint("refunded_amount <= captured_amount", name="refunded_within_captured"),
)

payment_events = Table(
    "payment_events",
    metadata,
    _id(),
    _merchant(),
    _reference("payment_id", "payments", index=True),
    Column("kind", String(16), nullable=False),
    Column("amount", BigInteger, nullable=False),
    Column("success", Boolean, nullable=False),
    Column("reference", String(120), nullable=False),
    Column("message", String(250), nullable=False),
    Column("at", UTCDateTime, nullable=False),
)

# The last order number each merchant handed out, taken with one upsert ... RETURNING per order.
# Its own table: the merchant row is read by every storefront answer, the counter by checkouts.
order_counters = Table(
    "order_counters",
    metadata,
    Column(
        "merchant_id",
        Uuid,
        ForeignKey("merchants.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("last_number", BigInteger, nullable=False),
)
