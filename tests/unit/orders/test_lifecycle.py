"""The order transition table: what each state allows, where it leads, what it announces."""

import pytest

from domain.events import EventType
from domain.orders.lifecycle import (
    TRANSITIONS,
    Action,
    Change,
    CustomerStatus,
    Facts,
    NotAllowed,
    apply,
    customer_status,
    fulfillment_status,
    payment_status,
)
from domain.orders.orders import FulfillmentStatus, OrderStatus, PaymentStatus

S, A = OrderStatus, Action
PAID = Facts(S.PAID, total=1000, units=3, captured=1000)
COD = Facts(S.UNPAID, total=1000, units=3, cash_on_delivery=True)


def test_a_paid_order_ships_partly_then_fully_then_is_delivered() -> None:
    packed = apply(PAID, Change(A.FULFILL, units=3)).facts
    assert packed.status == S.PAID
    partly = apply(packed, Change(A.SHIP, units=1))
    assert (partly.facts.status, partly.events) == (S.PARTLY_SHIPPED, (EventType.ORDER_FULFILLED,))
    shipped = apply(partly.facts, Change(A.SHIP, units=2)).facts
    assert shipped.status == S.SHIPPED
    delivered = apply(shipped, Change(A.DELIVER, units=3))
    assert delivered.facts.status == S.DELIVERED == "DELIVERED"
    assert delivered.events == (EventType.ORDER_DELIVERED,)
    assert apply(delivered.facts, Change(A.COMPLETE)).facts.status == S.COMPLETED


def test_an_unpaid_order_cannot_be_fulfilled_unless_it_is_cash_on_delivery() -> None:
    unpaid = Facts(S.UNPAID, total=1000, units=3)
    with pytest.raises(NotAllowed) as refused:
        apply(unpaid, Change(A.FULFILL, units=1))
    assert refused.value.status == S.UNPAID
    assert "UNPAID" in refused.value.message
    packed = apply(COD, Change(A.FULFILL, units=3)).facts
    shipped = apply(packed, Change(A.SHIP, units=3)).facts
    delivered = apply(shipped, Change(A.DELIVER, units=3)).facts
    assert (delivered.status, payment_status(delivered)) == (S.DELIVERED, PaymentStatus.UNPAID)
    paid = apply(delivered, Change(A.CONFIRM_PAYMENT))
    assert (paid.facts.status, paid.events) == (S.DELIVERED, (EventType.ORDER_PAID,))
    assert payment_status(paid.facts) == PaymentStatus.PAID


def test_a_held_order_takes_no_fulfillment_and_release_returns_it_where_it_was() -> None:
    held = apply(PAID, Change(A.HOLD)).facts
    assert (held.status, held.held_from) == (S.ON_HOLD, S.PAID)
    with pytest.raises(NotAllowed) as refused:
        apply(held, Change(A.FULFILL, units=1))
    assert refused.value.status == S.ON_HOLD
    assert apply(held, Change(A.RELEASE)).facts == PAID


def test_cancelling_gives_the_captured_money_back_and_is_refused_after_shipping() -> None:
    cancelled = apply(PAID, Change(A.CANCEL))
    assert cancelled.facts.status == S.CANCELLED
    assert cancelled.facts.refunded == 1000
    assert cancelled.events == (EventType.ORDER_CANCELLED,)
    shipped = apply(apply(PAID, Change(A.FULFILL, units=1)).facts, Change(A.SHIP, units=1)).facts
    with pytest.raises(NotAllowed):
        apply(shipped, Change(A.CANCEL))


def test_refunds_never_exceed_what_was_captured() -> None:
    half = apply(PAID, Change(A.REFUND, amount=400)).facts
    assert payment_status(half) == PaymentStatus.PARTIALLY_REFUNDED
    with pytest.raises(NotAllowed):
        apply(half, Change(A.REFUND, amount=601))
    full = apply(half, Change(A.REFUND, amount=600)).facts
    assert (full.status, payment_status(full)) == (S.PAID, PaymentStatus.REFUNDED)


def test_a_cancelled_order_allows_nothing_at_all() -> None:
    allowed = {action for (state, action) in TRANSITIONS if state == S.CANCELLED}
    assert allowed == set()


def test_every_state_but_cancelled_has_a_way_forward() -> None:
    stuck = {s for s in S if s != S.CANCELLED and not any(k[0] == s for k in TRANSITIONS)}
    assert stuck == set()


def test_the_buyer_sees_a_simpler_status() -> None:
    assert customer_status("UNPAID", None) == CustomerStatus.PLACED
    assert customer_status("PARTLY_SHIPPED", None) == CustomerStatus.PROCESSING
    assert customer_status("ON_HOLD", "PAID") == CustomerStatus.PROCESSING
    assert customer_status("COMPLETED", None) == CustomerStatus.DELIVERED


def test_fulfillment_status_follows_the_units() -> None:
    facts = Facts(S.PARTLY_SHIPPED, total=1, units=3, captured=1, fulfilled=3, shipped=3)
    assert fulfillment_status(facts) == FulfillmentStatus.SHIPPED
    facts = Facts(S.SHIPPED, total=1, units=3, captured=1, fulfilled=3, shipped=3, delivered=1)
    assert fulfillment_status(facts) == FulfillmentStatus.PARTLY_DELIVERED
