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
    Stage,
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
    assert packed.status == S.ALLOCATED
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


def test_the_warehouse_allocates_picks_and_packs_before_anything_ships() -> None:
    # given a paid order of 3 units, 2 of them put in a fulfillment
    allocated = apply(PAID, Change(A.FULFILL, units=2)).facts
    assert allocated.status == S.ALLOCATED
    # when they are picked, then packed
    picking = apply(allocated, Change(A.PICK, units=2)).facts
    packed = apply(picking, Change(A.PACK, units=2)).facts
    # then the order follows the warehouse, and ships what is packed
    assert (picking.status, packed.status) == (S.PICKING, S.PACKED)
    shipped = apply(packed, Change(A.SHIP, units=2, stage=Stage.PACKED)).facts
    assert (shipped.status, shipped.packed) == (S.PARTLY_SHIPPED, 0)
    assert customer_status("PICKING", None) == CustomerStatus.PROCESSING
    assert customer_status("ALLOCATED", None) == customer_status("PACKED", None)


def test_units_being_picked_cannot_ship_nor_be_packed_twice() -> None:
    picking = apply(apply(PAID, Change(A.FULFILL, units=2)).facts, Change(A.PICK, units=2)).facts
    with pytest.raises(NotAllowed, match="pack them first"):
        apply(picking, Change(A.SHIP, units=2, stage=Stage.PICKING))
    with pytest.raises(NotAllowed):
        apply(picking, Change(A.PACK, units=3))
    with pytest.raises(NotAllowed):  # nothing is paid: no warehouse work on an unpaid order
        apply(Facts(S.UNPAID, total=1, units=1), Change(A.PICK, units=1))


def test_a_fulfillment_not_shipped_can_be_cancelled_and_the_order_steps_back() -> None:
    packed = apply(
        apply(apply(PAID, Change(A.FULFILL, units=2)).facts, Change(A.PICK, units=2)).facts,
        Change(A.PACK, units=2),
    ).facts
    back = apply(packed, Change(A.UNFULFILL, units=2, stage=Stage.PACKED)).facts
    assert (back.status, back.fulfilled, back.packed) == (S.PAID, 0, 0)
    with pytest.raises(NotAllowed):
        apply(back, Change(A.UNFULFILL, units=1))


def test_refunding_units_not_shipped_takes_them_off_what_must_ship() -> None:
    # given 3 units, 2 shipped
    shipped = apply(apply(PAID, Change(A.FULFILL, units=2)).facts, Change(A.SHIP, units=2)).facts
    assert shipped.status == S.PARTLY_SHIPPED
    # when the third is refunded
    refunded = apply(shipped, Change(A.REFUND, amount=300, units=1)).facts
    # then the order is shipped: nothing is left to ship
    assert (refunded.status, refunded.units) == (S.SHIPPED, 2)
    assert fulfillment_status(refunded) == FulfillmentStatus.SHIPPED


def test_a_refund_never_takes_units_that_are_in_a_fulfillment() -> None:
    allocated = apply(PAID, Change(A.FULFILL, units=3)).facts
    with pytest.raises(NotAllowed, match="cancel it first"):
        apply(allocated, Change(A.REFUND, amount=300, units=1))


def test_gift_cards_count_as_delivered_once_paid() -> None:
    cards_only = Facts(S.UNPAID, total=5000, units=0, cards=2)
    paid = apply(cards_only, Change(A.CONFIRM_PAYMENT)).facts
    assert (paid.status, fulfillment_status(paid)) == (S.DELIVERED, FulfillmentStatus.DELIVERED)
    # withdrawn (refunded) cards are no longer delivered; cancelling is still possible
    assert apply(paid, Change(A.CANCEL)).facts.status == S.CANCELLED
    mixed = apply(Facts(S.UNPAID, total=6000, units=1, cards=2), Change(A.CONFIRM_PAYMENT)).facts
    assert mixed.status == S.PAID  # its physical unit must still ship


def test_an_order_whose_delivered_units_all_came_back_is_returned() -> None:
    delivered = Facts(S.DELIVERED, total=1000, units=3, captured=1000,
                      fulfilled=3, shipped=3, delivered=3)  # fmt: skip
    partly = apply(delivered, Change(A.RETURN, units=2)).facts
    assert partly.status == S.DELIVERED
    returned = apply(partly, Change(A.RETURN, units=1)).facts
    assert returned.status == S.RETURNED
    assert customer_status("RETURNED", None) == CustomerStatus.RETURNED
    with pytest.raises(NotAllowed):
        apply(returned, Change(A.RETURN, units=1))
    assert apply(returned, Change(A.REFUND, amount=1000)).facts.status == S.RETURNED
