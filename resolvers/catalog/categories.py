"""Categories: merchants shape the tree (MANAGE_PRODUCTS); everyone reading the catalog sees it."""

from typing import Any

from domain.catalog.categories import (
    Category,
    CategoryInput,
    ancestors,
    create_category,
    delete_category,
    update_category,
)
from resolvers.catalog.visibility import require_catalog_reader
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of, encode_global_id
from resolvers.pagination import ConnectionData, PageArgs, paginate
from resolvers.payloads import Payload, mutate
from resolvers.permissions import actor


def _parent(parent_id: str | None) -> Any:
    return None if parent_id is None else decode_id_of(parent_id, "Category", field="parentId")


async def category_create(
    info: AgoraInfo, name: str, slug: str | None, description: str | None, parent_id: str | None
) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        command = CategoryInput(name, slug, description, _parent(parent_id))
        async with context.work() as uow:
            category = await create_category(uow, actor(info).merchant_id, command, context.clock())
        return {"category": category}

    return await mutate(work)


async def category_update(
    info: AgoraInfo,
    id: str,
    name: str | None,
    slug: str | None,
    description: str | None,
    parent_id: str | None,
    move: bool,
) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        category_id = decode_id_of(id, "Category")
        command = CategoryInput(name, slug, description, _parent(parent_id), move)
        async with context.work() as uow:
            category = await update_category(uow, category_id, command, context.clock())
        context.loaders.category.prime(category.id, category, force=True)
        return {"category": category}

    return await mutate(work)


async def category_delete(info: AgoraInfo, id: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        category_id = decode_id_of(id, "Category")
        async with context.work() as uow:
            await delete_category(uow, category_id, context.clock())
        return {"deleted_id": encode_global_id("Category", category_id)}

    return await mutate(work)


async def categories(info: AgoraInfo, args: PageArgs) -> ConnectionData[Category]:
    require_catalog_reader(info.context)
    return await paginate(info.context.work(), lambda uow: uow.categories, args)


async def category_by_slug(info: AgoraInfo, slug: str) -> Category | None:
    require_catalog_reader(info.context)
    async with info.context.work() as uow:
        return await uow.categories.by_slug(slug)


async def parent(info: AgoraInfo, category: Category) -> Category | None:
    if category.parent_id is None:
        return None
    return await info.context.loaders.category.load(category.parent_id)


async def children(info: AgoraInfo, category: Category) -> list[Category]:
    return await info.context.loaders.children_of_category.load(category.id)


async def ancestors_of(info: AgoraInfo, category: Category) -> list[Category]:
    """Walks up through the category loader: one batched read per level of depth."""
    by_id: dict[Any, Category] = {}
    current = category
    while current.parent_id is not None and current.parent_id not in by_id:
        loaded = await info.context.loaders.category.load(current.parent_id)
        if loaded is None:
            break
        by_id[loaded.id] = loaded
        current = loaded
    return ancestors(category, by_id)
