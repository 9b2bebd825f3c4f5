"""A merchant's promotion settings (MANAGE_DISCOUNTS): each storefront's risk policy and
whether overlapping promotions are refused (`domain/promotions/policy.py`)."""

from typing import Any

from domain.errors import NotFound
from domain.merchants import Merchant
from domain.promotions.policy import (
    PromotionConflictMode,
    RiskPolicyInput,
    set_conflict_mode,
    set_risk_policy,
)
from domain.storefronts import Storefront
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of
from resolvers.payloads import Payload, mutate
from resolvers.permissions import actor


async def risk_policy_set(info: AgoraInfo, storefront_id: str, command: RiskPolicyInput) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        id = decode_id_of(storefront_id, "Storefront", field="storefrontId")
        async with context.work() as uow:
            storefront = await set_risk_policy(uow, id, command, context.clock())
        return {"risk_policy": storefront}

    return await mutate(work)


async def risk_policy(info: AgoraInfo, storefront_id: str) -> Storefront:
    id = decode_id_of(storefront_id, "Storefront", field="storefrontId")
    async with info.context.work() as uow:
        storefront = await uow.storefronts.get(id)
    if storefront is None:
        raise NotFound("No storefront with this id.")
    return storefront


async def conflict_mode_set(info: AgoraInfo, mode: PromotionConflictMode) -> Payload:
    context = info.context
    principal = actor(info)

    async def work() -> dict[str, Any]:
        async with context.work() as uow:
            merchant = await set_conflict_mode(uow, principal.merchant_id, mode, context.clock())
        return {"mode": PromotionConflictMode(merchant.promotion_conflicts)}

    return await mutate(work)


async def conflict_mode(info: AgoraInfo) -> PromotionConflictMode:
    principal = actor(info)
    async with info.context.work() as uow:
        merchant: Merchant | None = await uow.merchants.get(principal.merchant_id)
    return PromotionConflictMode(
        merchant.promotion_conflicts if merchant else PromotionConflictMode.WARN
    )
