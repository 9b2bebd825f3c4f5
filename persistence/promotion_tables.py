"""Promotions' tables (issue 6). They share `persistence.tables.metadata` (and are
re-exported there, so `tables.<name>` names every table)."""

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Integer,
    String,
    Table,
    UniqueConstraint,
    false,
)

from persistence.tables import _id, _merchant, _reference, _times, metadata
from persistence.types import UTCDateTime

# Promotions (issue 6): the definition (action and condition as JSON, see
# domain/promotions/serialization.py), codes, redemptions and the counters that enforce limits.
# Counters change only through conditional UPDATEs (the check constraints are a last guard).
promotions = Table(
    "promotions",
    metadata,
    _id(),
    _merchant(),
    Column("name", String(255), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("priority", Integer, nullable=False),
    Column("stacking", String(16), nullable=False),
    Column("combination_group", String(64)),
    Column("currency", String(3)),
    Column("starts_at", UTCDateTime),
    Column("ends_at", UTCDateTime),
    Column("action", JSON, nullable=False),
    Column("condition", JSON, nullable=False),
    Column("usage_limit", Integer),
    Column("usage_limit_per_customer", Integer),
    Column("budget_amount", BigInteger),
    Column("times_used", Integer, nullable=False, server_default="0"),
    Column("discount_given", BigInteger, nullable=False, server_default="0"),
    Column("is_archived", Boolean, nullable=False, server_default=false()),
    *_times(),
    CheckConstraint("usage_limit IS NULL OR times_used <= usage_limit", name="uses_within_limit"),
    CheckConstraint(
        "budget_amount IS NULL OR discount_given <= budget_amount", name="within_budget"
    ),
)

promotion_codes = Table(
    "promotion_codes",
    metadata,
    _id(),
    _merchant(),
    _reference("promotion_id", "promotions", index=True),
    Column("code", String(32), nullable=False),
    Column("usage_limit", Integer),
    Column("times_used", Integer, nullable=False, server_default="0"),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("merchant_id", "code"),
    CheckConstraint("usage_limit IS NULL OR times_used <= usage_limit", name="uses_within_limit"),
)

# How often each customer used a promotion: one row per (promotion, customer), created on the
# first use and counted up with a conditional UPDATE.
promotion_customer_uses = Table(
    "promotion_customer_uses",
    metadata,
    _id(),
    _merchant(),
    _reference("promotion_id", "promotions"),
    _reference("customer_id", "customers", index=True),
    Column("times_used", Integer, nullable=False),
    UniqueConstraint("promotion_id", "customer_id"),
)

promotion_redemptions = Table(
    "promotion_redemptions",
    metadata,
    _id(),
    _merchant(),
    _reference("promotion_id", "promotions", index=True),
    _reference("order_id", "orders", index=True),
    _reference("code_id", "promotion_codes", ondelete="SET NULL", nullable=True),
    _reference("customer_id", "customers", ondelete="SET NULL", nullable=True, index=True),
    Column("amount", BigInteger, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    # Set when the order lapsed unpaid and its counters were given back (the row stays).
    Column("reversed_at", UTCDateTime),
)
