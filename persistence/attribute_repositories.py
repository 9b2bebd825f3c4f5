"""Attributes, product types and the values products and variants hold."""

from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import delete, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.catalog.attribute_values import AttributeValue
from domain.catalog.attributes import Attribute
from domain.catalog.product_types import ProductType
from domain.catalog.products import Product
from domain.catalog.variants import ProductVariant
from persistence import tables
from persistence.repositories import SqlRepository

V = tables.attribute_values


class AttributeRepository(SqlRepository[Attribute]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, Attribute)

    async def by_slug(self, slug: str) -> Attribute | None:
        statement = select(Attribute).where(tables.attributes.c.slug == slug)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def delete(self, attribute: Attribute) -> None:
        await self.session.execute(delete(AttributeValue).where(V.c.attribute_id == attribute.id))
        await self.session.delete(attribute)


class ProductTypeRepository(SqlRepository[ProductType]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, ProductType)

    async def by_slug(self, slug: str) -> ProductType | None:
        statement = select(ProductType).where(tables.product_types.c.slug == slug)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def all(self) -> list[ProductType]:
        return list((await self.session.execute(select(ProductType))).scalars())

    async def delete(self, product_type: ProductType) -> None:
        await self.session.delete(product_type)


class AttributeValueRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def of_variant(self, variant_id: UUID) -> list[AttributeValue]:
        statement = select(AttributeValue).where(V.c.variant_id == variant_id).order_by(V.c.id)
        return list((await self.session.execute(statement)).scalars())

    async def replace(
        self,
        product_id: UUID,
        variant_id: UUID | None,
        attribute_ids: Sequence[UUID],
        values: Sequence[AttributeValue],
    ) -> None:
        # The owner may be new in this session: write it first, its values point at it.
        await self.session.flush()
        owner = V.c.variant_id == variant_id if variant_id else V.c.variant_id.is_(None)
        await self.session.execute(
            delete(AttributeValue)
            .where(V.c.product_id == product_id, owner, V.c.attribute_id.in_(set(attribute_ids)))
            .execution_options(synchronize_session=False)
        )
        self.session.add_all(values)

    async def delete_choices(self, attribute_id: UUID, choice_ids: set[UUID]) -> None:
        await self.session.execute(
            delete(AttributeValue)
            .where(V.c.attribute_id == attribute_id, V.c.choice_id.in_(choice_ids))
            .execution_options(synchronize_session=False)
        )

    async def variants_use_choices(self, attribute_id: UUID, choice_ids: set[UUID]) -> bool:
        variants = tables.product_variants.c
        statement = select(
            exists(
                select(ProductVariant)
                .join(AttributeValue, V.c.variant_id == variants.id)
                .where(V.c.attribute_id == attribute_id, V.c.choice_id.in_(choice_ids))
                .where(variants.archived_at.is_(None))
            )
        )
        return bool((await self.session.execute(statement)).scalar())

    async def delete_for_type(self, product_type_id: UUID, attribute_ids: Sequence[UUID]) -> None:
        of_type = select(tables.products.c.id).where(
            tables.products.c.product_type_id == product_type_id
        )
        await self.session.execute(
            delete(AttributeValue)
            .where(V.c.product_id.in_(of_type), V.c.variant_id.is_(None))
            .where(V.c.attribute_id.in_(set(attribute_ids)))
            .execution_options(synchronize_session=False)
        )


async def product_type_in_use(session: AsyncSession, product_type_id: UUID) -> bool:
    statement = select(
        exists(select(Product).where(tables.products.c.product_type_id == product_type_id))
    )
    return bool((await session.execute(statement)).scalar())
