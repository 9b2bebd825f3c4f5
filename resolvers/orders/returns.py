"""Returns: the buyer asks, staff approve or reject, then receive."""

from typing import Any

from domain.orders.buyers import Buyer, OrderTokenHolder
from domain.orders.returns import (
    Receipt,
    ReturnLineRequest,
    decide_return,
    receive_return,
    request_return,
)
from resolvers.checkout.carts import shopper_of
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of
from resolvers.payloads import Payload, mutate
from resolvers.permissions import shopper


async def order_return_request(
    info: AgoraInfo, order_id: str, lines: list[tuple[str, int, str]]
) -> Payload:
    return await _request(info, shopper(info), order_id, lines)


async def order_return_request_by_token(
    info: AgoraInfo, order_id: str, token: str, lines: list[tuple[str, int, str]]
) -> Payload:
    """A guest holding the order's token (in a storefront request), as the buyer."""
    shopper_of(info.context)
    return await _request(info, OrderTokenHolder(token), order_id, lines)


async def _request(
    info: AgoraInfo, buyer: Buyer, order_id: str, lines: list[tuple[str, int, str]]
) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        id = decode_id_of(order_id, "Order", field="orderId")
        requested = [
            ReturnLineRequest(
                decode_id_of(line_id, "OrderLine", field=f"lines.{i}.orderLineId"), quantity, reason
            )
            for i, (line_id, quantity, reason) in enumerate(lines)
        ]
        async with context.work() as uow:
            found = await request_return(uow, id, requested, buyer, context.clock())
        return {"order_return": found}

    return await mutate(work)


async def order_return_decide(info: AgoraInfo, return_id: str, approve: bool, note: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        id = decode_id_of(return_id, "OrderReturn", field="returnId")
        async with context.work() as uow:
            found = await decide_return(uow, id, approve, note, context.principal, context.clock())
        return {"order_return": found}

    return await mutate(work)


async def order_return_receive(
    info: AgoraInfo, return_id: str, restock: bool, refund: bool
) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        id = decode_id_of(return_id, "OrderReturn", field="returnId")
        receipt = Receipt(restock, refund, context.gateways)
        async with context.work() as uow:
            found = await receive_return(uow, id, receipt, context.principal, context.clock())
        return {"order_return": found}

    return await mutate(work)
