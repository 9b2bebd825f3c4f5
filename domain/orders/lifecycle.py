"""The order lifecycle: one explicit transition table, pure (no I/O).

An order's `Facts` are its status and the counters that decide what may happen next (units
to ship, in fulfillments, being picked, packed, shipped, delivered, returned; gift cards
bought; money due, captured, refunded). `apply` looks up `(status, action)` in `TRANSITIONS`:
a missing entry, or a guard that says no, is a `NotAllowed` naming the current state, and
nothing changes. Otherwise the counters move, the order takes the rule's next status and the
rule's events are emitted.

A rule's next status is either fixed (ON_HOLD, CANCELLED, COMPLETED) or `PROGRESS`:
recomputed from the counters (UNPAID → PAID → ALLOCATED → PICKING → PACKED →
PARTLY_SHIPPED → SHIPPED → DELIVERED → RETURNED), so partial and full shipments share one
rule, and a released order returns where it was (nothing moves while it is held).

Deliberate cases:
- Cash on delivery orders ship (and are delivered) unpaid: the courier collects, staff confirm
  the payment afterwards. Every other order ships only once its total is captured.
- The warehouse statuses (ALLOCATED, PICKING, PACKED) describe an order nothing of which has
  shipped yet: units in fulfillments (CREATED), some being picked, all of them packed. A
  fulfillment may also ship straight from CREATED (a merchant without a picking step), never
  while it is being picked.
- `units` are the physical units that must still ship: gift cards never ship (they count as
  delivered once the order is paid, which issues them), and refunded units that had not
  shipped are taken off (a refund never takes units that are in a fulfillment: cancel it
  first). An order whose physical units are all delivered (or with none, paid gift cards
  only) is DELIVERED; once every delivered unit came back it is RETURNED.
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
    FULFILL = "FULFILL"  # units put in a fulfillment (their stock set aside for it)
    PICK = "PICK"  # a fulfillment's units are being picked
    PACK = "PACK"  # a fulfillment's picked units are packed
    UNFULFILL = "UNFULFILL"  # a fulfillment not shipped yet is cancelled
    SHIP = "SHIP"
    DELIVER = "DELIVER"
    RETURN = "RETURN"  # delivered units came back (a return received)
    HOLD = "HOLD"
    RELEASE = "RELEASE"
    CANCEL = "CANCEL"
    REFUND = "REFUND"
    COMPLETE = "COMPLETE"


class Stage(StrEnum):
    """Where the units of a fulfillment not shipped yet are."""

    CREATED = "CREATED"
    PICKING = "PICKING"
    PACKED = "PACKED"


@dataclass(frozen=True)
class Facts:
    status: OrderStatus
    total: int
    units: int  # physical units to ship (ordered, less the unshipped ones refunded)
    cash_on_delivery: bool = False
    captured: int = 0
    refunded: int = 0
    fulfilled: int = 0
    picking: int = 0  # in fulfillments being picked (not shipped)
    packed: int = 0  # in packed fulfillments (not shipped)
    shipped: int = 0
    delivered: int = 0
    returned: int = 0
    cards: int = 0  # gift cards bought (not refunded): issued, so delivered, once paid
    held_from: OrderStatus | None = None

    @property
    def paid(self) -> bool:
        return self.captured >= self.total

    @property
    def waiting(self) -> int:
        """Units in fulfillments neither picked, packed nor shipped (CREATED)."""
        return self.fulfilled - self.shipped - self.picking - self.packed

    def at(self, stage: Stage) -> int:
        return {Stage.CREATED: self.waiting, Stage.PICKING: self.picking}.get(stage, self.packed)


@dataclass(frozen=True)
class Change:
    action: Action
    units: int = 0  # FULFILL, PICK, PACK, UNFULFILL, SHIP, DELIVER, RETURN; REFUND: unshipped
    amount: int = 0  # REFUND
    stage: Stage = Stage.CREATED  # UNFULFILL, SHIP: where the fulfillment's units were
    cards: int = 0  # REFUND: gift cards withdrawn
    returned: int = 0  # REFUND with restock: delivered units taken back


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
    return None if facts.paid or facts.cash_on_delivery else "it is not paid"


def _unpaid(facts: Facts, change: Change) -> str | None:
    return None if not facts.paid else "it is paid already"


def _units_to_fulfill(facts: Facts, change: Change) -> str | None:
    ok = 0 < change.units <= facts.units - facts.fulfilled
    return None if ok else "more units than are left to fulfill"


def _units_to_pick(facts: Facts, change: Change) -> str | None:
    ok = 0 < change.units <= facts.waiting
    return None if ok else "more units than wait in fulfillments"


def _units_to_pack(facts: Facts, change: Change) -> str | None:
    ok = 0 < change.units <= facts.picking
    return None if ok else "more units than are being picked"


def _units_to_unfulfill(facts: Facts, change: Change) -> str | None:
    ok = 0 < change.units <= facts.at(change.stage)
    return None if ok else "more units than are in fulfillments not shipped"


def _units_to_ship(facts: Facts, change: Change) -> str | None:
    if change.stage == Stage.PICKING:
        return "units are being picked: pack them first"
    ok = 0 < change.units <= facts.at(change.stage)
    return None if ok else "more units than are packed"


def _units_to_deliver(facts: Facts, change: Change) -> str | None:
    ok = 0 < change.units <= facts.shipped - facts.delivered
    return None if ok else "more units than are on their way"


def _units_to_return(facts: Facts, change: Change) -> str | None:
    ok = 0 < change.units <= facts.delivered - facts.returned
    return None if ok else "more units than were delivered and not returned"


def _nothing_shipped(facts: Facts, change: Change) -> str | None:
    return None if facts.shipped == 0 else "units have shipped"


def _within_captured(facts: Facts, change: Change) -> str | None:
    ok = 0 < change.amount <= facts.captured - facts.refunded
    return None if ok else "more than was captured and not yet refunded"


def _refunded_units_not_in_fulfillments(facts: Facts, change: Change) -> str | None:
    ok = (
        0 <= change.units <= facts.units - facts.fulfilled
        and 0 <= change.cards <= facts.cards
        and 0 <= change.returned <= facts.delivered - facts.returned
    )
    return None if ok else "refunded units are in a fulfillment: cancel it first"


@dataclass(frozen=True)
class Rule:
    # A fixed next status; None: PROGRESS (recomputed from the counters); RELEASE goes back.
    next: OrderStatus | None
    guards: tuple[Guard, ...] = ()
    events: tuple[EventType, ...] = ()


PROGRESS = None
PAY = Rule(PROGRESS, (_unpaid,), (EventType.ORDER_PAID,))
FULFILL = Rule(PROGRESS, (_paid_or_cash_on_delivery, _units_to_fulfill))
PICK = Rule(PROGRESS, (_paid_or_cash_on_delivery, _units_to_pick))
PACK = Rule(PROGRESS, (_paid_or_cash_on_delivery, _units_to_pack))
UNFULFILL = Rule(PROGRESS, (_units_to_unfulfill,))
SHIP = Rule(PROGRESS, (_paid_or_cash_on_delivery, _units_to_ship), (EventType.ORDER_FULFILLED,))
DELIVER = Rule(PROGRESS, (_units_to_deliver,), (EventType.ORDER_DELIVERED,))
RETURN = Rule(PROGRESS, (_units_to_return,))
HOLD = Rule(S.ON_HOLD)
CANCEL = Rule(S.CANCELLED, (_nothing_shipped,), (EventType.ORDER_CANCELLED,))
REFUND = Rule(
    PROGRESS, (_within_captured, _refunded_units_not_in_fulfillments), (EventType.ORDER_REFUNDED,)
)
COMPLETE = Rule(S.COMPLETED, (_paid_or_cash_on_delivery,))
A = Action

# Nothing shipped yet, the warehouse at work (paid, or cash on delivery).
_WAREHOUSE: Mapping[Action, Rule] = {
    A.CONFIRM_PAYMENT: PAY,  # cash on delivery (guarded)
    A.FULFILL: FULFILL,
    A.PICK: PICK,
    A.PACK: PACK,
    A.UNFULFILL: UNFULFILL,
    A.SHIP: SHIP,
    A.HOLD: HOLD,
    A.CANCEL: CANCEL,
    A.REFUND: REFUND,
}

TRANSITIONS: Mapping[tuple[OrderStatus, Action], Rule] = {
    (S.UNPAID, A.CONFIRM_PAYMENT): PAY,
    (S.UNPAID, A.FULFILL): FULFILL,  # cash on delivery only (guarded)
    (S.UNPAID, A.SHIP): SHIP,
    (S.UNPAID, A.HOLD): HOLD,
    (S.UNPAID, A.CANCEL): CANCEL,
    (S.PAID, A.FULFILL): FULFILL,
    (S.PAID, A.HOLD): HOLD,
    (S.PAID, A.CANCEL): CANCEL,
    (S.PAID, A.REFUND): REFUND,
    **{(s, a): rule for s in (S.ALLOCATED, S.PICKING, S.PACKED) for a, rule in _WAREHOUSE.items()},
    (S.PARTLY_SHIPPED, A.CONFIRM_PAYMENT): PAY,
    (S.PARTLY_SHIPPED, A.FULFILL): FULFILL,
    (S.PARTLY_SHIPPED, A.PICK): PICK,
    (S.PARTLY_SHIPPED, A.PACK): PACK,
    (S.PARTLY_SHIPPED, A.UNFULFILL): UNFULFILL,
    (S.PARTLY_SHIPPED, A.SHIP): SHIP,
    (S.PARTLY_SHIPPED, A.DELIVER): DELIVER,
    (S.PARTLY_SHIPPED, A.RETURN): RETURN,
    (S.PARTLY_SHIPPED, A.HOLD): HOLD,
    (S.PARTLY_SHIPPED, A.REFUND): REFUND,
    (S.SHIPPED, A.CONFIRM_PAYMENT): PAY,
    (S.SHIPPED, A.DELIVER): DELIVER,
    (S.SHIPPED, A.RETURN): RETURN,
    (S.SHIPPED, A.REFUND): REFUND,
    (S.DELIVERED, A.CONFIRM_PAYMENT): PAY,
    (S.DELIVERED, A.RETURN): RETURN,
    (S.DELIVERED, A.REFUND): REFUND,
    (S.DELIVERED, A.COMPLETE): COMPLETE,
    (S.DELIVERED, A.CANCEL): CANCEL,  # gift cards only (guarded: nothing shipped)
    (S.COMPLETED, A.RETURN): RETURN,
    (S.COMPLETED, A.REFUND): REFUND,
    (S.RETURNED, A.CONFIRM_PAYMENT): PAY,
    (S.RETURNED, A.REFUND): REFUND,
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
    events = rule.events
    if change.action == A.CONFIRM_PAYMENT and status == S.DELIVERED != facts.status:
        events = (*events, EventType.ORDER_DELIVERED)  # gift cards only: delivered once paid
    return Outcome(replace(counted, status=status, held_from=None), events)


def _leaving(facts: Facts, change: Change) -> Facts:
    """The counters once `change.units` left `change.stage` (unfulfilled or shipped)."""
    if change.stage == Stage.PICKING:
        return replace(facts, picking=facts.picking - change.units)
    if change.stage == Stage.PACKED:
        return replace(facts, packed=facts.packed - change.units)
    return facts


def _count(facts: Facts, change: Change) -> Facts:
    a, units = change.action, change.units
    if a == A.CONFIRM_PAYMENT:
        return replace(facts, captured=facts.total)
    if a == A.FULFILL:
        return replace(facts, fulfilled=facts.fulfilled + units)
    if a == A.PICK:
        return replace(facts, picking=facts.picking + units)
    if a == A.PACK:
        return replace(facts, picking=facts.picking - units, packed=facts.packed + units)
    if a == A.UNFULFILL:
        return replace(_leaving(facts, change), fulfilled=facts.fulfilled - units)
    if a == A.SHIP:
        return replace(_leaving(facts, change), shipped=facts.shipped + units)
    if a == A.DELIVER:
        return replace(facts, delivered=facts.delivered + units)
    if a == A.RETURN:
        return replace(facts, returned=facts.returned + units)
    if a == A.REFUND:
        return replace(
            facts,
            refunded=facts.refunded + change.amount,
            units=facts.units - units,
            cards=facts.cards - change.cards,
            returned=facts.returned + change.returned,
        )
    if a == A.CANCEL:
        # Open fulfillments are cancelled with the order; every captured amount goes back.
        return replace(facts, fulfilled=facts.shipped, picking=0, packed=0, refunded=facts.captured)
    return facts


def _warehouse(facts: Facts) -> OrderStatus:
    """A paid (or cash on delivery) order with units in fulfillments, nothing shipped yet."""
    if facts.picking > 0:
        return S.PICKING
    if facts.packed > 0 and facts.waiting == 0:
        return S.PACKED
    return S.PICKING if facts.packed > 0 else S.ALLOCATED


def progress(facts: Facts) -> OrderStatus:
    """Where the counters put an order that is not held, cancelled or completed."""
    if facts.units > 0 and facts.delivered == facts.units:
        return S.RETURNED if facts.returned == facts.delivered else S.DELIVERED
    if facts.units == 0 and facts.cards > 0 and facts.paid:
        return S.DELIVERED  # gift cards only (or all else refunded before shipping)
    if facts.units > 0 and facts.shipped == facts.units:
        return S.SHIPPED
    if facts.shipped > 0:
        return S.PARTLY_SHIPPED
    if facts.fulfilled > 0 and (facts.paid or facts.cash_on_delivery):
        return _warehouse(facts)
    return S.PAID if facts.paid else S.UNPAID


def payment_status(facts: Facts) -> PaymentStatus:
    if facts.refunded > 0:
        full = facts.refunded >= facts.captured
        return PaymentStatus.REFUNDED if full else PaymentStatus.PARTIALLY_REFUNDED
    return PaymentStatus.PAID if facts.paid else PaymentStatus.UNPAID


def fulfillment_status(facts: Facts) -> FulfillmentStatus:
    if facts.units == 0 and facts.cards > 0 and facts.paid:
        return FulfillmentStatus.DELIVERED
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
    S.ALLOCATED: CustomerStatus.PROCESSING,
    S.PICKING: CustomerStatus.PROCESSING,
    S.PACKED: CustomerStatus.PROCESSING,
    S.PARTLY_SHIPPED: CustomerStatus.PROCESSING,
    S.SHIPPED: CustomerStatus.SHIPPED,
    S.DELIVERED: CustomerStatus.DELIVERED,
    S.COMPLETED: CustomerStatus.DELIVERED,
    S.CANCELLED: CustomerStatus.CANCELLED,
    S.RETURNED: CustomerStatus.RETURNED,
}


def customer_status(status: str, held_from: str | None) -> CustomerStatus:
    """A hold is the merchant's business: the buyer sees the order as processing."""
    if status == S.ON_HOLD:
        return CustomerStatus.PROCESSING
    return _CUSTOMER_STATUS[S(status)]
