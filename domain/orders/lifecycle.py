"""The order lifecycle: one explicit transition table, pure (no I/O).

An order's `Facts` are its status and the counters that decide what may happen next (units
ordered, in fulfillments, shipped, delivered; money due, captured, refunded). `apply` looks up
`(status, action)` in `TRANSITIONS`: a missing entry, or a guard that says no, is a
`NotAllowed` naming the current state, and nothing changes. Otherwise the counters move, the
order takes the rule's next status and the rule's events are emitted.

A rule's next status is either fixed (ON_HOLD, CANCELLED, COMPLETED) or `PROGRESS`:
recomputed from the counters (UNPAID → PAID → PARTLY_SHIPPED → SHIPPED → DELIVERED), so
partial and full shipments share one rule, and a released order returns where it was (nothing
moves while it is held).

Deliberate cases:
- Cash on delivery orders ship (and are delivered) unpaid: the courier collects, staff confirm
  the payment afterwards. Every other order ships only once its total is captured.
- A held order neither ships nor takes fulfillments; releasing it returns it where it was.
- Cancelling is refused once a unit has shipped; it gives every captured amount back.
- Refunds never exceed what was captured.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from domain.errors import ErrorCode, UserError
from domain.events import EventType
from domain.orders.orders import FulfillmentStatus, OrderStatus, PaymentStatus

S = OrderStatus


class Action(StrEnum):
    CONFIRM_PAYMENT = "CONFIRM_PAYMENT"
    FULFILL = "FULFILL"  # units put in a fulfillment (picked and packed)
    SHIP = "SHIP"
    DELIVER = "DELIVER"
    HOLD = "HOLD"
    RELEASE = "RELEASE"
    CANCEL = "CANCEL"
    REFUND = "REFUND"
    COMPLETE = "COMPLETE"


@dataclass(frozen=True)
class Facts:
    status: OrderStatus
    total: int
    units: int
    cash_on_delivery: bool = False
    captured: int = 0
    refunded: int = 0
    fulfilled: int = 0
    shipped: int = 0
    delivered: int = 0
    held_from: OrderStatus | None = None


@dataclass(frozen=True)
class Change:
    action: Action
    units: int = 0  # FULFILL, SHIP, DELIVER
    amount: int = 0  # REFUND


Guard = Callable[[Facts, Change], str | None]  # None when allowed, else why not


class NotAllowed(UserError):
    """An action the order's current state does not allow; `status` is that state."""

    def __init__(self, facts: Facts, action: Action, why: str | None = None) -> None:
        reason = f" ({why})" if why else ""
        super().__init__(
            f"The order is {facts.status.value}: {action.value} is not allowed{reason}.",
            field="orderId",
            code=ErrorCode.INVALID_STATE,
        )
        self.status = facts.status


def _paid_or_cash_on_delivery(facts: Facts, change: Change) -> str | None:
    paid = facts.captured >= facts.total
    return None if paid or facts.cash_on_delivery else "it is not paid"


def _unpaid(facts: Facts, change: Change) -> str | None:
    return None if facts.captured < facts.total else "it is paid already"


def _units_to_fulfill(facts: Facts, change: Change) -> str | None:
    ok = 0 < change.units <= facts.units - facts.fulfilled
    return None if ok else "more units than are left to fulfill"


def _units_to_ship(facts: Facts, change: Change) -> str | None:
    ok = 0 < change.units <= facts.fulfilled - facts.shipped
    return None if ok else "more units than are packed"


def _units_to_deliver(facts: Facts, change: Change) -> str | None:
    ok = 0 < change.units <= facts.shipped - facts.delivered
    return None if ok else "more units than are on their way"


def _nothing_shipped(facts: Facts, change: Change) -> str | None:
    return None if facts.shipped == 0 else "units have shipped"


def _within_captured(facts: Facts, change: Change) -> str | None:
    ok = 0 < change.amount <= facts.captured - facts.refunded
    return None if ok else "more than was captured and not yet refunded"


@dataclass(frozen=True)
class Rule:
    # A fixed next status; None: PROGRESS (recomputed from the counters); RELEASE goes back.
    next: OrderStatus | None
    guards: tuple[Guard, ...] = ()
    events: tuple[EventType, ...] = ()


PROGRESS = None
PAY = Rule(PROGRESS, (_unpaid,), (EventType.ORDER_PAID,))
FULFILL = Rule(PROGRESS, (_paid_or_cash_on_delivery, _units_to_fulfill))
SHIP = Rule(PROGRESS, (_paid_or_cash_on_delivery, _units_to_ship), (EventType.ORDER_FULFILLED,))
DELIVER = Rule(PROGRESS, (_units_to_deliver,), (EventType.ORDER_DELIVERED,))
HOLD = Rule(S.ON_HOLD)
CANCEL = Rule(S.CANCELLED, (_nothing_shipped,), (EventType.ORDER_CANCELLED,))
REFUND = Rule(PROGRESS, (_within_captured,), (EventType.ORDER_REFUNDED,))
A = Action

TRANSITIONS: Mapping[tuple[OrderStatus, Action], Rule] = {
    (S.UNPAID, A.CONFIRM_PAYMENT): PAY,
    (S.UNPAID, A.FULFILL): FULFILL,  # cash on delivery only (guarded)
    (S.UNPAID, A.SHIP): SHIP,
    (S.UNPAID, A.HOLD): HOLD,
    (S.UNPAID, A.CANCEL): CANCEL,
    (S.PAID, A.FULFILL): FULFILL,
    (S.PAID, A.SHIP): SHIP,
    (S.PAID, A.HOLD): HOLD,
    (S.PAID, A.CANCEL): CANCEL,
    (S.PAID, A.REFUND): REFUND,
    (S.PARTLY_SHIPPED, A.CONFIRM_PAYMENT): PAY,
    (S.PARTLY_SHIPPED, A.FULFILL): FULFILL,
    (S.PARTLY_SHIPPED, A.SHIP): SHIP,
    (S.PARTLY_SHIPPED, A.DELIVER): DELIVER,
    (S.PARTLY_SHIPPED, A.HOLD): HOLD,
    (S.PARTLY_SHIPPED, A.REFUND): REFUND,
    (S.SHIPPED, A.CONFIRM_PAYMENT): PAY,
    (S.SHIPPED, A.DELIVER): DELIVER,
    (S.SHIPPED, A.REFUND): REFUND,
    (S.DELIVERED, A.CONFIRM_PAYMENT): PAY,
    (S.DELIVERED, A.REFUND): REFUND,
    (S.DELIVERED, A.COMPLETE): Rule(S.COMPLETED, (_paid_or_cash_on_delivery,)),
    (S.COMPLETED, A.REFUND): REFUND,
    (S.ON_HOLD, A.RELEASE): Rule(PROGRESS),
    (S.ON_HOLD, A.CANCEL): CANCEL,
}


@dataclass(frozen=True)
class Outcome:
    facts: Facts
    events: tuple[EventType, ...]


def apply(facts: Facts, change: Change) -> Outcome:
    """The order after `change`, or NotAllowed (with the current state) when it may not."""
    rule = TRANSITIONS.get((facts.status, change.action))
    if rule is None:
        raise NotAllowed(facts, change.action)
    for guard in rule.guards:
        why = guard(facts, change)
        if why is not None:
            raise NotAllowed(facts, change.action, why)
    counted = _count(facts, change)
    if change.action == A.HOLD:
        return Outcome(replace(counted, status=S.ON_HOLD, held_from=facts.status), rule.events)
    status = rule.next if rule.next is not None else progress(counted)
    return Outcome(replace(counted, status=status, held_from=None), rule.events)


def _count(facts: Facts, change: Change) -> Facts:
    if change.action == A.CONFIRM_PAYMENT:
        return replace(facts, captured=facts.total)
    if change.action == A.FULFILL:
        return replace(facts, fulfilled=facts.fulfilled + change.units)
    if change.action == A.SHIP:
        return replace(facts, shipped=facts.shipped + change.units)
    if change.action == A.DELIVER:
        return replace(facts, delivered=facts.delivered + change.units)
    if change.action == A.REFUND:
        return replace(facts, refunded=facts.refunded + change.amount)
    if change.action == A.CANCEL:
        # Open fulfillments are cancelled with the order; every captured amount goes back.
        return replace(facts, fulfilled=facts.shipped, refunded=facts.captured)
    return facts


def progress(facts: Facts) -> OrderStatus:
    """Where the counters put an order that is not held, cancelled or completed."""
    if facts.units > 0 and facts.delivered == facts.units:
        return S.DELIVERED
    if facts.units > 0 and facts.shipped == facts.units:
        return S.SHIPPED
    if facts.shipped > 0:
        return S.PARTLY_SHIPPED
    return S.PAID if facts.captured >= facts.total else S.UNPAID


def payment_status(facts: Facts) -> PaymentStatus:
    if facts.refunded > 0:
        full = facts.refunded >= facts.captured
        return PaymentStatus.REFUNDED if full else PaymentStatus.PARTIALLY_REFUNDED
    return PaymentStatus.PAID if facts.captured >= facts.total else PaymentStatus.UNPAID


def fulfillment_status(facts: Facts) -> FulfillmentStatus:
    if facts.units > 0 and facts.delivered == facts.units:
        return FulfillmentStatus.DELIVERED
    if facts.delivered > 0:
        return FulfillmentStatus.PARTLY_DELIVERED
    if facts.units > 0 and facts.shipped == facts.units:
        return FulfillmentStatus.SHIPPED
    if facts.shipped > 0:
        return FulfillmentStatus.PARTLY_SHIPPED
    return FulfillmentStatus.UNFULFILLED


class CustomerStatus(StrEnum):
    """What the buyer is shown: simpler than the states the merchant works with."""

    PLACED = "PLACED"
    PAID = "PAID"
    PROCESSING = "PROCESSING"
    SHIPPED = "SHIPPED"
    DELIVERED = "DELIVERED"
    CANCELLED = "CANCELLED"
    RETURNED = "RETURNED"


_CUSTOMER_STATUS = {
    S.UNPAID: CustomerStatus.PLACED,
    S.PAID: CustomerStatus.PAID,
    S.PARTLY_SHIPPED: CustomerStatus.PROCESSING,
    S.SHIPPED: CustomerStatus.SHIPPED,
    S.DELIVERED: CustomerStatus.DELIVERED,
    S.COMPLETED: CustomerStatus.DELIVERED,
    S.CANCELLED: CustomerStatus.CANCELLED,
}


def customer_status(status: str, held_from: str | None) -> CustomerStatus:
    """A hold is the merchant's business: the buyer sees the order as processing."""
    if status == S.ON_HOLD:
        return CustomerStatus.PROCESSING
    return _CUSTOMER_STATUS[S(status)]
