"""Product reviews' table, on the shared metadata (re-exported by `persistence.tables`)."""

from sqlalchemy import (
    CheckConstraint,
    Column,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from persistence.tables import _id, _merchant, _reference, _times, metadata
from persistence.types import UTCDateTime

product_reviews = Table(
    "product_reviews",
    metadata,
    _id(),
    _merchant(),
    _reference("product_id", "products"),
    _reference("customer_id", "customers", index=True),
    Column("rating", Integer, nullable=False),
    Column("title", String(120), nullable=False),
    Column("body", Text, nullable=False),
    Column("status", String(16), nullable=False),
    *_times(),
    Column("moderated_at", UTCDateTime),
    # One review per customer per product: the check in the domain, this for concurrent requests.
    UniqueConstraint("product_id", "customer_id"),
    CheckConstraint("rating >= 1 AND rating <= 5", name="rating_in_range"),
    # The storefront reads a product's approved reviews, and ratings per product per status.
    Index("ix_product_reviews_product_status", "product_id", "status"),
)
