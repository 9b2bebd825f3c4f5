"""Collections: hand-picked, ordered sets of products ("Summer sale", "Staff picks")."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from domain.catalog.rich_text import HtmlSanitizer, plain_text
from domain.entities import TenantOwned
from domain.errors import ErrorCode, NotFound, UserError
from domain.ids import new_id
from domain.unit_of_work import UnitOfWork
from domain.validation import require_text, slugify, validate_slug

MAX_PRODUCTS_PER_CALL = 500


@dataclass(eq=False)
class Collection(TenantOwned):
    id: UUID
    merchant_id: UUID
    name: str
    slug: str
    description_html: str
    seo_title: str | None
    seo_description: str | None
    created_at: datetime
    updated_at: datetime


@dataclass(eq=False)
class CollectionProduct(TenantOwned):
    """A product's place in a collection (lower positions first)."""

    id: UUID
    merchant_id: UUID
    collection_id: UUID
    product_id: UUID
    position: int


@dataclass(frozen=True)
class CollectionInput:
    """Omitted (None) fields stay as they are on update."""

    name: str | None = None
    slug: str | None = None
    description_html: str | None = None
    seo_title: str | None = None
    seo_description: str | None = None
    sanitize: HtmlSanitizer = field(default=lambda html: html, repr=False)


async def _slug(uow: UnitOfWork, wanted: str | None, name: str, own_id: UUID) -> str:
    slug = validate_slug(wanted) if wanted else slugify(name)
    if not slug:
        raise UserError("Give a slug: none can be made from this name.", field="slug")
    taken = await uow.collections.by_slug(slug)
    if taken is not None and taken.id != own_id:
        raise UserError(
            "A collection with this slug exists.", field="slug", code=ErrorCode.DUPLICATE
        )
    return slug


async def _apply(uow: UnitOfWork, collection: Collection, command: CollectionInput) -> None:
    if command.name is not None:
        collection.name = require_text(command.name, field="name", max_length=250)
    if command.slug is not None:
        collection.slug = await _slug(uow, command.slug, collection.name, collection.id)
    if command.description_html is not None:
        html = command.sanitize(command.description_html)
        collection.description_html = html if plain_text(html) else ""
    if command.seo_title is not None:
        collection.seo_title = command.seo_title.strip()[:70] or None
    if command.seo_description is not None:
        collection.seo_description = command.seo_description.strip()[:300] or None


async def create_collection(
    uow: UnitOfWork, merchant_id: UUID, command: CollectionInput, now: datetime
) -> Collection:
    name = require_text(command.name, field="name", max_length=250)
    collection = Collection(new_id(), merchant_id, name, "", "", None, None, now, now)
    await _apply(uow, collection, command)
    if not collection.slug:
        collection.slug = await _slug(uow, None, name, collection.id)
    uow.collections.add(collection)
    await uow.commit()
    return collection


async def _existing(uow: UnitOfWork, collection_id: UUID) -> Collection:
    collection = await uow.collections.get(collection_id)
    if collection is None:
        raise NotFound("No collection with this id.")
    return collection


async def update_collection(
    uow: UnitOfWork, collection_id: UUID, command: CollectionInput, now: datetime
) -> Collection:
    collection = await _existing(uow, collection_id)
    await _apply(uow, collection, command)
    collection.updated_at = now
    await uow.commit()
    return collection


async def delete_collection(uow: UnitOfWork, collection_id: UUID) -> None:
    """Deleted outright: orders point at products, never at collections."""
    await uow.collections.delete(await _existing(uow, collection_id))
    await uow.commit()


async def _products(uow: UnitOfWork, product_ids: Sequence[UUID]) -> list[UUID]:
    if len(product_ids) > MAX_PRODUCTS_PER_CALL:
        raise UserError(f"At most {MAX_PRODUCTS_PER_CALL} products at once.", field="productIds")
    wanted = list(dict.fromkeys(product_ids))
    found = {p.id for p in await uow.products.get_many(wanted)}
    for index, product_id in enumerate(product_ids):
        if product_id not in found:
            raise UserError(
                "No product with this id.", field=f"productIds.{index}", code=ErrorCode.NOT_FOUND
            )
    return wanted


async def add_products(
    uow: UnitOfWork, collection_id: UUID, product_ids: Sequence[UUID], now: datetime
) -> Collection:
    """Append the products not yet in the collection, in the order given."""
    collection = await _existing(uow, collection_id)
    members = await uow.collections.members(collection.id)
    present = {m.product_id for m in members}
    position = max((m.position for m in members), default=-1)
    for product_id in await _products(uow, product_ids):
        if product_id not in present:
            position += 1
            uow.collections.add_member(
                CollectionProduct(
                    new_id(), collection.merchant_id, collection.id, product_id, position
                )
            )
    collection.updated_at = now
    await uow.commit()
    return collection


async def remove_products(
    uow: UnitOfWork, collection_id: UUID, product_ids: Sequence[UUID], now: datetime
) -> Collection:
    if len(product_ids) > MAX_PRODUCTS_PER_CALL:
        raise UserError(f"At most {MAX_PRODUCTS_PER_CALL} products at once.", field="productIds")
    collection = await _existing(uow, collection_id)
    await uow.collections.remove_members(collection.id, set(product_ids))
    collection.updated_at = now
    await uow.commit()
    return collection


async def set_products(
    uow: UnitOfWork, collection_id: UUID, product_ids: Sequence[UUID], now: datetime
) -> Collection:
    """Make exactly these products the collection's members, in this order."""
    collection = await _existing(uow, collection_id)
    wanted = await _products(uow, product_ids)
    await uow.collections.remove_members(collection.id, None)
    for position, product_id in enumerate(wanted):
        uow.collections.add_member(
            CollectionProduct(new_id(), collection.merchant_id, collection.id, product_id, position)
        )
    collection.updated_at = now
    await uow.commit()
    return collection
