"""Holding, releasing, cancelling an order and adding notes to it; reading its fulfillments,
refunds and timeline."""

from typing import Any

from domain.orders.buyers import OrderTokenHolder
from domain.orders.cancellation import cancel_order
from domain.orders.fulfillments import Fulfillment
from domain.orders.holds import complete_order, hold_order, release_order
from domain.orders.notes import add_note
from domain.orders.orders import Order
from domain.orders.refunds import Refund, RefundRequest, refund_order
from domain.orders.returns import OrderReturn
from domain.orders.timeline import TimelineEntry
from domain.pagination import page_of
from resolvers.checkout.carts import shopper_of
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of
from resolvers.orders.fulfillments import line_ids
from resolvers.pagination import ConnectionData, PageArgs, connection, page_request
from resolvers.payloads import Payload, mutate


def _order_id(order_id: str) -> Any:
    return decode_id_of(order_id, "Order", field="orderId")


async def order_hold(info: AgoraInfo, order_id: str, reason: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        id = _order_id(order_id)
        async with context.work() as uow:
            return {"order": await hold_order(uow, id, reason, context.principal, context.clock())}

    return await mutate(work)


async def order_release(info: AgoraInfo, order_id: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        id = _order_id(order_id)
        async with context.work() as uow:
            return {"order": await release_order(uow, id, context.principal, context.clock())}

    return await mutate(work)


async def order_complete(info: AgoraInfo, order_id: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        id = _order_id(order_id)
        async with context.work() as uow:
            return {"order": await complete_order(uow, id, context.principal, context.clock())}

    return await mutate(work)


async def order_cancel(info: AgoraInfo, order_id: str, reason: str) -> Payload:
    """Staff, or the buyer (their own order only: another's is NOT_FOUND)."""
    context = info.context

    async def work() -> dict[str, Any]:
        id = _order_id(order_id)
        async with context.work() as uow:
            order = await cancel_order(
                uow, id, reason, context.principal, context.gateways, context.clock()
            )
        return {"order": order}

    return await mutate(work)


async def order_cancel_by_token(info: AgoraInfo, order_id: str, token: str, reason: str) -> Payload:
    """A guest holding the order's token (in a storefront request), as the buyer."""
    context = info.context
    shopper_of(context)
    guest = OrderTokenHolder(token)

    async def work() -> dict[str, Any]:
        id = _order_id(order_id)
        async with context.work() as uow:
            order = await cancel_order(uow, id, reason, guest, context.gateways, context.clock())
        return {"order": order}

    return await mutate(work)


async def order_note_add(info: AgoraInfo, order_id: str, body: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        id = _order_id(order_id)
        async with context.work() as uow:
            return {"order": await add_note(uow, id, body, context.principal, context.clock())}

    return await mutate(work)


async def order_refund(
    info: AgoraInfo,
    order_id: str,
    lines: list[tuple[str, int]],
    shipping: bool,
    amount: str,
    restock: bool,
    reason: str,
) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        request = RefundRequest(
            _order_id(order_id), line_ids(lines), shipping, amount, restock, reason
        )
        async with context.work() as uow:
            refund, order = await refund_order(
                uow, request, context.principal, context.gateways, context.clock()
            )
        return {"refund": refund, "order": order}

    return await mutate(work)


async def fulfillments_of(info: AgoraInfo, order: Order) -> list[Fulfillment]:
    return await info.context.loaders.fulfillments_of_order.load(order.id)


async def refunds_of(info: AgoraInfo, order: Order) -> list[Refund]:
    return await info.context.loaders.refunds_of_order.load(order.id)


async def returns_of(info: AgoraInfo, order: Order) -> list[OrderReturn]:
    return await info.context.loaders.returns_of_order.load(order.id)


async def timeline_of(
    info: AgoraInfo, order: Order, args: PageArgs
) -> ConnectionData[TimelineEntry]:
    """A page of the order's timeline, oldest first (the whole timeline of every order on the
    page is read in one batch; timelines are short)."""
    request = page_request(args.first, args.after, args.last, args.before)
    entries = await info.context.loaders.timeline_of_order.load(order.id)
    return connection(page_of(entries, request, lambda entry: entry.id))
