"""Every table. Alembic migrations must produce exactly this (a test compares them).

Tenant-owned tables start with `merchant_id`; `tenant_columns()` keeps that uniform.
"""

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
    false,
)

from persistence.types import UTCDateTime, UuidList

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _id() -> Column[object]:
    return Column("id", Uuid, primary_key=True)


def _merchant() -> Column[object]:
    return _reference("merchant_id", "merchants", index=True)


def _reference(
    name: str,
    table: str,
    *,
    ondelete: str = "CASCADE",
    nullable: bool = False,
    index: bool = False,
) -> Column[object]:
    """A UUID column pointing at `table`'s id."""
    return Column(
        name, Uuid, ForeignKey(f"{table}.id", ondelete=ondelete), nullable=nullable, index=index
    )


def _times() -> tuple[Column[object], Column[object]]:
    return (
        Column("created_at", UTCDateTime, nullable=False),
        Column("updated_at", UTCDateTime, nullable=False),
    )


merchants = Table(
    "merchants",
    metadata,
    _id(),
    Column("name", String(120), nullable=False),
    Column("slug", String(63), nullable=False, unique=True),
    Column("status", String(16), nullable=False),
    *_times(),
    Column("stock_reservation", String(16), nullable=False, server_default="ON_ORDER"),
    Column("unpaid_order_minutes", Integer, nullable=False, server_default="60"),
    Column("customer_cancel_allowed", Boolean, nullable=False, server_default=false()),
    Column("return_window_days", Integer, nullable=False, server_default="30"),
    Column("promotion_conflicts", String(8), nullable=False, server_default="WARN"),
)

platform_admins = Table(
    "platform_admins",
    metadata,
    _id(),
    Column("email", String(254), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=False),
    Column("is_active", Boolean, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

staff_users = Table(
    "staff_users",
    metadata,
    _id(),
    _merchant(),
    Column("email", String(254), nullable=False),
    Column("name", String(120), nullable=False),
    Column("password_hash", String(255), nullable=False),
    Column("is_active", Boolean, nullable=False),
    Column("is_owner", Boolean, nullable=False),
    *_times(),
    UniqueConstraint("merchant_id", "email"),
)

roles = Table(
    "roles",
    metadata,
    _id(),
    _merchant(),
    Column("name", String(80), nullable=False),
    Column("permissions", JSON, nullable=False),
    *_times(),
)

staff_roles = Table(
    "staff_roles",
    metadata,
    _id(),
    _merchant(),
    _reference("staff_id", "staff_users"),
    _reference("role_id", "roles", index=True),
    UniqueConstraint("staff_id", "role_id"),
)

api_keys = Table(
    "api_keys",
    metadata,
    _id(),
    _merchant(),
    Column("name", String(120), nullable=False),
    Column("prefix", String(16), nullable=False),
    Column("secret_digest", String(64), nullable=False, unique=True),
    Column("scopes", JSON, nullable=False),
    _reference("created_by_staff_id", "staff_users", ondelete="SET NULL", nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_used_at", UTCDateTime),
    Column("revoked_at", UTCDateTime),
)

storefronts = Table(
    "storefronts",
    metadata,
    _id(),
    _merchant(),
    Column("name", String(120), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("default_country", String(2), nullable=False),
    Column("token", String(64), nullable=False, unique=True),
    Column("is_active", Boolean, nullable=False),
    *_times(),
    Column("languages", JSON, nullable=False, server_default='["en"]'),
    Column("prices_include_tax", Boolean, nullable=False, server_default=false()),
    Column("trusted_documents_only", Boolean, nullable=False, server_default=false()),
    Column("max_order_discount_amount", BigInteger),
    Column("max_order_discount_percent", String(16)),
    Column("floor_percent_of_cost", String(16)),
)

trusted_documents = Table(
    "trusted_documents",
    metadata,
    _id(),
    _merchant(),
    Column("sha256", String(64), nullable=False),
    Column("name", String(120), nullable=False),
    Column("document", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("merchant_id", "sha256"),
)

auth_sessions = Table(
    "auth_sessions",
    metadata,
    _id(),
    Column("subject_kind", String(16), nullable=False),
    Column("subject_id", Uuid, nullable=False),
    _reference("merchant_id", "merchants", nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("revoked_at", UTCDateTime),
    Column("revoked_reason", String(64)),
    Index(None, "subject_kind", "subject_id"),
)

refresh_tokens = Table(
    "refresh_tokens",
    metadata,
    _id(),
    _reference("session_id", "auth_sessions", index=True),
    Column("token_digest", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("used_at", UTCDateTime),
)

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("principal", String(80), primary_key=True),
    Column("key", String(255), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("status_code", Integer),
    Column("content_type", String(80)),
    Column("body", LargeBinary),
    Column("created_at", UTCDateTime, nullable=False),
    Column("completed_at", UTCDateTime),
)

categories = Table(
    "categories",
    metadata,
    _id(),
    _merchant(),
    Column("name", String(120), nullable=False),
    Column("slug", String(63), nullable=False),
    Column("description", Text, nullable=False),
    _reference("parent_id", "categories", ondelete="SET NULL", nullable=True, index=True),
    *_times(),
    UniqueConstraint("merchant_id", "slug"),
)

attributes = Table(
    "attributes",
    metadata,
    _id(),
    _merchant(),
    Column("name", String(120), nullable=False),
    Column("slug", String(63), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("unit", String(20)),
    Column("filterable", Boolean, nullable=False),
    Column("choices", JSON, nullable=False),
    *_times(),
    UniqueConstraint("merchant_id", "slug"),
)

product_types = Table(
    "product_types",
    metadata,
    _id(),
    _merchant(),
    Column("name", String(120), nullable=False),
    Column("slug", String(63), nullable=False),
    Column("product_attribute_ids", UuidList, nullable=False),
    Column("variant_attribute_ids", UuidList, nullable=False),
    # STANDARD, or GIFT_CARD: each unit sold issues a gift card of the unit price.
    Column("kind", String(16), nullable=False, server_default="STANDARD"),
    *_times(),
    UniqueConstraint("merchant_id", "slug"),
)

products = Table(
    "products",
    metadata,
    _id(),
    _merchant(),
    Column("name", String(250), nullable=False),
    Column("slug", String(63), nullable=False),
    Column("description_html", Text, nullable=False),
    _reference("category_id", "categories", ondelete="SET NULL", nullable=True, index=True),
    Column("seo_title", String(70)),
    Column("seo_description", String(300)),
    Column("tags", JSON, nullable=False),
    Column("metadata", JSON, nullable=False),
    Column("private_metadata", JSON, nullable=False),
    *_times(),
    Column("archived_at", UTCDateTime),
    Column("media", JSON, nullable=False, server_default="[]"),
    Column("description_text", Text, nullable=False, server_default=""),
    _reference("product_type_id", "product_types", ondelete="SET NULL", nullable=True, index=True),
    UniqueConstraint("merchant_id", "slug"),
    _reference("tax_class_id", "tax_classes", ondelete="SET NULL", nullable=True),
)

product_variants = Table(
    "product_variants",
    metadata,
    _id(),
    _merchant(),
    _reference("product_id", "products", index=True),
    Column("sku", String(64), nullable=False),
    Column("name", String(250), nullable=False),
    Column("weight_grams", Integer),
    Column("barcode", String(64)),
    Column("track_inventory", Boolean, nullable=False),
    Column("purchase_limit", Integer),
    *_times(),
    Column("archived_at", UTCDateTime),
    Column("attribute_key", String(64)),
    Column("low_stock_threshold", Integer),
    UniqueConstraint("merchant_id", "sku"),
    UniqueConstraint("product_id", "attribute_key"),
)

collections = Table(
    "collections",
    metadata,
    _id(),
    _merchant(),
    Column("name", String(250), nullable=False),
    Column("slug", String(63), nullable=False),
    Column("description_html", Text, nullable=False),
    Column("seo_title", String(70)),
    Column("seo_description", String(300)),
    *_times(),
    UniqueConstraint("merchant_id", "slug"),
)

collection_products = Table(
    "collection_products",
    metadata,
    _id(),
    _merchant(),
    _reference("collection_id", "collections"),
    _reference("product_id", "products", index=True),
    Column("position", Integer, nullable=False),
    UniqueConstraint("collection_id", "product_id"),
)

translations = Table(
    "translations",
    metadata,
    _id(),
    _merchant(),
    Column("kind", String(20), nullable=False),
    Column("entity_id", Uuid, nullable=False),  # ids are unique across kinds (UUIDv7)
    Column("language", String(10), nullable=False),
    Column("fields", JSON, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("entity_id", "language"),
)

attribute_values = Table(
    "attribute_values",
    metadata,
    _id(),
    _merchant(),
    _reference("product_id", "products", index=True),
    _reference("variant_id", "product_variants", nullable=True, index=True),
    _reference("attribute_id", "attributes"),
    Column("choice_id", Uuid),
    Column("text", Text),
    Column("number", String(40)),
    Column("boolean", Boolean),
    Column("date", Date),
    Index(None, "attribute_id", "choice_id"),
)

product_listings = Table(
    "product_listings",
    metadata,
    _id(),
    _merchant(),
    _reference("product_id", "products"),
    _reference("storefront_id", "storefronts", index=True),
    Column("is_published", Boolean, nullable=False),
    Column("available_from", UTCDateTime),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("product_id", "storefront_id"),
)

variant_prices = Table(
    "variant_prices",
    metadata,
    _id(),
    _merchant(),
    _reference("variant_id", "product_variants"),
    _reference("storefront_id", "storefronts", index=True),
    Column("currency", String(3), nullable=False),
    Column("amount", BigInteger, nullable=False),
    Column("compare_at_amount", BigInteger),
    Column("cost_amount", BigInteger),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("variant_id", "storefront_id"),
)

warehouses = Table(
    "warehouses",
    metadata,
    _id(),
    _merchant(),
    Column("name", String(120), nullable=False),
    Column("street", String(200), nullable=False),
    Column("city", String(100), nullable=False),
    Column("postal_code", String(20), nullable=False),
    Column("country", String(2), nullable=False),
    Column("countries_served", JSON, nullable=False),
    *_times(),
    Column("pickup_enabled", Boolean, nullable=False, server_default=false()),
)

storefront_warehouses = Table(
    "storefront_warehouses",
    metadata,
    _id(),
    _merchant(),
    _reference("storefront_id", "storefronts"),
    _reference("warehouse_id", "warehouses", index=True),
    UniqueConstraint("storefront_id", "warehouse_id"),
)

stocks = Table(
    "stocks",
    metadata,
    _id(),
    _merchant(),
    _reference("variant_id", "product_variants"),
    _reference("warehouse_id", "warehouses", index=True),
    Column("quantity", Integer, nullable=False),
    Column("reserved", Integer, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("variant_id", "warehouse_id"),
    CheckConstraint("quantity >= 0", name="quantity_not_negative"),
    CheckConstraint("reserved >= 0", name="reserved_not_negative"),
)

customer_tiers = Table(
    "customer_tiers",
    metadata,
    _id(),
    _merchant(),
    Column("name", String(80), nullable=False),
    Column("level", Integer, nullable=False),
    Column("thresholds", JSON, nullable=False),  # {currency: minor units}
    *_times(),
    UniqueConstraint("merchant_id", "level"),
)

customers = Table(
    "customers",
    metadata,
    _id(),
    _merchant(),
    Column("email", String(254), nullable=False),  # normalised: trimmed, lower-case
    Column("first_name", String(80), nullable=False),
    Column("last_name", String(80), nullable=False),
    Column("password_hash", String(255), nullable=False),
    Column("is_active", Boolean, nullable=False),
    Column("email_verified_at", UTCDateTime),
    Column("tags", JSON, nullable=False),
    Column("metadata", JSON, nullable=False),
    Column("private_metadata", JSON, nullable=False),
    _reference("tier_id", "customer_tiers", ondelete="SET NULL", nullable=True, index=True),
    Column("order_count", Integer, nullable=False),
    Column("total_spent", JSON, nullable=False),  # {currency: minor units}
    Column("last_order_at", UTCDateTime),
    *_times(),
    UniqueConstraint("merchant_id", "email"),
)

customer_addresses = Table(
    "customer_addresses",
    metadata,
    _id(),
    _merchant(),
    _reference("customer_id", "customers", index=True),
    Column("first_name", String(80), nullable=False),
    Column("last_name", String(80), nullable=False),
    Column("company", String(120), nullable=False),
    Column("street_line1", String(200), nullable=False),
    Column("street_line2", String(200), nullable=False),
    Column("city", String(100), nullable=False),
    Column("region", String(100), nullable=False),
    Column("postal_code", String(20), nullable=False),
    Column("country", String(2), nullable=False),
    Column("phone", String(32), nullable=False),
    Column("is_default_shipping", Boolean, nullable=False),
    Column("is_default_billing", Boolean, nullable=False),
    *_times(),
)

customer_notes = Table(
    "customer_notes",
    metadata,
    _id(),
    _merchant(),
    _reference("customer_id", "customers", index=True),
    _reference("author_staff_id", "staff_users", ondelete="SET NULL", nullable=True),
    Column("body", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

customer_tokens = Table(
    "customer_tokens",
    metadata,
    _id(),
    _merchant(),
    _reference("customer_id", "customers", index=True),
    Column("purpose", String(20), nullable=False),
    Column("token_digest", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("used_at", UTCDateTime),
)

customer_segments = Table(
    "customer_segments",
    metadata,
    _id(),
    _merchant(),
    Column("name", String(120), nullable=False),
    Column("rule", JSON, nullable=False),
    *_times(),
)

wishlists = Table(
    "wishlists",
    metadata,
    _id(),
    _merchant(),
    _reference("customer_id", "customers", index=True),
    Column("name", String(80), nullable=False),
    Column("share_token", String(64), unique=True),
    *_times(),
)

wishlist_items = Table(
    "wishlist_items",
    metadata,
    _id(),
    _merchant(),
    _reference("wishlist_id", "wishlists"),
    _reference("variant_id", "product_variants", index=True),
    Column("added_at", UTCDateTime, nullable=False),
    Column("seen_amount", BigInteger),
    Column("seen_currency", String(3)),
    Column("seen_in_stock", Boolean),
    UniqueConstraint("wishlist_id", "variant_id"),
)

# Gift cards: the code is never stored, only its digest and last 4 characters. The balance
# changes only through conditional UPDATEs, each with its ledger row in the same transaction.
gift_cards = Table(
    "gift_cards",
    metadata,
    _id(),
    _merchant(),
    Column("code_digest", String(64), nullable=False),
    Column("last4", String(4), nullable=False, index=True),
    Column("currency", String(3), nullable=False),
    Column("initial_amount", BigInteger, nullable=False),
    Column("balance_amount", BigInteger, nullable=False),
    Column("expires_at", UTCDateTime),
    Column("is_active", Boolean, nullable=False),
    # A card is a bearer instrument: deleting the customer's account keeps its money.
    _reference("customer_id", "customers", ondelete="SET NULL", nullable=True, index=True),
    Column("note", String(500), nullable=False),
    Column("created_by_kind", String(16), nullable=False),
    Column("created_by_id", Uuid),
    # A card sold as a product: the order line that bought it, and its code sealed (not hashed)
    # until it is delivered to the buyer, who can also read it on the order.
    Column("order_line_id", Uuid, index=True),
    Column("sealed_code", LargeBinary),
    Column("delivered_at", UTCDateTime),
    # When its order's cancellation or refund took it back (emptied and deactivated).
    Column("withdrawn_at", UTCDateTime),
    *_times(),
    UniqueConstraint("merchant_id", "code_digest"),
    CheckConstraint("balance_amount >= 0", name="balance_not_negative"),
)

gift_card_transactions = Table(
    "gift_card_transactions",
    metadata,
    _id(),
    _merchant(),
    _reference("gift_card_id", "gift_cards", index=True),
    Column("kind", String(16), nullable=False),
    Column("amount", BigInteger, nullable=False),  # signed: a debit is negative
    Column("currency", String(3), nullable=False),
    Column("balance_after", BigInteger, nullable=False),
    Column("order_id", Uuid, index=True),  # the orders table comes with checkout
    Column("note", String(500), nullable=False),
    Column("actor_kind", String(16), nullable=False),
    Column("actor_id", Uuid),
    Column("occurred_at", UTCDateTime, nullable=False),
)

audit_entries = Table(
    "audit_entries",
    metadata,
    _id(),
    _merchant(),
    Column("occurred_at", UTCDateTime, nullable=False, index=True),
    Column("actor_kind", String(16), nullable=False),
    Column("actor_id", Uuid, nullable=False, index=True),
    Column("request_id", String(64), nullable=False),
    Column("operation", String(80), nullable=False),
    Column("changes", JSON, nullable=False),
)

# The transactional outbox and event log: written in the transaction of the change.
events = Table(
    "events",
    metadata,
    _id(),
    _merchant(),
    Column("type", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("occurred_at", UTCDateTime, nullable=False, index=True),
    Column("data", JSON, nullable=False),
    # Set once a delivery is queued for every subscriber; the worker fans out the rest.
    Column("dispatched_at", UTCDateTime, index=True),
    # Its place in the log, given in commit order after it commits (persistence/event_log.py).
    Column("sequence", BigInteger),
    Index(None, "sequence", unique=True),
    Index(None, "merchant_id", "sequence"),
)

webhook_subscriptions = Table(
    "webhook_subscriptions",
    metadata,
    _id(),
    _merchant(),
    Column("url", String(2000), nullable=False),
    Column("event_types", JSON, nullable=False),
    Column("is_active", Boolean, nullable=False),
    # Sealed (domain/sealing.py): AES-GCM under a key derived from AGORA_SECRET_KEY.
    Column("sealed_secret", LargeBinary, nullable=False),
    Column("sealed_previous_secret", LargeBinary),
    Column("previous_secret_expires_at", UTCDateTime),
    Column("failing_since", UTCDateTime),
    Column("disabled_at", UTCDateTime),
    Column("disabled_reason", String(200)),
    *_times(),
)

webhook_deliveries = Table(
    "webhook_deliveries",
    metadata,
    _id(),
    _merchant(),
    _reference("subscription_id", "webhook_subscriptions", index=True),
    _reference("event_id", "events"),
    Column("event_type", String(64), nullable=False),
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", UTCDateTime),
    Column("lease_until", UTCDateTime),
    Column("last_status_code", Integer),
    Column("last_error", String(500)),
    *_times(),
    Column("delivered_at", UTCDateTime),
    Index(None, "status", "next_attempt_at"),
    UniqueConstraint("event_id", "subscription_id"),
)

webhook_attempts = Table(
    "webhook_attempts",
    metadata,
    _id(),
    _merchant(),
    _reference("delivery_id", "webhook_deliveries", index=True),
    Column("attempted_at", UTCDateTime, nullable=False),
    Column("status_code", Integer),
    Column("duration_ms", Integer, nullable=False),
    Column("error", String(500)),
)


# Areas whose tables live in their own modules, on the same metadata (imported last: they
# build on the helpers above).
from persistence.checkout_tables import (  # noqa: E402
    cart_lines,
    carts,
    order_allocations,
    order_counters,
    order_lines,
    orders,
    payment_events,
    payments,
    shipping_methods,
    shipping_zones,
    tax_classes,
    tax_rates,
)
from persistence.order_lifecycle_tables import (  # noqa: E402
    fulfillment_lines,
    fulfillments,
    order_returns,
    order_timeline,
    refunds,
)
from persistence.promotion_tables import (  # noqa: E402
    promotion_codes,
    promotion_customer_uses,
    promotion_redemptions,
    promotions,
)
from persistence.review_tables import product_reviews  # noqa: E402

# Re-exported (the tables defined above are this module's own).
__all__ = [
    "cart_lines",
    "carts",
    "fulfillment_lines",
    "fulfillments",
    "order_allocations",
    "order_counters",
    "order_lines",
    "order_returns",
    "order_timeline",
    "orders",
    "payment_events",
    "payments",
    "product_reviews",
    "promotion_codes",
    "promotion_customer_uses",
    "promotion_redemptions",
    "promotions",
    "refunds",
    "shipping_methods",
    "shipping_zones",
    "tax_classes",
    "tax_rates",
]
