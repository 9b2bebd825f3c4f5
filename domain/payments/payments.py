"""Payment records: what each payment asked for, what was captured and refunded, and its history.

Invariants, checked on every change: captured never exceeds the amount, refunded never exceeds
what was captured. Each change appends a `PaymentEvent` (the payment's history).
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from domain.entities import TenantOwned
from domain.errors import ErrorCode, UserError
from domain.ids import new_id
from domain.money import Money
from domain.payments.gateways import GatewayResult, GatewayStatus

GIFT_CARD = "gift_card"


class PaymentState(StrEnum):
    PENDING = "PENDING"
    AUTHORIZED = "AUTHORIZED"
    CAPTURED = "CAPTURED"
    PARTIALLY_REFUNDED = "PARTIALLY_REFUNDED"
    REFUNDED = "REFUNDED"
    VOIDED = "VOIDED"
    DECLINED = "DECLINED"


@dataclass(eq=False)
class Payment(TenantOwned):
    id: UUID
    merchant_id: UUID
    order_id: UUID
    gateway: str
    state: str
    currency: str
    amount: int
    captured_amount: int
    refunded_amount: int
    reference: str
    created_at: datetime
    updated_at: datetime
    gift_card_id: UUID | None = None

    @property
    def money(self) -> Money:
        return Money(self.amount, self.currency)


@dataclass(eq=False)
class PaymentEvent(TenantOwned):
    id: UUID
    merchant_id: UUID
    payment_id: UUID
    kind: str  # AUTHORIZE, CAPTURE, CONFIRM, VOID, REFUND, DECLINE
    amount: int
    success: bool
    reference: str
    message: str
    at: datetime


_STATE_OF = {
    GatewayStatus.CAPTURED: PaymentState.CAPTURED,
    GatewayStatus.AUTHORIZED: PaymentState.AUTHORIZED,
    GatewayStatus.PENDING: PaymentState.PENDING,
    GatewayStatus.DECLINED: PaymentState.DECLINED,
    GatewayStatus.VOIDED: PaymentState.VOIDED,
    GatewayStatus.REFUNDED: PaymentState.REFUNDED,
}


def new_payment(
    merchant_id: UUID,
    order_id: UUID,
    gateway: str,
    amount: Money,
    result: GatewayResult,
    now: datetime,
    *,
    gift_card_id: UUID | None = None,
) -> tuple[Payment, PaymentEvent]:
    """The record of a first gateway answer, with its history's first entry."""
    captured = amount.amount if result.status == GatewayStatus.CAPTURED else 0
    payment = Payment(
        new_id(),
        merchant_id,
        order_id,
        gateway,
        _STATE_OF[result.status].value,
        amount.currency,
        amount.amount,
        captured,
        0,
        result.reference,
        now,
        now,
        gift_card_id,
    )
    kind = "DECLINE" if result.status == GatewayStatus.DECLINED else "AUTHORIZE"
    event = _event(
        payment, kind, amount.amount, result.status != GatewayStatus.DECLINED, result, now
    )
    return payment, event


def _event(
    payment: Payment, kind: str, amount: int, success: bool, result: GatewayResult, now: datetime
) -> PaymentEvent:
    return PaymentEvent(
        new_id(),
        payment.merchant_id,
        payment.id,
        kind,
        amount,
        success,
        result.reference,
        result.message[:250],
        now,
    )


def confirm(payment: Payment, result: GatewayResult, now: datetime) -> PaymentEvent:
    """A pending or authorized payment is captured in full (staff confirmation, capture)."""
    if payment.state not in (PaymentState.PENDING, PaymentState.AUTHORIZED):
        raise UserError(
            f"A {payment.state.lower()} payment cannot be confirmed.",
            field="paymentId",
            code=ErrorCode.INVALID_STATE,
        )
    payment.captured_amount = payment.amount
    payment.state = PaymentState.CAPTURED.value
    payment.updated_at = now
    return _event(payment, "CONFIRM", payment.amount, True, result, now)


def record_refund(
    payment: Payment, amount: Money, result: GatewayResult, now: datetime
) -> PaymentEvent:
    """Money returned to the payer: never more than was captured and not yet refunded."""
    if amount.currency != payment.currency or amount.amount <= 0:
        raise UserError("Refund a positive amount in the payment's currency.", field="amount")
    if payment.refunded_amount + amount.amount > payment.captured_amount:
        raise UserError(
            "That is more than was captured and not yet refunded.",
            field="amount",
            code=ErrorCode.INVALID_STATE,
        )
    payment.refunded_amount += amount.amount
    payment.state = (
        PaymentState.REFUNDED
        if payment.refunded_amount == payment.captured_amount
        else PaymentState.PARTIALLY_REFUNDED
    ).value
    payment.updated_at = now
    return _event(payment, "REFUND", amount.amount, True, result, now)


def void(payment: Payment, result: GatewayResult, now: datetime) -> PaymentEvent:
    """Release an uncaptured payment (an order cancelled before it was paid)."""
    if payment.state not in (PaymentState.PENDING, PaymentState.AUTHORIZED):
        raise UserError("Only an uncaptured payment can be voided.", code=ErrorCode.INVALID_STATE)
    payment.state = PaymentState.VOIDED.value
    payment.updated_at = now
    return _event(payment, "VOID", payment.amount, True, result, now)
