"""Membership tiers (MANAGE_CUSTOMERS)."""

from typing import Any

from domain.customers.tiers import CustomerTier, TierInput, create_tier, delete_tier, update_tier
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of, encode_global_id
from resolvers.pagination import ConnectionData, PageArgs, paginate
from resolvers.payloads import Payload, mutate
from resolvers.permissions import actor


async def tier_create(info: AgoraInfo, command: TierInput) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        async with context.work() as uow:
            tier = await create_tier(uow, actor(info).merchant_id, command, context.clock())
        return {"tier": tier}

    return await mutate(work)


async def tier_update(info: AgoraInfo, id: str, command: TierInput) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        tier_id = decode_id_of(id, "CustomerTier")
        async with context.work() as uow:
            tier = await update_tier(uow, tier_id, command, context.clock())
        return {"tier": tier}

    return await mutate(work)


async def tier_delete(info: AgoraInfo, id: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        tier_id = decode_id_of(id, "CustomerTier")
        async with context.work() as uow:
            await delete_tier(uow, tier_id, context.clock())
        return {"deleted_id": encode_global_id("CustomerTier", tier_id)}

    return await mutate(work)


async def tiers(info: AgoraInfo, args: PageArgs) -> ConnectionData[CustomerTier]:
    return await paginate(info.context.work(), lambda uow: uow.customer_tiers, args)
