"""Catalog repositories. Tenant scope comes from the session, as everywhere."""

from datetime import datetime
from uuid import UUID

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.catalog.categories import Category
from domain.catalog.listings import ProductListing, VariantPrice
from domain.catalog.products import Product
from domain.catalog.variants import ProductVariant
from domain.pagination import Page, PageRequest
from persistence import tables
from persistence.repositories import SqlRepository, keyset_page

P = tables.products
L = tables.product_listings


class CategoryRepository(SqlRepository[Category]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, Category)

    async def by_slug(self, slug: str) -> Category | None:
        statement = select(Category).where(tables.categories.c.slug == slug)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def all(self) -> list[Category]:
        return list((await self.session.execute(select(Category))).scalars())

    async def children_of(self, category_id: UUID) -> list[Category]:
        statement = select(Category).where(tables.categories.c.parent_id == category_id)
        return list((await self.session.execute(statement)).scalars())

    async def delete(self, category: Category) -> None:
        await self.session.flush()
        await self.session.execute(delete(Category).where(tables.categories.c.id == category.id))


class ProductRepository(SqlRepository[Product]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, Product)

    async def by_slug(self, slug: str) -> Product | None:
        statement = select(Product).where(P.c.slug == slug)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def uncategorise(self, category_id: UUID, now: datetime) -> None:
        await self.session.execute(
            update(Product)
            .where(P.c.category_id == category_id)
            .values(category_id=None, updated_at=now)
            .execution_options(synchronize_session=False)
        )

    async def published(
        self,
        storefront_id: UUID,
        now: datetime,
        request: PageRequest,
        *,
        category_ids: set[UUID] | None = None,
        search: str | None = None,
    ) -> Page[Product]:
        statement = (
            select(Product)
            .join(ProductListing, (L.c.product_id == P.c.id) & (L.c.storefront_id == storefront_id))
            .where(L.c.is_published.is_(True), P.c.archived_at.is_(None))
            .where(or_(L.c.available_from.is_(None), L.c.available_from <= now))
        )
        if category_ids is not None:
            statement = statement.where(P.c.category_id.in_(category_ids))
        if search:
            pattern = (
                "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            )
            statement = statement.where(
                or_(
                    P.c.name.ilike(pattern, escape="\\"),
                    P.c.description_text.ilike(pattern, escape="\\"),
                )
            )
        return await keyset_page(self.session, statement, P.c.id, request)


class VariantRepository(SqlRepository[ProductVariant]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, ProductVariant)

    async def by_sku(self, sku: str) -> ProductVariant | None:
        statement = select(ProductVariant).where(tables.product_variants.c.sku == sku)
        return (await self.session.execute(statement)).scalar_one_or_none()


class ListingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def find(self, product_id: UUID, storefront_id: UUID) -> ProductListing | None:
        statement = select(ProductListing).where(
            L.c.product_id == product_id, L.c.storefront_id == storefront_id
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

    def add(self, listing: ProductListing) -> None:
        self.session.add(listing)


class PriceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def find(self, variant_id: UUID, storefront_id: UUID) -> VariantPrice | None:
        t = tables.variant_prices
        statement = select(VariantPrice).where(
            t.c.variant_id == variant_id, t.c.storefront_id == storefront_id
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

    def add(self, price: VariantPrice) -> None:
        self.session.add(price)
