"""Map the domain's plain dataclasses onto the tables (imperative mapping, done once).

The domain never imports SQLAlchemy; this module teaches SQLAlchemy about the domain.
"""

from sqlalchemy import Table
from sqlalchemy.orm import registry

from domain.api_keys import ApiKey
from domain.audit import AuditEntry
from domain.auth import AuthSession, PlatformAdmin, RefreshToken
from domain.catalog.attribute_values import AttributeValue
from domain.catalog.attributes import Attribute
from domain.catalog.categories import Category
from domain.catalog.collections import Collection, CollectionProduct
from domain.catalog.inventory import Stock, StorefrontWarehouse, Warehouse
from domain.catalog.listings import ProductListing, VariantPrice
from domain.catalog.product_types import ProductType
from domain.catalog.products import Product
from domain.catalog.translations import Translation
from domain.catalog.variants import ProductVariant
from domain.checkout.carts import Cart, CartLine
from domain.checkout.shipping import ShippingMethod, ShippingZone
from domain.checkout.taxes import TaxClass, TaxRate
from domain.customers.account_tokens import CustomerToken
from domain.customers.accounts import Customer
from domain.customers.addresses import Address
from domain.customers.notes import CustomerNote
from domain.customers.segments import Segment
from domain.customers.tiers import CustomerTier
from domain.customers.wishlists import Wishlist, WishlistItem
from domain.events import Event
from domain.merchants import Merchant
from domain.orders.fulfillments import Fulfillment, FulfillmentLine
from domain.orders.orders import Order, OrderAllocation, OrderLine
from domain.orders.refunds import Refund
from domain.orders.returns import OrderReturn
from domain.orders.timeline import TimelineEntry
from domain.payments.gift_cards import GiftCard, GiftCardTransaction
from domain.payments.payments import Payment, PaymentEvent
from domain.promotions.stored import PromotionCode, Redemption, StoredPromotion
from domain.reviews.reviews import ProductReview
from domain.staff import Role, StaffRole, StaffUser
from domain.storefronts import Storefront
from domain.trusted_documents import TrustedDocument
from domain.webhooks.deliveries import WebhookAttempt, WebhookDelivery
from domain.webhooks.subscriptions import WebhookSubscription
from persistence import tables

mapper_registry = registry(metadata=tables.metadata)

_MAPPINGS: list[tuple[type, Table]] = [
    (Merchant, tables.merchants),
    (PlatformAdmin, tables.platform_admins),
    (StaffUser, tables.staff_users),
    (Role, tables.roles),
    (StaffRole, tables.staff_roles),
    (ApiKey, tables.api_keys),
    (Storefront, tables.storefronts),
    (TrustedDocument, tables.trusted_documents),
    (AuthSession, tables.auth_sessions),
    (RefreshToken, tables.refresh_tokens),
    (Category, tables.categories),
    (Attribute, tables.attributes),
    (ProductType, tables.product_types),
    (Product, tables.products),
    (ProductVariant, tables.product_variants),
    (AttributeValue, tables.attribute_values),
    (Collection, tables.collections),
    (CollectionProduct, tables.collection_products),
    (Translation, tables.translations),
    (ProductListing, tables.product_listings),
    (VariantPrice, tables.variant_prices),
    (Warehouse, tables.warehouses),
    (StorefrontWarehouse, tables.storefront_warehouses),
    (Stock, tables.stocks),
    (CustomerTier, tables.customer_tiers),
    (Customer, tables.customers),
    (Address, tables.customer_addresses),
    (CustomerNote, tables.customer_notes),
    (CustomerToken, tables.customer_tokens),
    (Segment, tables.customer_segments),
    (Wishlist, tables.wishlists),
    (WishlistItem, tables.wishlist_items),
    (GiftCard, tables.gift_cards),
    (GiftCardTransaction, tables.gift_card_transactions),
    (Event, tables.events),
    (AuditEntry, tables.audit_entries),
    (WebhookSubscription, tables.webhook_subscriptions),
    (WebhookDelivery, tables.webhook_deliveries),
    (WebhookAttempt, tables.webhook_attempts),
    (TaxClass, tables.tax_classes),
    (TaxRate, tables.tax_rates),
    (ShippingZone, tables.shipping_zones),
    (ShippingMethod, tables.shipping_methods),
    (Cart, tables.carts),
    (CartLine, tables.cart_lines),
    (Order, tables.orders),
    (OrderLine, tables.order_lines),
    (OrderAllocation, tables.order_allocations),
    (Payment, tables.payments),
    (PaymentEvent, tables.payment_events),
    (Fulfillment, tables.fulfillments),
    (FulfillmentLine, tables.fulfillment_lines),
    (Refund, tables.refunds),
    (OrderReturn, tables.order_returns),
    (TimelineEntry, tables.order_timeline),
    (StoredPromotion, tables.promotions),
    (PromotionCode, tables.promotion_codes),
    (Redemption, tables.promotion_redemptions),
    (ProductReview, tables.product_reviews),
]


def start_mappers() -> None:
    """Idempotent: the app, the CLI and tests may all ask for it."""
    if mapper_registry.mappers:
        return
    for entity, table in _MAPPINGS:
        mapper_registry.map_imperatively(entity, table)
    mapper_registry.configure()
