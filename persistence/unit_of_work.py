"""The SQLAlchemy unit of work: one session, one transaction, rolled back unless committed."""

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from types import TracebackType
from typing import Self
from uuid import UUID

from sqlalchemy import text

from domain.events import Event
from persistence.attribute_repositories import (
    AttributeRepository,
    AttributeValueRepository,
    ProductTypeRepository,
)
from persistence.auth_repository import SqlAuthRepository
from persistence.catalog_repositories import (
    CategoryRepository,
    CollectionRepository,
    ListingRepository,
    PriceRepository,
    ProductRepository,
    TranslationRepository,
    VariantRepository,
)
from persistence.conflicts import conflicts_as_user_errors
from persistence.database import Database
from persistence.inventory_repositories import StockRepository, WarehouseRepository
from persistence.repositories import (
    MerchantRepository,
    RoleRepository,
    StaffRepository,
    api_key_repository,
    storefront_repository,
)
from persistence.webhook_repositories import (
    EventRepository,
    WebhookDeliveryRepository,
    WebhookSubscriptionRepository,
)


class SqlUnitOfWork:
    def __init__(self, database: Database, merchant_id: UUID | None) -> None:
        self._database = database
        self._merchant_id = merchant_id

    async def __aenter__(self) -> Self:
        self.session = self._database.session(self._merchant_id)
        self.merchants = MerchantRepository(self.session)
        self.staff = StaffRepository(self.session)
        self.roles = RoleRepository(self.session)
        self.api_keys = api_key_repository(self.session)
        self.storefronts = storefront_repository(self.session)
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
        self.events = EventRepository(self.session)
        self.webhook_subscriptions = WebhookSubscriptionRepository(self.session)
        self.webhook_deliveries = WebhookDeliveryRepository(self.session)
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
        with conflicts_as_user_errors():
            await self.session.commit()

    def record(self, event: Event) -> None:
        # A pending row: flushed with the change, expunged if a savepoint around it rolls back.
        self.session.add(event)

    async def rollback(self) -> None:
        await self.session.rollback()

    def add_all(self, entities: Sequence[object]) -> None:
        self.session.add_all(entities)

    @asynccontextmanager
    async def savepoint(self) -> AsyncIterator[None]:
        if self._database.dialect == "sqlite":
            await self._open_sqlite_transaction()
        with conflicts_as_user_errors():
            async with self.session.begin_nested():
                yield

    async def _open_sqlite_transaction(self) -> None:
        """The SQLite driver opens its transaction only before a write; a SAVEPOINT outside
        one would start (and its RELEASE commit) a transaction of its own. A write that
        changes nothing opens the transaction first, so savepoints nest inside it."""
        await self.session.execute(text("UPDATE merchants SET id = id WHERE 1 = 0"))

    async def stage(self) -> None:
        with conflicts_as_user_errors():
            await self.session.flush()
