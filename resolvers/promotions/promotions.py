"""Promotions (MANAGE_DISCOUNTS): create, replace, archive, generate codes, list.

An action and a condition arrive as typed inputs (`definitions`), read through the JSON format
of `domain/promotions/serialization` with global IDs where the engine keeps its ids; a
userError names the typed input's path. They are shown back as that JSON.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from domain.errors import UserError
from domain.promotions.admin import (
    PromotionDraft,
    PromotionQuery,
    archive_promotion,
    create_promotion,
    generate_promotion_codes,
    update_promotion,
)
from domain.promotions.conflicts import ConflictWarning
from domain.promotions.promotion import Kind, Stacking
from domain.promotions.serialization import (
    dump_action,
    dump_condition,
    load_action,
    load_condition,
)
from domain.promotions.stored import StoredPromotion
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of, encode_global_id
from resolvers.pagination import ConnectionData, PageArgs, connection, page_request
from resolvers.payloads import Payload, mutate
from resolvers.permissions import actor
from resolvers.promotions.definitions import TypedDefinition, retyped


@dataclass(frozen=True)
class PromotionFields:
    """A definition as the API takes it (action and condition still typed inputs)."""

    name: str
    kind: Kind
    action: TypedDefinition
    condition: TypedDefinition | None
    priority: int
    stacking: Stacking
    combination_group: str | None
    currency: str | None
    starts_at: datetime | None
    ends_at: datetime | None
    usage_limit: int | None
    usage_limit_per_customer: int | None
    budget: str | None


def _take_id(type_name: str, global_id: str, field: str) -> str:
    return str(decode_id_of(global_id, type_name, field=field))


def _show_id(type_name: str, id: str, _field: str) -> str:
    return encode_global_id(type_name, UUID(id))


def _draft(fields: PromotionFields, action: Any, condition: Any) -> PromotionDraft:
    return PromotionDraft(
        name=fields.name,
        kind=fields.kind,
        action=load_action(action, _take_id),
        condition=load_condition(condition, _take_id),
        priority=fields.priority,
        stacking=fields.stacking,
        combination_group=fields.combination_group,
        currency=fields.currency,
        starts_at=fields.starts_at,
        ends_at=fields.ends_at,
        usage_limit=fields.usage_limit,
        usage_limit_per_customer=fields.usage_limit_per_customer,
        budget=fields.budget,
    )


async def _save(fields: PromotionFields, save: Callable[[PromotionDraft], Awaitable[Any]]) -> Any:
    """Read the typed definition and save it; userErrors name the typed input's path."""
    action = fields.action.to_json("action")
    condition = None if fields.condition is None else fields.condition.to_json("condition")
    try:
        return await save(_draft(fields, action, condition))
    except UserError as error:
        raise retyped(error, action, condition) from None


async def promotion_create(info: AgoraInfo, fields: PromotionFields) -> Payload:
    context = info.context
    principal = actor(info)

    async def create(draft: PromotionDraft) -> Any:
        async with context.work() as uow:
            return await create_promotion(uow, principal.merchant_id, draft, context.clock())

    async def work() -> dict[str, Any]:
        saved = await _save(fields, create)
        return {"promotion": saved.promotion, "warnings": saved.warnings}

    return await mutate(work)


async def promotion_update(info: AgoraInfo, id: str, fields: PromotionFields) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        promotion_id = decode_id_of(id, "Promotion")

        async def update(draft: PromotionDraft) -> Any:
            async with context.work() as uow:
                return await update_promotion(uow, promotion_id, draft, context.clock())

        saved = await _save(fields, update)
        return {"promotion": saved.promotion, "warnings": saved.warnings}

    return await mutate(work)


async def promotion_archive(info: AgoraInfo, id: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        promotion_id = decode_id_of(id, "Promotion")
        async with context.work() as uow:
            promotion = await archive_promotion(uow, promotion_id, context.clock())
        return {"promotion": promotion, "warnings": []}

    return await mutate(work)


async def promotion_codes_generate(
    info: AgoraInfo, promotion_id: str, count: int, prefix: str, usage_limit: int | None
) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        id = decode_id_of(promotion_id, "Promotion", field="promotionId")
        async with context.work() as uow:
            codes = await generate_promotion_codes(
                uow, id, count, prefix, usage_limit, context.clock()
            )
        return {"codes": codes}

    return await mutate(work)


async def promotions(
    info: AgoraInfo, args: PageArgs, *, kind: Kind | None, is_archived: bool | None
) -> ConnectionData[StoredPromotion]:
    request = page_request(args.first, args.after, args.last, args.before)
    async with info.context.work() as uow:
        return connection(await uow.promotions.search(PromotionQuery(kind, is_archived), request))


def action_of(promotion: StoredPromotion) -> dict[str, Any]:
    return dump_action(load_action(promotion.action), _show_id)


def condition_of(promotion: StoredPromotion) -> dict[str, Any]:
    return dump_condition(load_condition(promotion.condition), _show_id)


def warning_ids(warning: ConflictWarning) -> list[str]:
    return [encode_global_id("Promotion", UUID(id)) for id in warning.promotion_ids]


def warning_variant_id(warning: ConflictWarning) -> str | None:
    if warning.variant_id is None:
        return None
    return encode_global_id("ProductVariant", UUID(warning.variant_id))
