"""Cancelling an order before anything shipped: by staff, or by the buyer while the merchant
allows it and nothing is fulfilled yet.

The order's reserved stock is released exactly (its allocations, if it had reserved them),
open fulfillments are cancelled, promotion uses are given back, open payments are voided and
captured ones refunded through their gateways (gift card money goes back on the cards).
"""

from datetime import datetime
from uuid import UUID

from domain.errors import ErrorCode, UserError
from domain.orders.buyers import OrderTokenHolder
from domain.orders.changes import OrderFile, advance, load
from domain.orders.fulfillments import FulfillmentState
from domain.orders.lifecycle import Action, Change
from domain.orders.money_back import refund, void_open
from domain.orders.orders import Order
from domain.orders.spending import count_cancellation
from domain.payments.gateways import Gateways
from domain.payments.gift_card_sales import withdraw_sold_cards
from domain.principals import CustomerPrincipal, Principal
from domain.unit_of_work import UnitOfWork


async def _check_buyer_may_cancel(uow: UnitOfWork, file: OrderFile) -> None:
    merchant = await uow.merchants.get(file.order.merchant_id)
    assert merchant is not None
    if not merchant.customer_cancel_allowed:
        raise UserError(
            "This shop does not let orders be cancelled online: contact it instead.",
            field="orderId",
            code=ErrorCode.NOT_AVAILABLE,
        )
    if any(line.quantity_fulfilled for line in file.lines):
        raise UserError(
            "The order is being prepared and can no longer be cancelled.",
            field="orderId",
            code=ErrorCode.INVALID_STATE,
        )


async def _release_stock(uow: UnitOfWork, order: Order, now: datetime) -> None:
    if not order.stock_reserved:
        return
    for allocation in await uow.orders.allocations_of(order.id):
        if allocation.tracked and allocation.warehouse_id is not None:
            await uow.stocks.release(
                allocation.variant_id, allocation.warehouse_id, allocation.quantity, now
            )
    order.stock_reserved = False


async def _cancel_fulfillments(uow: UnitOfWork, file: OrderFile, now: datetime) -> None:
    for fulfillment in await uow.fulfillments.of_order(file.order.id):
        if fulfillment.status == FulfillmentState.CREATED:
            fulfillment.status, fulfillment.updated_at = FulfillmentState.CANCELLED.value, now
    for line in file.lines:
        line.quantity_fulfilled = line.quantity_shipped


async def cancel_order(
    uow: UnitOfWork,
    order_id: UUID,
    reason: str,
    actor: Principal | OrderTokenHolder | None,
    gateways: Gateways,
    now: datetime,
) -> Order:
    """Staff cancel any order; a buyer (the signed-in customer, or the guest holding the
    order's token) only their own, while the merchant allows it and nothing is fulfilled."""
    buyer = actor if isinstance(actor, CustomerPrincipal | OrderTokenHolder) else None
    file = await load(uow, order_id, buyer)
    order = file.order
    if buyer is not None:
        await _check_buyer_may_cancel(uow, file)
    reason = reason.strip()[:500]
    await withdraw_sold_cards(uow, order, file.lines, now)
    captured = sum(p.captured_amount - p.refunded_amount for p in file.payments)
    await advance(
        uow, file, Change(Action.CANCEL), actor, now, ("cancelled", {"reason": reason}),
        lambda _order: {"reason": reason or "cancelled"},
    )  # fmt: skip
    await _cancel_fulfillments(uow, file, now)
    await _release_stock(uow, order, now)
    await uow.promotions.give_back(order.id, now)
    key = f"cancel:{order.id}"
    events = await void_open(file.payments, gateways, key, now)
    if captured > 0:
        events += await refund(uow, file.payments, captured, gateways, key, now)
    uow.add_all(events)
    order.cancelled_at, order.expires_at = now, None
    await count_cancellation(uow, order, captured, now)
    await uow.commit()
    return order
