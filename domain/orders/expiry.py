"""Cancelling orders whose payment lapsed, and giving their stock back.

Each order is taken by one conditional UPDATE (UNPAID and past `expires_at` → CANCELLED), so
however many workers run this at once, an order is cancelled, and its stock released, once.
Its promotions' uses (and budget) are given back, its open payments are voided (the built-in
gateways that can lapse hold no money to release) and what gift cards paid towards it goes back
on the cards.
"""

from datetime import datetime

from domain.events import EventType, new_event, ref
from domain.money import Money
from domain.orders import timeline
from domain.payments.gateways import GatewayResult, GatewayStatus
from domain.payments.gift_cards import credit
from domain.payments.payments import (
    GIFT_CARD,
    Payment,
    PaymentEvent,
    PaymentState,
    record_refund,
    void,
)
from domain.unit_of_work import UnitOfWork

BATCH = 100
OPEN_STATES = (PaymentState.PENDING.value, PaymentState.AUTHORIZED.value)


def _open_or_gift(payment: Payment) -> bool:
    return payment.state in OPEN_STATES or (
        payment.gateway == GIFT_CARD and payment.captured_amount > payment.refunded_amount
    )


async def _give_back(uow: UnitOfWork, payment: Payment, now: datetime) -> PaymentEvent:
    """Void a payment still open; put what a gift card paid back on the card."""
    if payment.state in OPEN_STATES:
        return void(payment, GatewayResult(GatewayStatus.VOIDED, payment.reference), now)
    assert payment.gift_card_id is not None
    left = Money(payment.captured_amount - payment.refunded_amount, payment.currency)
    entry = await credit(uow, payment.gift_card_id, left, payment.order_id, now, "Order cancelled")
    return record_refund(
        payment, left, GatewayResult(GatewayStatus.REFUNDED, f"gift_card:{entry.id}"), now
    )


async def cancel_lapsed_orders(uow: UnitOfWork, now: datetime, limit: int = BATCH) -> int:
    """Run in a platform unit of work (orders of every merchant); returns how many it took."""
    lapsed = await uow.orders.claim_lapsed(now, limit)
    for order in lapsed:
        if order.stock_reserved:
            for allocation in await uow.orders.allocations_of(order.id):
                if allocation.tracked and allocation.warehouse_id is not None:
                    await uow.stocks.release(
                        allocation.variant_id, allocation.warehouse_id, allocation.quantity, now
                    )
            order.stock_reserved = False
        # Promotion uses come back (counters locked after stock, before gift cards: the
        # checkout's order).
        await uow.promotions.give_back(order.id, now)
        for payment in await uow.payments.of_order(order.id):
            if _open_or_gift(payment):
                uow.add_all([await _give_back(uow, payment, now)])
        await timeline.append(uow, order, "cancelled", None, {"reason": "payment_lapsed"}, at=now)
        uow.record(
            new_event(
                order.merchant_id,
                EventType.ORDER_CANCELLED,
                {
                    "order": {
                        "id": ref("Order", order.id),
                        "number": order.number,
                        "status": "CANCELLED",
                    },
                    "reason": "payment_lapsed",
                },
                now,
            )
        )
    await uow.commit()
    return len(lapsed)
