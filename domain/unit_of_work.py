"""What the domain needs from storage. `persistence/` implements these over SQLAlchemy.

A unit of work is opened for one merchant (or, for platform work such as authentication, for
none) and rolls back unless `commit()` is called. Repositories of tenant-owned entities only
ever see that merchant's rows.
"""

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, Self, TypeVar
from uuid import UUID

from domain.pagination import LogRequest, Page, PageRequest

if TYPE_CHECKING:
    from domain.api_keys import ApiKey
    from domain.audit import AuditEntry, AuditFilter
    from domain.auth import AuthSession, PlatformAdmin, RefreshToken
    from domain.catalog.attribute_values import AttributeValue
    from domain.catalog.attributes import Attribute
    from domain.catalog.categories import Category
    from domain.catalog.collections import Collection, CollectionProduct
    from domain.catalog.facets import FacetCounts
    from domain.catalog.inventory import Stock, Warehouse  # noqa: F401 (used in quotes)
    from domain.catalog.listings import ProductListing, VariantPrice
    from domain.catalog.product_search import ProductPage, ProductQuery, ShownProduct
    from domain.catalog.product_types import ProductType
    from domain.catalog.products import Product
    from domain.catalog.translations import Translation
    from domain.catalog.variants import ProductVariant
    from domain.checkout.carts import Cart, CartLine
    from domain.checkout.offers import CheckoutCatalog
    from domain.checkout.shipping import ShippingMethod, ShippingZone
    from domain.checkout.taxes import TaxClass, TaxRate
    from domain.customers.account_tokens import CustomerToken
    from domain.customers.accounts import Customer
    from domain.customers.addresses import Address
    from domain.customers.notes import CustomerNote
    from domain.customers.search import CustomerQuery
    from domain.customers.segments import Segment
    from domain.customers.tiers import CustomerTier
    from domain.customers.wishlists import Wishlist, WishlistItem
    from domain.events import Event
    from domain.merchants import Merchant
    from domain.orders.fulfillments import Fulfillment, FulfillmentLine
    from domain.orders.orders import Order, OrderAllocation, OrderLine
    from domain.orders.refunds import Refund
    from domain.orders.returns import OrderReturn
    from domain.orders.search import OrderQuery
    from domain.payments.gift_card_admin import GiftCardQuery
    from domain.payments.gift_card_sales import SoldCard
    from domain.payments.gift_cards import GiftCard, GiftCardTransaction
    from domain.payments.payments import Payment
    from domain.promotions.admin import PromotionQuery
    from domain.promotions.stored import PromotionCode, StoredPromotion
    from domain.reviews.reviews import ProductReview
    from domain.staff import Role, StaffUser
    from domain.storefronts import Storefront
    from domain.trusted_documents import TrustedDocument
    from domain.webhooks.deliveries import WebhookDelivery
    from domain.webhooks.subscriptions import WebhookSubscription

T = TypeVar("T")


class Repository(Protocol[T]):
    async def get(self, id: UUID) -> T | None: ...

    async def get_many(self, ids: Sequence[UUID]) -> list[T]: ...

    def add(self, entity: T) -> None: ...

    async def page(self, request: PageRequest) -> Page[T]: ...


class MerchantRepository(Repository["Merchant"], Protocol):
    async def by_slug(self, slug: str) -> "Merchant | None": ...


class StaffRepository(Repository["StaffUser"], Protocol):
    async def by_email(self, email: str) -> "StaffUser | None": ...

    async def role_ids(self, staff_id: UUID) -> list[UUID]: ...

    async def set_roles(self, staff: "StaffUser", role_ids: Sequence[UUID]) -> None: ...


class RoleRepository(Repository["Role"], Protocol):
    async def delete(self, role: "Role") -> None: ...


class CategoryRepository(Repository["Category"], Protocol):
    async def by_slug(self, slug: str) -> "Category | None": ...

    async def all(self) -> "list[Category]": ...

    async def children_of(self, category_id: UUID) -> "list[Category]": ...

    async def delete(self, category: "Category") -> None: ...


class AttributeRepository(Repository["Attribute"], Protocol):
    async def by_slug(self, slug: str) -> "Attribute | None": ...

    async def delete(self, attribute: "Attribute") -> None:
        """Delete it with every value stored for it."""
        ...


class TrustedDocumentRepository(Repository["TrustedDocument"], Protocol):
    async def by_hash(self, sha256: str) -> "TrustedDocument | None": ...

    async def count(self) -> int: ...

    async def remove(self, document: "TrustedDocument") -> None: ...


class ProductTypeRepository(Repository["ProductType"], Protocol):
    async def by_slug(self, slug: str) -> "ProductType | None": ...

    async def all(self) -> "list[ProductType]": ...

    async def delete(self, product_type: "ProductType") -> None: ...


class AttributeValueRepository(Protocol):
    async def of_variant(self, variant_id: UUID) -> "list[AttributeValue]": ...

    async def replace(
        self,
        product_id: UUID,
        variant_id: UUID | None,
        attribute_ids: Sequence[UUID],
        values: "Sequence[AttributeValue]",
    ) -> None:
        """Make `values` the owner's values of these attributes (the owner is the variant, or
        the product itself when `variant_id` is None)."""
        ...

    async def delete_choices(self, attribute_id: UUID, choice_ids: set[UUID]) -> None: ...

    async def variants_use_choices(self, attribute_id: UUID, choice_ids: set[UUID]) -> bool:
        """Whether a live variant is defined by one of these choices."""
        ...

    async def delete_for_type(self, product_type_id: UUID, attribute_ids: Sequence[UUID]) -> None:
        """Delete the product-level values of these attributes on products of the type."""
        ...


class CollectionRepository(Repository["Collection"], Protocol):
    async def by_slug(self, slug: str) -> "Collection | None": ...

    async def delete(self, collection: "Collection") -> None: ...

    async def members(self, collection_id: UUID) -> "list[CollectionProduct]": ...

    def add_member(self, member: "CollectionProduct") -> None: ...

    async def remove_members(self, collection_id: UUID, product_ids: set[UUID] | None) -> None:
        """Remove these products from the collection (every product when None)."""
        ...


class TranslationRepository(Protocol):
    async def find(self, entity_id: UUID, language: str) -> "Translation | None": ...

    def add(self, translation: "Translation") -> None: ...

    async def delete(self, translation: "Translation") -> None: ...


class ProductRepository(Repository["Product"], Protocol):
    async def by_slug(self, slug: str) -> "Product | None": ...

    async def slugs_taken(self, slugs: set[str]) -> set[str]:
        """Which of these slugs products already have."""
        ...

    async def use_type(self, product_type_id: UUID) -> bool:
        """Whether any product (archived ones too) has this type."""
        ...

    async def uncategorise(self, category_id: UUID, now: datetime) -> None: ...

    async def shown_by_slug(self, slug: str, storefront_id: UUID) -> "ShownProduct | None":
        """The product with this slug, its listing on the storefront and its category: one
        read."""
        ...

    async def listing(
        self, query: "ProductQuery", request: PageRequest, *, with_categories: bool = False
    ) -> "ProductPage":
        """A page of what the query lists, in its sort order (and its products' categories,
        in the same read, when asked for)."""
        ...

    async def facets(self, query: "ProductQuery") -> "FacetCounts":
        """Counts over everything the query lists."""
        ...


class VariantRepository(Repository["ProductVariant"], Protocol):
    async def by_sku(self, sku: str) -> "ProductVariant | None": ...

    async def of_product(self, product_id: UUID) -> "list[ProductVariant]":
        """The product's live variants."""
        ...

    async def skus_taken(self, skus: set[str]) -> set[str]:
        """Which of these SKUs variants (archived ones too) already have."""
        ...

    async def with_attribute_key(self, product_id: UUID, key: str) -> "ProductVariant | None": ...


class ListingRepository(Protocol):
    async def find(self, product_id: UUID, storefront_id: UUID) -> "ProductListing | None": ...

    def add(self, listing: "ProductListing") -> None: ...


class PriceRepository(Protocol):
    async def find(self, variant_id: UUID, storefront_id: UUID) -> "VariantPrice | None": ...

    def add(self, price: "VariantPrice") -> None: ...


class WarehouseRepository(Repository["Warehouse"], Protocol):
    async def link(self, storefront_id: UUID, warehouse_ids: Sequence[UUID]) -> None:
        """Make these the storefront's warehouses (replacing the previous list)."""
        ...


class StockRepository(Protocol):
    async def find(self, variant_id: UUID, warehouse_id: UUID) -> "Stock | None": ...

    async def of_variant(self, variant_id: UUID) -> "list[Stock]": ...

    def add(self, stock: "Stock") -> None: ...

    async def available_totals(self, variant_ids: Sequence[UUID]) -> dict[UUID, int]:
        """Units each variant can still sell, over all warehouses."""
        ...

    async def reserve(
        self, variant_id: UUID, warehouse_id: UUID, units: int, now: datetime
    ) -> bool:
        """Reserve `units` if that many are unreserved, atomically; False if not."""
        ...

    async def release(
        self, variant_id: UUID, warehouse_id: UUID, units: int, now: datetime
    ) -> None:
        """Give back reserved units (never below zero reserved)."""
        ...

    async def take(
        self, variant_id: UUID, warehouse_id: UUID, units: int, reserved: bool, now: datetime
    ) -> bool:
        """Units shipped leave the stock: out of the reservation (`reserved`: the order holds
        one) or out of what is unreserved, atomically; False (nothing changed) if not there."""
        ...

    async def restock(
        self, variant_id: UUID, warehouse_id: UUID, units: int, now: datetime
    ) -> None:
        """Units come back on the shelf (a return)."""
        ...


class CustomerRepository(Repository["Customer"], Protocol):
    async def by_email(self, email: str) -> "Customer | None": ...

    async def search(self, query: "CustomerQuery", request: PageRequest) -> "Page[Customer]":
        """A page of the customers the query matches, in id order."""
        ...

    async def delete(self, customer: "Customer") -> None:
        """Delete it with everything stored with it (addresses, wishlists, notes, codes)."""
        ...

    async def locked(self, customer_id: UUID) -> "Customer | None":
        """The customer, its row locked until the transaction ends (for counters)."""
        ...


class AddressRepository(Repository["Address"], Protocol):
    async def of_customer(self, customer_id: UUID) -> "list[Address]": ...

    async def of_customers(self, customer_ids: Sequence[UUID]) -> "list[Address]": ...

    async def delete(self, address: "Address") -> None: ...


class CustomerNoteRepository(Repository["CustomerNote"], Protocol):
    async def of_customer(self, customer_id: UUID) -> "list[CustomerNote]": ...

    async def delete(self, note: "CustomerNote") -> None: ...


class CustomerTokenRepository(Protocol):
    def add(self, token: "CustomerToken") -> None: ...

    async def claim(self, token_digest: str, purpose: str, now: datetime) -> "CustomerToken | None":
        """Mark the token used if it is unused, unexpired and for `purpose`, atomically."""
        ...


class CustomerTierRepository(Repository["CustomerTier"], Protocol):
    async def all(self) -> "list[CustomerTier]": ...

    async def delete(self, tier: "CustomerTier") -> None: ...


class SegmentRepository(Repository["Segment"], Protocol):
    async def delete(self, segment: "Segment") -> None: ...


class WishlistRepository(Repository["Wishlist"], Protocol):
    async def of_customer(self, customer_id: UUID) -> "list[Wishlist]": ...

    async def by_share_token(self, token: str) -> "Wishlist | None": ...

    async def delete(self, wishlist: "Wishlist") -> None: ...

    async def items_of(self, wishlist_id: UUID) -> "list[WishlistItem]": ...

    def add_item(self, item: "WishlistItem") -> None: ...

    async def remove_item(self, item: "WishlistItem") -> None: ...


class TaxClassRepository(Repository["TaxClass"], Protocol):
    async def all(self) -> "list[TaxClass]": ...

    async def delete(self, tax_class: "TaxClass") -> None: ...


class TaxRateRepository(Repository["TaxRate"], Protocol):
    async def all(self) -> "list[TaxRate]": ...

    async def delete(self, rate: "TaxRate") -> None: ...


class ShippingZoneRepository(Repository["ShippingZone"], Protocol):
    async def delete(self, zone: "ShippingZone") -> None: ...

    async def with_methods(self) -> "tuple[list[ShippingZone], list[ShippingMethod]]":
        """Every zone and every method (a merchant has a handful)."""
        ...


class ShippingMethodRepository(Repository["ShippingMethod"], Protocol):
    async def delete(self, method: "ShippingMethod") -> None: ...


class CartRepository(Protocol):
    async def get(self, id: UUID) -> "Cart | None": ...

    def add(self, cart: "Cart") -> None: ...

    async def lines_of(self, cart_id: UUID) -> "list[CartLine]": ...

    def add_line(self, line: "CartLine") -> None: ...

    async def remove_line(self, line: "CartLine") -> None: ...

    async def delete(self, cart: "Cart") -> None: ...

    async def drafts(self, request: PageRequest) -> "Page[Cart]":
        """Open draft orders."""
        ...

    async def open_cart_of(self, customer_id: UUID, storefront_id: UUID) -> "Cart | None":
        """The customer's most recent open cart in the storefront."""
        ...

    async def claim(self, cart_id: UUID, order_id: UUID, now: datetime) -> bool:
        """Mark the open cart completed by the order, atomically; False if it was not open."""
        ...


class OrderRepository(Protocol):
    async def get(self, id: UUID) -> "Order | None": ...

    async def by_cart(self, cart_id: UUID) -> "Order | None": ...

    async def by_token(self, token: str) -> "Order | None": ...

    async def next_number(self, merchant_id: UUID) -> int:
        """The merchant's next order number (1, 2, ...), taken atomically."""
        ...

    async def lines_of(self, order_id: UUID) -> "list[OrderLine]": ...

    async def allocations_of(self, order_id: UUID) -> "list[OrderAllocation]": ...

    async def remove(self, row: "OrderLine | OrderAllocation") -> None:
        """Delete an order's line or fulfillment group (order editing), at once."""
        ...

    async def search(self, query: "OrderQuery", request: PageRequest) -> "Page[Order]":
        """A page of the orders the query matches, newest first."""
        ...

    async def claim_version(self, id: UUID, version: int) -> bool:
        """Move the order's version on by one, in ONE conditional UPDATE that applies only
        while it is still `version` (compare-and-set); False when it had moved meanwhile."""
        ...

    async def claim_lapsed(self, now: datetime, limit: int) -> "list[Order]":
        """Cancel up to `limit` unpaid orders past their expiry, atomically, and return them
        (each is returned to one caller only, however many run at once)."""
        ...


class FulfillmentRepository(Protocol):
    async def get(self, id: UUID) -> "Fulfillment | None": ...

    async def of_order(self, order_id: UUID) -> "list[Fulfillment]": ...

    async def lines_of(self, fulfillment_ids: list[UUID]) -> "list[FulfillmentLine]": ...


class RefundRepository(Protocol):
    async def of_order(self, order_id: UUID) -> "list[Refund]": ...


class OrderReturnRepository(Protocol):
    async def get(self, id: UUID) -> "OrderReturn | None": ...

    async def of_order(self, order_id: UUID) -> "list[OrderReturn]": ...


class PaymentRepository(Protocol):
    async def get(self, id: UUID) -> "Payment | None": ...

    async def of_order(self, order_id: UUID) -> "list[Payment]": ...


class ReviewRepository(Repository["ProductReview"], Protocol):
    async def customer_may_review(self, customer_id: UUID, product_id: UUID) -> bool:
        """Whether the customer received the product (the verified-buyer rule)."""
        ...

    async def of_customer(self, customer_id: UUID, product_id: UUID) -> "ProductReview | None": ...

    async def search(
        self, request: PageRequest, *, status: str | None = None, product_id: UUID | None = None
    ) -> "Page[ProductReview]":
        """Newest first, optionally of one status and one product."""
        ...


class AuditRepository(Protocol):
    async def page(self, request: PageRequest, wanted: "AuditFilter") -> "Page[AuditEntry]": ...


class EventRepository(Protocol):
    async def page(self, request: LogRequest, types: Sequence[str] | None) -> "Page[Event]":
        """The event log in commit order (by position), optionally of some types only."""
        ...

    async def since(self, since: datetime, types: Sequence[str], limit: int) -> "list[Event]":
        """The first `limit` events of these types at or after `since`, oldest first."""
        ...


class WebhookSubscriptionRepository(Repository["WebhookSubscription"], Protocol):
    async def delete(self, subscription: "WebhookSubscription") -> None: ...


class WebhookDeliveryRepository(Repository["WebhookDelivery"], Protocol):
    async def of_subscription(
        self, subscription_id: UUID, request: PageRequest
    ) -> "Page[WebhookDelivery]": ...

    async def of_events(
        self, subscription_id: UUID, event_ids: Sequence[UUID]
    ) -> "list[WebhookDelivery]": ...


class GiftCardRepository(Repository["GiftCard"], Protocol):
    async def by_digest(self, code_digest: str) -> "GiftCard | None": ...

    async def of_customer(self, customer_id: UUID) -> "list[GiftCard]": ...

    async def current(self, card_id: UUID) -> "GiftCard | None":
        """The card as stored now (re-read, even if this unit of work holds it already)."""
        ...

    async def search(self, query: "GiftCardQuery", request: PageRequest) -> "Page[GiftCard]":
        """A page of the cards the query matches, in id order."""
        ...

    async def sold_on(self, order_id: UUID) -> "list[GiftCard]":
        """The cards the order bought, by line and then id."""
        ...

    async def claim_undelivered(self, now: datetime, limit: int) -> "list[SoldCard]":
        """Up to `limit` sold cards whose code was not sent yet, marked delivered at `now` by
        one conditional UPDATE (locked rows are skipped: concurrent workers never claim the
        same card), with what their message needs."""
        ...

    async def change_balance(
        self, card: "GiftCard", delta: int, now: datetime, *, usable_only: bool
    ) -> int | None:
        """Add `delta` (negative: take) to the stored balance in ONE conditional UPDATE that
        applies only if the balance stays between 0 and MAX_BALANCE and, when `usable_only`,
        the card is active and unexpired at `now`. Returns the new balance (which `card` then
        shows), or None when it did not apply and nothing changed."""
        ...

    def add_transaction(self, entry: "GiftCardTransaction") -> None: ...

    async def transactions_of(self, card_id: UUID) -> "list[GiftCardTransaction]":
        """The card's ledger, oldest first."""
        ...


class PromotionRepository(Repository["StoredPromotion"], Protocol):
    async def live(self) -> "list[StoredPromotion]":
        """Every promotion not archived, in id order."""
        ...

    async def search(
        self, query: "PromotionQuery", request: PageRequest
    ) -> "Page[StoredPromotion]": ...

    async def codes(self, values: Sequence[str]) -> "list[PromotionCode]":
        """The codes among these (normalised) values, whatever their promotion's state."""
        ...

    async def customer_uses(
        self, customer_id: UUID, promotion_ids: Sequence[UUID]
    ) -> dict[UUID, int]:
        """How often the customer used each of these promotions (missing: never)."""
        ...

    async def count_use(self, promotion_id: UUID, amount: int) -> bool:
        """Add one use and `amount` given, in ONE conditional UPDATE that applies only while
        the promotion is live, under its usage limit and within its budget; False (nothing
        changed) otherwise."""
        ...

    async def count_code_use(self, code_id: UUID) -> bool:
        """Add one use to the code, only under its usage limit (one conditional UPDATE)."""
        ...

    async def count_customer_use(self, promotion_id: UUID, customer_id: UUID, limit: int) -> bool:
        """Add one use by the customer, only while under `limit` (a conditional UPDATE)."""
        ...

    async def give_back(self, order_id: UUID, now: datetime) -> int:
        """Undo a cancelled order's redemptions: each counter one use (and its amount) down,
        by a conditional UPDATE; the redemptions stay, marked reversed at `now`. How many
        were undone."""
        ...

    async def existing_codes(self, codes: Sequence[str]) -> set[str]:
        """Those of these (normalised) codes the merchant has already."""
        ...

    async def add_codes(
        self,
        promotion: "StoredPromotion",
        codes: Sequence[str],
        usage_limit: int | None,
        now: datetime,
    ) -> None:
        """Insert the codes in batches (a few statements for thousands of codes)."""
        ...


class AuthRepository(Protocol):
    """Look-ups made before the merchant is known; they run in a platform unit of work."""

    async def staff_for_login(self, merchant_id: UUID, email: str) -> "StaffUser | None": ...

    async def staff_with_roles(
        self, staff_id: UUID
    ) -> "tuple[StaffUser, list[Role], Merchant] | None": ...

    async def customer_for_login(self, merchant_id: UUID, email: str) -> "Customer | None": ...

    async def customer_with_merchant(
        self, customer_id: UUID
    ) -> "tuple[Customer, Merchant] | None": ...

    async def admin_by_email(self, email: str) -> "PlatformAdmin | None": ...

    async def admin_by_id(self, admin_id: UUID) -> "PlatformAdmin | None": ...

    def add_admin(self, admin: "PlatformAdmin") -> None: ...

    def add_session(self, session: "AuthSession") -> None: ...

    def add_refresh_token(self, token: "RefreshToken") -> None: ...

    async def get_session(self, session_id: UUID) -> "AuthSession | None": ...

    async def claim_refresh_token(self, token_digest: str, now: datetime) -> "RefreshToken | None":
        """Mark the token used if it is unused, atomically; None if it was not unused."""
        ...

    async def refresh_token_by_digest(self, token_digest: str) -> "RefreshToken | None": ...

    async def revoke_session(self, session_id: UUID, now: datetime, *, reason: str) -> None: ...

    async def revoke_sessions_of(
        self,
        subject_kind: str,
        subject_id: UUID,
        now: datetime,
        *,
        reason: str,
        keep: UUID | None = None,
    ) -> None:
        """End every live session of the subject (but `keep`, the caller's own, if given)."""
        ...

    async def api_key_by_digest(self, secret_digest: str) -> "tuple[ApiKey, Merchant, bool] | None":
        """The key, its merchant, and whether its creator (if a staff user) is active."""
        ...

    async def touch_api_key(self, key_id: UUID, now: datetime, stale_before: datetime) -> None: ...

    async def storefront_by_token(self, token: str) -> "tuple[Storefront, Merchant] | None": ...


class UnitOfWork(Protocol):
    @property
    def merchants(self) -> MerchantRepository: ...

    @property
    def promotions(self) -> PromotionRepository: ...

    @property
    def staff(self) -> StaffRepository: ...

    @property
    def roles(self) -> RoleRepository: ...

    @property
    def api_keys(self) -> "Repository[ApiKey]": ...

    @property
    def storefronts(self) -> "Repository[Storefront]": ...

    @property
    def trusted_documents(self) -> TrustedDocumentRepository: ...

    @property
    def auth(self) -> AuthRepository: ...

    @property
    def categories(self) -> CategoryRepository: ...

    @property
    def attributes(self) -> AttributeRepository: ...

    @property
    def product_types(self) -> ProductTypeRepository: ...

    @property
    def attribute_values(self) -> AttributeValueRepository: ...

    @property
    def collections(self) -> CollectionRepository: ...

    @property
    def translations(self) -> TranslationRepository: ...

    @property
    def products(self) -> ProductRepository: ...

    @property
    def variants(self) -> VariantRepository: ...

    @property
    def listings(self) -> ListingRepository: ...

    @property
    def prices(self) -> PriceRepository: ...

    @property
    def warehouses(self) -> WarehouseRepository: ...

    @property
    def stocks(self) -> StockRepository: ...

    @property
    def customers(self) -> CustomerRepository: ...

    @property
    def addresses(self) -> AddressRepository: ...

    @property
    def customer_notes(self) -> CustomerNoteRepository: ...

    @property
    def customer_tokens(self) -> CustomerTokenRepository: ...

    @property
    def customer_tiers(self) -> CustomerTierRepository: ...

    @property
    def segments(self) -> SegmentRepository: ...

    @property
    def wishlists(self) -> WishlistRepository: ...

    @property
    def gift_cards(self) -> GiftCardRepository: ...

    @property
    def events(self) -> EventRepository: ...

    @property
    def tax_classes(self) -> TaxClassRepository: ...

    @property
    def tax_rates(self) -> TaxRateRepository: ...

    @property
    def shipping_zones(self) -> ShippingZoneRepository: ...

    @property
    def shipping_methods(self) -> ShippingMethodRepository: ...

    @property
    def carts(self) -> CartRepository: ...

    @property
    def checkout(self) -> "CheckoutCatalog": ...

    @property
    def orders(self) -> OrderRepository: ...

    @property
    def payments(self) -> PaymentRepository: ...

    @property
    def fulfillments(self) -> FulfillmentRepository: ...

    @property
    def refunds(self) -> RefundRepository: ...

    @property
    def order_returns(self) -> OrderReturnRepository: ...

    @property
    def reviews(self) -> ReviewRepository: ...

    @property
    def audit_log(self) -> AuditRepository: ...

    @property
    def webhook_subscriptions(self) -> WebhookSubscriptionRepository: ...

    @property
    def webhook_deliveries(self) -> WebhookDeliveryRepository: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...

    def record(self, event: "Event") -> None:
        """Write an event to the outbox in this transaction: it lands with the change or not at
        all (a savepoint rolled back around it drops it too)."""
        ...

    def recorded(self) -> "list[Event]":
        """The events recorded in this transaction so far (less those a savepoint dropped)."""
        ...

    async def rollback(self) -> None: ...

    def add_all(self, entities: Sequence[object]) -> None:
        """Stage new entities of any kind, written at the next `stage()` or `commit()`."""
        ...

    def savepoint(self) -> AbstractAsyncContextManager[None]:
        """A nested transaction: what the block changes is undone if it raises."""
        ...

    async def stage(self) -> None:
        """Write what was staged so far, in this transaction, so later rows may point at it."""
        ...
