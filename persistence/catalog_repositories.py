"""Catalog repositories. Tenant scope comes from the session, as everywhere."""

from datetime import datetime
from uuid import UUID

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.catalog.categories import Category
from domain.catalog.collections import Collection, CollectionProduct
from domain.catalog.facets import FacetCounts
from domain.catalog.listings import ProductListing, VariantPrice
from domain.catalog.product_search import ProductPage, ProductQuery, ShownProduct
from domain.catalog.products import Product
from domain.catalog.translations import Translation
from domain.catalog.variants import ProductVariant
from domain.pagination import PageRequest
from persistence import tables
from persistence.attribute_repositories import product_type_in_use
from persistence.product_listing import facet_counts, listing_page
from persistence.repositories import SqlRepository

P = tables.products
L = tables.product_listings
PV = tables.product_variants
CP = tables.collection_products


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


class CollectionRepository(SqlRepository[Collection]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, Collection)

    async def by_slug(self, slug: str) -> Collection | None:
        statement = select(Collection).where(tables.collections.c.slug == slug)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def delete(self, collection: Collection) -> None:
        await self.remove_members(collection.id, None)
        await self.session.delete(collection)

    async def members(self, collection_id: UUID) -> list[CollectionProduct]:
        statement = (
            select(CollectionProduct)
            .where(CP.c.collection_id == collection_id)
            .order_by(CP.c.position, CP.c.id)
        )
        return list((await self.session.execute(statement)).scalars())

    def add_member(self, member: CollectionProduct) -> None:
        self.session.add(member)

    async def remove_members(self, collection_id: UUID, product_ids: set[UUID] | None) -> None:
        statement = delete(CollectionProduct).where(CP.c.collection_id == collection_id)
        if product_ids is not None:
            statement = statement.where(CP.c.product_id.in_(product_ids))
        await self.session.execute(statement.execution_options(synchronize_session=False))


class TranslationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def find(self, entity_id: UUID, language: str) -> Translation | None:
        t = tables.translations.c
        statement = select(Translation).where(t.entity_id == entity_id, t.language == language)
        return (await self.session.execute(statement)).scalar_one_or_none()

    def add(self, translation: Translation) -> None:
        self.session.add(translation)

    async def delete(self, translation: Translation) -> None:
        await self.session.delete(translation)


class ProductRepository(SqlRepository[Product]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, Product)

    async def by_slug(self, slug: str) -> Product | None:
        statement = select(Product).where(P.c.slug == slug)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def shown_by_slug(self, slug: str, storefront_id: UUID) -> ShownProduct | None:
        # Entities, not tables: the tenant criteria apply to the joined listing and category.
        statement = (
            select(Product, ProductListing, Category)
            .outerjoin(
                ProductListing,
                (L.c.product_id == P.c.id) & (L.c.storefront_id == storefront_id),
            )
            .outerjoin(Category, tables.categories.c.id == P.c.category_id)
            .where(P.c.slug == slug)
        )
        row = (await self.session.execute(statement)).one_or_none()
        return None if row is None else ShownProduct(*row)

    async def slugs_taken(self, slugs: set[str]) -> set[str]:
        if not slugs:
            return set()
        statement = select(Product).where(P.c.slug.in_(slugs))
        return {p.slug for p in (await self.session.execute(statement)).scalars()}

    async def use_type(self, product_type_id: UUID) -> bool:
        return await product_type_in_use(self.session, product_type_id)

    async def uncategorise(self, category_id: UUID, now: datetime) -> None:
        await self.session.execute(
            update(Product)
            .where(P.c.category_id == category_id)
            .values(category_id=None, updated_at=now)
            .execution_options(synchronize_session=False)
        )

    async def listing(
        self, query: ProductQuery, request: PageRequest, *, with_categories: bool = False
    ) -> ProductPage:
        return await listing_page(self.session, query, request, with_categories)

    async def facets(self, query: ProductQuery) -> FacetCounts:
        return await facet_counts(self.session, query)


class VariantRepository(SqlRepository[ProductVariant]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, ProductVariant)

    async def by_sku(self, sku: str) -> ProductVariant | None:
        statement = select(ProductVariant).where(tables.product_variants.c.sku == sku)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def of_product(self, product_id: UUID) -> list[ProductVariant]:
        statement = select(ProductVariant).where(
            PV.c.product_id == product_id, PV.c.archived_at.is_(None)
        )
        return list((await self.session.execute(statement.order_by(PV.c.id))).scalars())

    async def skus_taken(self, skus: set[str]) -> set[str]:
        taken: set[str] = set()
        ordered = sorted(skus)
        for start in range(0, len(ordered), 500):  # bounded IN lists
            statement = select(ProductVariant).where(PV.c.sku.in_(ordered[start : start + 500]))
            taken |= {v.sku for v in (await self.session.execute(statement)).scalars()}
        return taken

    async def with_attribute_key(self, product_id: UUID, key: str) -> ProductVariant | None:
        statement = select(ProductVariant).where(
            PV.c.product_id == product_id, PV.c.attribute_key == key
        )
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
