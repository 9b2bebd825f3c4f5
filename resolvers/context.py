"""The per-request context every resolver reads. The server builds it once per request."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple
from uuid import UUID

from strawberry.dataloader import DataLoader
from strawberry.types import Info

from domain.api_keys import ApiKey
from domain.audit import AuditEntry, audit_stamp
from domain.auth import Authenticator
from domain.catalog.attribute_values import AttributeValue
from domain.catalog.attributes import Attribute
from domain.catalog.categories import Category
from domain.catalog.collections import Collection
from domain.catalog.inventory import Stock, Warehouse
from domain.catalog.listings import ProductListing, Shelf, ShelfPrice, VariantPrice
from domain.catalog.product_types import ProductType
from domain.catalog.products import Product
from domain.catalog.rich_text import HtmlSanitizer
from domain.catalog.translations import Translation
from domain.catalog.variants import ProductVariant, VariantRow, VariantView
from domain.checkout.offers import ProductGroups
from domain.checkout.quotes import CartQuote
from domain.customers.accounts import Customer
from domain.customers.addresses import Address
from domain.customers.notes import CustomerNote
from domain.customers.segments import Segment
from domain.customers.tiers import CustomerTier
from domain.customers.wishlists import Wishlist, WishlistItem
from domain.events import Event
from domain.merchants import Merchant
from domain.money import Money
from domain.notifications import Notifier
from domain.orders.fulfillments import Fulfillment, FulfillmentLine
from domain.orders.orders import Order, OrderAllocation, OrderLine
from domain.orders.refunds import Refund
from domain.orders.returns import OrderReturn
from domain.orders.timeline import TimelineEntry
from domain.passwords import PasswordHasher
from domain.payments.gateways import Gateways, built_in_gateways
from domain.payments.gift_cards import GiftCard, GiftCardTransaction
from domain.payments.payments import Payment, PaymentEvent
from domain.principals import (
    AppPrincipal,
    CustomerPrincipal,
    PlatformAdminPrincipal,
    Principal,
    StaffPrincipal,
)
from domain.promotions.promotion import Promotion
from domain.rate_limits import CostBuckets
from domain.reviews.reviews import RatingSummary
from domain.sealing import SecretSealer
from domain.staff import Role, StaffUser
from domain.storefronts import Storefront
from domain.trusted_documents import TrustedDocument
from domain.unit_of_work import UnitOfWork
from domain.webhooks.deliveries import WebhookAttempt, WebhookDelivery
from domain.webhooks.subscriptions import UrlPolicy, WebhookSubscription


class Loaders:
    """One loader per relation; each batch reads with its own short session.

    A request uses a few of these sixty, so each is made when it is first read, by `make`
    (given its name), and kept for the rest of the request."""

    merchant: DataLoader[UUID, Merchant | None]
    staff_user: DataLoader[UUID, StaffUser | None]
    role: DataLoader[UUID, Role | None]
    api_key: DataLoader[UUID, ApiKey | None]
    storefront: DataLoader[UUID, Storefront | None]
    trusted_document: DataLoader[UUID, TrustedDocument | None]
    roles_of_staff: DataLoader[UUID, list[Role]]
    category: DataLoader[UUID, Category | None]
    product: DataLoader[UUID, Product | None]
    variant: DataLoader[UUID, ProductVariant | None]
    variants_of_product: DataLoader[UUID, list[ProductVariant]]
    children_of_category: DataLoader[UUID, list[Category]]
    listing: DataLoader[tuple[UUID, UUID], ProductListing | None]
    listings_of_product: DataLoader[UUID, list[ProductListing]]
    prices_of_variant: DataLoader[UUID, list[VariantPrice]]
    warehouse: DataLoader[UUID, Warehouse | None]
    shelf: DataLoader[tuple[UUID, UUID], Shelf]  # by (variant, storefront)
    # A product's live variants with their shelves, by (product, storefront).
    shelved_variants: DataLoader[tuple[UUID, UUID], list[tuple[VariantRow, Shelf]]]
    stocks_of_variant: DataLoader[UUID, list[Stock]]
    attribute: DataLoader[UUID, Attribute | None]
    collection: DataLoader[UUID, Collection | None]
    product_type: DataLoader[UUID, ProductType | None]
    attribute_values_of_product: DataLoader[UUID, list[AttributeValue]]
    attribute_values_of_variant: DataLoader[UUID, list[AttributeValue]]
    translation: DataLoader[tuple[UUID, str], Translation | None]
    customer: DataLoader[UUID, Customer | None]
    address: DataLoader[UUID, Address | None]
    addresses_of_customer: DataLoader[UUID, list[Address]]
    customer_note: DataLoader[UUID, CustomerNote | None]
    notes_of_customer: DataLoader[UUID, list[CustomerNote]]
    customer_tier: DataLoader[UUID, CustomerTier | None]
    segment: DataLoader[UUID, Segment | None]
    wishlist: DataLoader[UUID, Wishlist | None]
    wishlists_of_customer: DataLoader[UUID, list[Wishlist]]
    items_of_wishlist: DataLoader[UUID, list[WishlistItem]]
    gift_card: DataLoader[UUID, GiftCard | None]
    gift_cards_of_customer: DataLoader[UUID, list[GiftCard]]
    transactions_of_gift_card: DataLoader[UUID, list[GiftCardTransaction]]
    event: DataLoader[UUID, Event | None]
    audit_entry: DataLoader[UUID, AuditEntry | None]
    webhook_subscription: DataLoader[UUID, WebhookSubscription | None]
    webhook_delivery: DataLoader[UUID, WebhookDelivery | None]
    attempts_of_delivery: DataLoader[UUID, list[WebhookAttempt]]
    cart_quote: DataLoader[UUID, CartQuote | None]
    catalog_promotions: DataLoader[UUID, tuple[Promotion, ...]]
    product_groups: DataLoader[UUID, ProductGroups]
    order: DataLoader[UUID, Order | None]
    lines_of_order: DataLoader[UUID, list[OrderLine]]
    allocations_of_order: DataLoader[UUID, list[OrderAllocation]]
    payments_of_order: DataLoader[UUID, list[Payment]]
    events_of_payment: DataLoader[UUID, list[PaymentEvent]]
    fulfillment: DataLoader[UUID, Fulfillment | None]
    fulfillments_of_order: DataLoader[UUID, list[Fulfillment]]
    lines_of_fulfillment: DataLoader[UUID, list[FulfillmentLine]]
    refund: DataLoader[UUID, Refund | None]
    refunds_of_order: DataLoader[UUID, list[Refund]]
    timeline_of_order: DataLoader[UUID, list[TimelineEntry]]
    gift_cards_of_order: DataLoader[UUID, list[GiftCard]]  # the cards each order bought
    order_return: DataLoader[UUID, OrderReturn | None]
    returns_of_order: DataLoader[UUID, list[OrderReturn]]
    rating_of_product: DataLoader[UUID, RatingSummary]

    def __init__(self, make: Callable[[str], DataLoader[Any, Any]]) -> None:
        self._make = make

    if not TYPE_CHECKING:  # mypy keeps checking the names above; only they are made

        def __getattr__(self, name: str) -> DataLoader[Any, Any]:
            if name not in Loaders.__annotations__:
                raise AttributeError(name)
            loader = self._make(name)
            setattr(self, name, loader)
            return loader


def data_scope(principal: Principal, storefront: Storefront | None) -> UUID | None:
    """The merchant whose data a request may see (None: none, or the platform for admins)."""
    if isinstance(principal, StaffPrincipal | AppPrincipal | CustomerPrincipal):
        return principal.merchant_id
    if storefront is not None:
        return storefront.merchant_id
    return None


class VariantFacts(NamedTuple):
    """What the request's storefront shows of a variant: its price there (None: unpriced) and
    the units it can sell (None: not tracked), with the fields a storefront shows worked out
    once (`of`): a listing reads each of them for 80 variants."""

    price: ShelfPrice | None
    available: int | None
    list_price: Money | None
    compare_at_price: Money | None
    in_stock: bool | None

    @classmethod
    def of(cls, price: ShelfPrice | None, available: int | None) -> "VariantFacts":
        if price is None:
            return cls(None, available, None, None, None if available is None else available > 0)
        return cls(
            price,
            available,
            price.price,
            price.compare_at_price,
            None if available is None else available > 0,
        )


@dataclass
class ReadingLanguage:
    """The language a request reads catalog text in; None: as entered. One per request."""

    code: str | None = None
    chosen: bool = False  # a field asked for a language (the default one included)


@dataclass
class CurrentMutation:
    """The admin mutation running now (mutations run one after another), for the audit log."""

    name: str | None = None


@dataclass(frozen=True)
class Context:
    request_id: str
    principal: Principal
    storefront: Storefront | None
    loaders: Loaders
    # (merchant_id, *, audit=AuditStamp | None) -> UnitOfWork
    unit_of_work: Callable[..., UnitOfWork]
    authenticator: Authenticator
    hasher: PasswordHasher
    clock: Callable[[], datetime]
    sanitize_html: HtmlSanitizer
    notifier: Notifier
    secret_sealer: SecretSealer
    language: ReadingLanguage = field(default_factory=ReadingLanguage)
    webhook_urls: UrlPolicy = field(default_factory=UrlPolicy)
    mutation: CurrentMutation = field(default_factory=CurrentMutation)
    cost_buckets: CostBuckets | None = None
    gateways: Gateways = field(default_factory=built_in_gateways)
    # Learned once per product's variants, so each variant's price and stock fields are plain
    # look-ups instead of one awaited loader call each (see resolvers/catalog/variant_facts.py).
    variant_facts: dict[UUID, VariantFacts] = field(default_factory=dict)
    # A product's live variants, once learned (listings learn a whole page's at once).
    product_variants: dict[UUID, Sequence[VariantView]] = field(default_factory=dict)

    @property
    def merchant_id(self) -> UUID | None:
        return data_scope(self.principal, self.storefront)

    def work(self) -> UnitOfWork:
        """A unit of work scoped to the request's merchant. Platform work is never implied: a
        field that means it asks for `platform_work()` by name."""
        if self.merchant_id is None:
            raise RuntimeError("no merchant scope for this request")
        stamp = audit_stamp(self.principal, self.request_id, self.mutation.name, self.clock())
        return self.unit_of_work(self.merchant_id, audit=stamp)

    def reading(self) -> UnitOfWork:
        """A unit of work for reads only, in the request's merchant scope: each statement runs
        on its own (autocommit), with no transaction to begin and roll back around them."""
        if self.merchant_id is None:
            raise RuntimeError("no merchant scope for this request")
        return self.unit_of_work(self.merchant_id, read_only=True)

    def platform_work(self) -> UnitOfWork:
        """For authentication and platform administration only. A platform admin's mutation is
        audited (in the log of each merchant it changes); a member's sign-in or sign-out is not
        an admin change, even after an admin mutation in the same document."""
        stamp = None
        if isinstance(self.principal, PlatformAdminPrincipal):
            stamp = audit_stamp(self.principal, self.request_id, self.mutation.name, self.clock())
        return self.unit_of_work(None, audit=stamp)


AgoraInfo = Info[Context, None]
