"""Giving an order's money back through the gateways that took it.

Open (uncaptured) payments are voided; captured ones are refunded through their gateway, what
gift cards paid goes back on the cards. Amounts are taken from gateway payments first, then
gift cards. Each gateway call carries an idempotency key derived from the operation, so a
retried call never moves money twice.
"""

from datetime import datetime

from domain.errors import ErrorCode, UserError
from domain.money import Money
from domain.payments.gateways import GatewayResult, Gateways, GatewayStatus, PaymentGateway
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

OPEN = (PaymentState.PENDING.value, PaymentState.AUTHORIZED.value)


def _gateway(gateways: Gateways, payment: Payment) -> PaymentGateway:
    gateway = gateways.get(payment.gateway)
    if gateway is None:
        raise UserError(f"The payment gateway {payment.gateway} is not available.")
    return gateway


async def void_open(
    payments: list[Payment], gateways: Gateways, key: str, now: datetime
) -> list[PaymentEvent]:
    events = []
    for payment in payments:
        if payment.state in OPEN:
            result = await _gateway(gateways, payment).void(
                payment.reference, f"{key}:{payment.id}"
            )
            events.append(void(payment, result, now))
    return events


async def refund(
    uow: UnitOfWork,
    payments: list[Payment],
    amount: int,
    gateways: Gateways,
    key: str,
    now: datetime,
) -> list[PaymentEvent]:
    """Refund `amount` over the captured payments (the caller checked it is refundable)."""
    left, events = amount, []
    for payment in sorted(payments, key=lambda p: p.gateway == GIFT_CARD):
        take = min(left, payment.captured_amount - payment.refunded_amount)
        if take <= 0:
            continue
        money = Money(take, payment.currency)
        if payment.gateway == GIFT_CARD:
            assert payment.gift_card_id is not None
            entry = await credit(uow, payment.gift_card_id, money, payment.order_id, now, "Refund")
            result = GatewayResult(GatewayStatus.REFUNDED, f"gift_card:{entry.id}")
        else:
            gateway = _gateway(gateways, payment)
            result = await gateway.refund(payment.reference, money, f"{key}:{payment.id}")
            if result.status != GatewayStatus.REFUNDED:
                raise UserError(
                    result.message or "The payment gateway refused the refund.",
                    code=ErrorCode.PAYMENT_DECLINED,
                )
        events.append(record_refund(payment, money, result, now))
        left -= take
    assert left == 0, "refund exceeds what was captured"
    return events
