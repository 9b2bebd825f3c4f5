"""Cancelling orders whose payment lapsed, and giving their stock back.

Each order is taken by one conditional UPDATE (UNPAID and past `expires_at` → CANCELLED), so
however many workers run this at once, an order is cancelled, and its stock released, once.
Its open payments are voided (the built-in gateways that can lapse hold no money to release).
"""

from datetime import datetime

from domain.events import EventType, new_event, ref
from domain.payments.gateways import GatewayResult, GatewayStatus
from domain.payments.payments import PaymentState, void
from domain.unit_of_work import UnitOfWork

BATCH = 100
OPEN_STATES = (PaymentState.PENDING.value, PaymentState.AUTHORIZED.value)


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
        for payment in await uow.payments.of_order(order.id):
            if payment.state in OPEN_STATES:
                lapsed_note = GatewayResult(
                    GatewayStatus.VOIDED, payment.reference, "Order cancelled."
                )
                uow.add_all([void(payment, lapsed_note, now)])
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
