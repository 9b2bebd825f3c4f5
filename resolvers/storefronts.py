"""Storefronts (MANAGE_STOREFRONTS) and the visitor's own storefront."""

from typing import Any

from domain.storefronts import (
    Storefront,
    StorefrontInput,
    create_storefront,
    rotate_storefront_token,
    update_storefront,
)
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of
from resolvers.pagination import ConnectionData, PageArgs, paginate
from resolvers.payloads import Payload, mutate
from resolvers.permissions import actor


async def storefront_create(info: AgoraInfo, command: StorefrontInput) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        async with context.work() as uow:
            storefront = await create_storefront(
                uow, actor(info).merchant_id, command, context.clock()
            )
        return {"storefront": storefront}

    return await mutate(work)


async def storefront_update(info: AgoraInfo, id: str, command: StorefrontInput) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        storefront_id = decode_id_of(id, "Storefront")
        async with context.work() as uow:
            storefront = await update_storefront(uow, storefront_id, command, context.clock())
        context.loaders.storefront.prime(storefront_id, storefront, force=True)
        return {"storefront": storefront}

    return await mutate(work)


async def storefront_token_rotate(info: AgoraInfo, id: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        storefront_id = decode_id_of(id, "Storefront")
        async with context.work() as uow:
            storefront = await rotate_storefront_token(uow, storefront_id, context.clock())
        context.loaders.storefront.prime(storefront_id, storefront, force=True)
        return {"storefront": storefront}

    return await mutate(work)


async def storefronts(info: AgoraInfo, args: PageArgs) -> ConnectionData[Storefront]:
    return await paginate(info.context.work(), lambda uow: uow.storefronts, args)


def current_storefront(info: AgoraInfo) -> Storefront | None:
    """The storefront whose public token the request carries."""
    return info.context.storefront
