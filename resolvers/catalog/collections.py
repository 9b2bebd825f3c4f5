"""Collections: merchants curate them (MANAGE_PRODUCTS); everyone reading the catalog sees them."""

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from domain.catalog.collections import (
    Collection,
    CollectionInput,
    add_products,
    create_collection,
    delete_collection,
    remove_products,
    set_products,
    update_collection,
)
from domain.catalog.product_search import ProductFilterInput
from domain.catalog.products import Product
from resolvers.catalog import products as product_resolvers
from resolvers.catalog.visibility import require_catalog_reader
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of, encode_global_id
from resolvers.pagination import ConnectionData, PageArgs, paginate
from resolvers.payloads import Payload, mutate
from resolvers.permissions import actor


def _with_sanitizer(info: AgoraInfo, command: CollectionInput) -> CollectionInput:
    return CollectionInput(
        command.name,
        command.slug,
        command.description_html,
        command.seo_title,
        command.seo_description,
        sanitize=info.context.sanitize_html,
    )


async def collection_create(info: AgoraInfo, command: CollectionInput) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        async with context.work() as uow:
            collection = await create_collection(
                uow, actor(info).merchant_id, _with_sanitizer(info, command), context.clock()
            )
        return {"collection": collection}

    return await mutate(work)


async def collection_update(info: AgoraInfo, id: str, command: CollectionInput) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        collection_id = decode_id_of(id, "Collection")
        async with context.work() as uow:
            collection = await update_collection(
                uow, collection_id, _with_sanitizer(info, command), context.clock()
            )
        return {"collection": collection}

    return await mutate(work)


async def collection_delete(info: AgoraInfo, id: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        collection_id = decode_id_of(id, "Collection")
        async with context.work() as uow:
            await delete_collection(uow, collection_id)
        return {"deleted_id": encode_global_id("Collection", collection_id)}

    return await mutate(work)


MEMBERSHIP = {"add": add_products, "remove": remove_products, "set": set_products}


async def collection_products(
    info: AgoraInfo, how: str, id: str, product_ids: Sequence[str]
) -> Payload:
    """Add, remove or set (replace, in order) a collection's products."""
    context = info.context
    change = MEMBERSHIP[how]

    async def work() -> dict[str, Any]:
        collection_id = decode_id_of(id, "Collection")
        products: list[UUID] = [
            decode_id_of(value, "Product", field=f"productIds.{index}")
            for index, value in enumerate(product_ids)
        ]
        async with context.work() as uow:
            collection = await change(uow, collection_id, products, context.clock())
        return {"collection": collection}

    return await mutate(work)


async def collections(info: AgoraInfo, args: PageArgs) -> ConnectionData[Collection]:
    require_catalog_reader(info.context)
    return await paginate(info.context.work(), lambda uow: uow.collections, args)


async def collection_by_slug(info: AgoraInfo, slug: str) -> Collection | None:
    require_catalog_reader(info.context)
    async with info.context.work() as uow:
        return await uow.collections.by_slug(slug)


async def products_of(
    info: AgoraInfo, collection: Collection, args: PageArgs
) -> ConnectionData[Product]:
    """Its products in the collection's order, as the request's storefront lists them."""
    return await product_resolvers.products(
        info, args, ProductFilterInput(collection_id=collection.id)
    )
