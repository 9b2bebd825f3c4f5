"""Merchants: platform admins create and suspend them; members read their own."""

from typing import Any

from domain.merchants import (
    CreateMerchant,
    Merchant,
    MerchantStatus,
    create_merchant,
    set_merchant_status,
)
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of
from resolvers.pagination import ConnectionData, PageArgs, paginate
from resolvers.payloads import Payload, mutate
from resolvers.permissions import actor


async def merchant_create(
    info: AgoraInfo,
    name: str,
    slug: str | None,
    owner_email: str,
    owner_name: str | None,
    owner_password: str,
) -> Payload:
    context = info.context
    command = CreateMerchant(name, slug, owner_email, owner_name, owner_password)

    async def work() -> dict[str, Any]:
        async with context.platform_work() as uow:
            merchant, owner = await create_merchant(uow, command, context.hasher, context.clock())
        return {"merchant": merchant, "owner": owner}

    return await mutate(work)


async def merchant_set_status(info: AgoraInfo, id: str, status: MerchantStatus) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        merchant_id = decode_id_of(id, "Merchant")
        async with context.platform_work() as uow:
            merchant = await set_merchant_status(uow, merchant_id, status, context.clock())
        return {"merchant": merchant}

    return await mutate(work)


async def current_merchant(info: AgoraInfo) -> Merchant | None:
    return await info.context.loaders.merchant.load(actor(info).merchant_id)


async def merchants(info: AgoraInfo, args: PageArgs) -> ConnectionData[Merchant]:
    return await paginate(info.context.platform_work(), lambda uow: uow.merchants, args)
