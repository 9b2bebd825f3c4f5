"""The SQLAlchemy unit of work: one session, one transaction, rolled back unless committed."""

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from types import TracebackType
from typing import Any, Self
from uuid import UUID

from sqlalchemy import text

from domain.audit import AuditEntry, AuditStamp, merge_changes
from domain.events import Event
from domain.ids import new_id
from persistence.attribute_repositories import (
    AttributeRepository,
    AttributeValueRepository,
    ProductTypeRepository,
)
from persistence.audit import CHANGES_KEY, MERCHANT, STAMP_KEY
from persistence.audit_repository import AuditRepository
from persistence.auth_repository import SqlAuthRepository
from persistence.catalog_changes import take_changes
from persistence.catalog_repositories import (
    CategoryRepository,
    CollectionRepository,
    ListingRepository,
    PriceRepository,
    ProductRepository,
    TranslationRepository,
    VariantRepository,
)
from persistence.checkout_repositories import (
    CartRepository,
    CheckoutCatalog,
    ShippingMethodRepository,
    ShippingZoneRepository,
    TaxClassRepository,
    TaxRateRepository,
)
from persistence.conflicts import conflicts_as_user_errors
from persistence.customer_repositories import (
    AddressRepository,
    CustomerNoteRepository,
    CustomerRepository,
    CustomerTierRepository,
    CustomerTokenRepository,
    SegmentRepository,
    WishlistRepository,
)
from persistence.database import Database
from persistence.event_log import place_in_log
from persistence.inventory_repositories import StockRepository, WarehouseRepository
from persistence.order_repositories import (
    FulfillmentRepository,
    OrderRepository,
    OrderReturnRepository,
    PaymentRepository,
    RefundRepository,
)
from persistence.payment_repositories import GiftCardRepository
from persistence.promotion_repositories import PromotionRepository
from persistence.repositories import (
    MerchantRepository,
    RoleRepository,
    StaffRepository,
    api_key_repository,
    storefront_repository,
)
from persistence.review_repositories import ReviewRepository
from persistence.trusted_documents import TrustedDocumentRepository
from persistence.webhook_repositories import (
    EventRepository,
    WebhookDeliveryRepository,
    WebhookSubscriptionRepository,
)


class SqlUnitOfWork:
    def __init__(
        self,
        database: Database,
        merchant_id: UUID | None,
        *,
        audit: AuditStamp | None = None,
        read_only: bool = False,
    ) -> None:
        self._database = database
        self._merchant_id = merchant_id
        self._audit = audit
        self._read_only = read_only

    async def __aenter__(self) -> Self:
        self._recorded: list[Event] = []
        self.session = self._database.session(self._merchant_id, read_only=self._read_only)
        if self._audit is not None:
            self.session.info[STAMP_KEY] = self._audit
        self.merchants = MerchantRepository(self.session)
        self.staff = StaffRepository(self.session)
        self.roles = RoleRepository(self.session)
        self.api_keys = api_key_repository(self.session)
        self.storefronts = storefront_repository(self.session)
        self.trusted_documents = TrustedDocumentRepository(self.session)
        self.auth = SqlAuthRepository(self.session)
        self.categories = CategoryRepository(self.session)
        self.attributes = AttributeRepository(self.session)
        self.product_types = ProductTypeRepository(self.session)
        self.attribute_values = AttributeValueRepository(self.session)
        self.collections = CollectionRepository(self.session)
        self.translations = TranslationRepository(self.session)
        self.products = ProductRepository(self.session)
        self.variants = VariantRepository(self.session)
        self.listings = ListingRepository(self.session)
        self.prices = PriceRepository(self.session)
        self.warehouses = WarehouseRepository(self.session)
        self.stocks = StockRepository(self.session)
        self.customers = CustomerRepository(self.session)
        self.addresses = AddressRepository(self.session)
        self.customer_notes = CustomerNoteRepository(self.session)
        self.customer_tokens = CustomerTokenRepository(self.session)
        self.customer_tiers = CustomerTierRepository(self.session)
        self.segments = SegmentRepository(self.session)
        self.wishlists = WishlistRepository(self.session)
        self.gift_cards = GiftCardRepository(self.session)
        self.promotions = PromotionRepository(self.session)
        self.audit_log = AuditRepository(self.session)
        self.events = EventRepository(self.session)
        self.webhook_subscriptions = WebhookSubscriptionRepository(self.session)
        self.webhook_deliveries = WebhookDeliveryRepository(self.session)
        self.tax_classes = TaxClassRepository(self.session)
        self.tax_rates = TaxRateRepository(self.session)
        self.shipping_zones = ShippingZoneRepository(self.session)
        self.shipping_methods = ShippingMethodRepository(self.session)
        self.carts = CartRepository(self.session)
        self.checkout = CheckoutCatalog(self.session, self._database.shared_reads)
        self.orders = OrderRepository(self.session)
        self.payments = PaymentRepository(self.session)
        self.fulfillments = FulfillmentRepository(self.session)
        self.refunds = RefundRepository(self.session)
        self.order_returns = OrderReturnRepository(self.session)
        self.reviews = ReviewRepository(self.session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # Closing rolls back whatever was not committed, and (unlike rollback) leaves loaded
        # objects readable, detached, for the response to use.
        await self.session.close()

    async def commit(self) -> None:
        if self._read_only:
            raise RuntimeError("a read-only unit of work has nothing to commit")
        with conflicts_as_user_errors():
            if self._audit is not None:
                await self.session.flush()  # collects the last changes
                self._write_audit_entry(self._audit)
            await self.session.commit()
        if self._recorded:
            self._recorded = []
            await place_in_log(self._database)
        # After the commit, before the response: cached storefront answers that read what
        # this transaction changed stop being served, in every process sharing the cache.
        await self._database.catalog_committed(take_changes(self.session.sync_session))

    def _write_audit_entry(self, stamp: AuditStamp) -> None:
        """One entry for what this unit of work changed, written in the same transaction: in
        the merchant's log, or for platform work, one in each affected merchant's log."""
        by_merchant: dict[UUID, list[dict[str, Any]]] = {}
        for change in self.session.info.pop(CHANGES_KEY, []):
            merchant_id = self._merchant_id or change.pop(MERCHANT, None)
            change.pop(MERCHANT, None)
            if merchant_id is not None:  # e.g. a platform admin's own sign-in: no merchant's
                by_merchant.setdefault(merchant_id, []).append(change)
        for merchant_id, changes in by_merchant.items():
            entry = AuditEntry(
                new_id(),
                merchant_id,
                stamp.at,
                stamp.actor_kind.value,
                stamp.actor_id,
                stamp.request_id[:64],
                stamp.operation[:80],
                merge_changes(changes),
            )
            self.session.add(entry)

    def record(self, event: Event) -> None:
        # A pending row: flushed with the change, expunged if a savepoint around it rolls back.
        self.session.add(event)
        self._recorded.append(event)

    def recorded(self) -> list[Event]:
        return list(self._recorded)

    async def rollback(self) -> None:
        await self.session.rollback()
        self.session.info.pop(CHANGES_KEY, None)
        self._recorded = []
        take_changes(self.session.sync_session)

    def add_all(self, entities: Sequence[object]) -> None:
        self.session.add_all(entities)

    @asynccontextmanager
    async def savepoint(self) -> AsyncIterator[None]:
        if self._database.dialect == "sqlite":
            await self._open_sqlite_transaction()
        with conflicts_as_user_errors():
            await self.session.flush()  # what came before the savepoint stays audited
        changes: list[object] = self.session.info.setdefault(CHANGES_KEY, [])
        kept, events_kept = len(changes), len(self._recorded)
        try:
            with conflicts_as_user_errors():
                async with self.session.begin_nested():
                    yield
        except BaseException:
            del changes[kept:]  # what the savepoint undid is not audited
            del self._recorded[events_kept:]  # nor recorded
            raise

    async def _open_sqlite_transaction(self) -> None:
        """The SQLite driver opens its transaction only before a write; a SAVEPOINT outside
        one would start (and its RELEASE commit) a transaction of its own. A write that
        changes nothing opens the transaction first, so savepoints nest inside it."""
        await self.session.execute(text("UPDATE merchants SET id = id WHERE 1 = 0"))

    async def stage(self) -> None:
        with conflicts_as_user_errors():
            await self.session.flush()
