"""Fulfillments: creating, picking, packing, cancelling, shipping, delivering them and
changing their tracking; reading their lines."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from domain.ids import encode_global_id
from domain.orders.fulfillments import (
    Fulfillment,
    FulfillmentRequest,
    Tracking,
    advance_fulfillment,
    cancel_fulfillment,
    create_fulfillment,
    deliver_fulfillment,
    ship_fulfillment,
    update_tracking,
)
from domain.orders.lifecycle import Action
from domain.orders.orders import Order
from domain.orders.timeline import TimelineEntry
from domain.principals import Principal
from domain.unit_of_work import UnitOfWork
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of
from resolvers.payloads import Payload, mutate

ACTOR_TYPES = {"STAFF": "StaffUser", "API_KEY": "ApiKey", "CUSTOMER": "Customer"}


def actor_id(entry: TimelineEntry) -> str | None:
    type_name = ACTOR_TYPES.get(entry.actor_kind)
    if type_name is None or entry.actor_id is None:
        return None
    return encode_global_id(type_name, entry.actor_id)


@dataclass(frozen=True)
class FulfillmentItem:
    order_line_id: str
    sku: str
    quantity: int


async def items_of(info: AgoraInfo, fulfillment: Fulfillment) -> list[FulfillmentItem]:
    lines = await info.context.loaders.lines_of_fulfillment.load(fulfillment.id)
    order_lines = await info.context.loaders.lines_of_order.load(fulfillment.order_id)
    skus = {line.id: line.sku for line in order_lines}
    return [
        FulfillmentItem(
            encode_global_id("OrderLine", line.order_line_id),
            skus.get(line.order_line_id, ""),
            line.quantity,
        )
        for line in lines
    ]


def line_ids(lines: list[tuple[str, int]], field: str = "lines") -> list[tuple[UUID, int]]:
    return [
        (decode_id_of(line_id, "OrderLine", field=f"{field}.{i}.orderLineId"), quantity)
        for i, (line_id, quantity) in enumerate(lines)
    ]


async def fulfillment_create(
    info: AgoraInfo,
    order_id: str,
    warehouse_id: str | None,
    lines: list[tuple[str, int]],
    tracking: Tracking,
) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        request = FulfillmentRequest(
            decode_id_of(order_id, "Order", field="orderId"),
            None
            if warehouse_id is None
            else decode_id_of(warehouse_id, "Warehouse", field="warehouseId"),
            line_ids(lines),
            tracking,
        )
        async with context.work() as uow:
            fulfillment, order = await create_fulfillment(
                uow, request, context.principal, context.clock()
            )
        return {"fulfillment": fulfillment, "order": order}

    return await mutate(work)


# What every operation on one fulfillment takes: the unit of work, the fulfillment's id, who
# acts and when; it answers the fulfillment and its order as they are after.
Operation = Callable[[UnitOfWork, UUID, Principal, datetime], Awaitable[tuple[Fulfillment, Order]]]


async def _on_fulfillment(info: AgoraInfo, fulfillment_id: str, operation: Operation) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        id = decode_id_of(fulfillment_id, "Fulfillment", field="fulfillmentId")
        async with context.work() as uow:
            fulfillment, order = await operation(uow, id, context.principal, context.clock())
        return {"fulfillment": fulfillment, "order": order}

    return await mutate(work)


async def fulfillment_ship(info: AgoraInfo, fulfillment_id: str, tracking: Tracking) -> Payload:
    return await _on_fulfillment(
        info, fulfillment_id, lambda uow, id, by, at: ship_fulfillment(uow, id, tracking, by, at)
    )


async def fulfillment_deliver(info: AgoraInfo, fulfillment_id: str) -> Payload:
    return await _on_fulfillment(info, fulfillment_id, deliver_fulfillment)


async def fulfillment_tracking_update(
    info: AgoraInfo, fulfillment_id: str, tracking: Tracking
) -> Payload:
    return await _on_fulfillment(
        info, fulfillment_id, lambda uow, id, by, at: update_tracking(uow, id, tracking, by, at)
    )


async def fulfillment_step(info: AgoraInfo, fulfillment_id: str, action: Action) -> Payload:
    """Pick or pack a fulfillment (`action`)."""
    return await _on_fulfillment(
        info,
        fulfillment_id,
        lambda uow, id, by, at: advance_fulfillment(uow, id, action, by, at),
    )


async def fulfillment_cancel(info: AgoraInfo, fulfillment_id: str) -> Payload:
    return await _on_fulfillment(info, fulfillment_id, cancel_fulfillment)
