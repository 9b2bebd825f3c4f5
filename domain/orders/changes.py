"""Changing an order: load what its state depends on, ask the transition table, and apply the
outcome with a compare-and-set on the order's version.

Every order operation starts with `load`: it reads the order and claims it with ONE
conditional UPDATE that moves the order's version on from the one it was read at. Two staff
actions taken from the same state therefore cannot both apply: the second finds the version
moved (on PostgreSQL it waits for the first to commit) and is refused. Claiming first also
means the order row is always the first row an operation locks (no lock-order deadlocks), and
side effects that leave the database (gateway calls) run once. Then `advance` asks the
transition table (a refusal rolls everything back: nothing changes) and applies the outcome.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from domain.errors import ErrorCode, NotFound, UserError
from domain.events import new_event, ref
from domain.orders import timeline
from domain.orders.buyers import Buyer, OrderTokenHolder, check_buyer
from domain.orders.lifecycle import (
    Change,
    Facts,
    Outcome,
    Stage,
    apply,
    fulfillment_status,
    payment_status,
    progress,
)
from domain.orders.orders import Order, OrderLine, OrderStatus
from domain.payments.payments import Payment
from domain.principals import Principal
from domain.unit_of_work import UnitOfWork

CASH_ON_DELIVERY = "cash_on_delivery"


@dataclass
class OrderFile:
    """An order with what its state depends on, read in the unit of work that changes it."""

    order: Order
    lines: list[OrderLine]
    payments: list[Payment]
    # Units in fulfillments not shipped yet by stage (PICKING, PACKED), as read by `load`.
    staged: dict[Stage, int] = field(default_factory=dict)

    def line(self, line_id: UUID, field: str) -> OrderLine:
        found = next((line for line in self.lines if line.id == line_id), None)
        if found is None:
            raise UserError("This line is not one of the order's.", field=field)
        return found


async def claim(uow: UnitOfWork, order: Order, field: str) -> None:
    """Claim the order for this unit of work: one conditional UPDATE of its version, refused
    (a userError on `field`) when another change got there first."""
    if not await uow.orders.claim_version(order.id, order.version):
        raise UserError(
            "The order changed meanwhile: read it again and retry.",
            field=field,
            code=ErrorCode.INVALID_STATE,
        )
    order.version += 1


async def load(uow: UnitOfWork, order_id: UUID, buyer: Buyer | None = None) -> OrderFile:
    """The order, claimed for this unit of work (see above), with its lines and payments.
    With a `buyer`, only their own order is found (checked before anything is claimed)."""
    order = await uow.orders.get(order_id)
    if buyer is not None:
        order = check_buyer(order, buyer)
    if order is None:
        raise NotFound("No order with this id.")
    await claim(uow, order, "orderId")
    lines = await uow.orders.lines_of(order_id)
    return OrderFile(order, lines, await uow.payments.of_order(order_id), await _staged(uow, order))


async def _staged(uow: UnitOfWork, order: Order) -> dict[Stage, int]:
    stages = {Stage.PICKING.value, Stage.PACKED.value}
    at = {
        f.id: Stage(f.status)
        for f in await uow.fulfillments.of_order(order.id)
        if f.status in stages
    }
    staged: dict[Stage, int] = {}
    for line in await uow.fulfillments.lines_of(list(at)):
        staged[at[line.fulfillment_id]] = staged.get(at[line.fulfillment_id], 0) + line.quantity
    return staged


def to_ship(line: OrderLine) -> int:
    """Physical units of a line that must ship: gift cards never do, and refunded units are
    taken off the ones not shipped yet."""
    return (
        0 if line.gift_card else max(line.quantity_shipped, line.quantity - line.quantity_refunded)
    )


def facts_of(file: OrderFile) -> Facts:
    order, lines, payments = file.order, file.lines, file.payments
    return Facts(
        status=OrderStatus(order.status),
        total=order.total_amount,
        units=sum(to_ship(line) for line in lines),
        cash_on_delivery=any(p.gateway == CASH_ON_DELIVERY for p in payments),
        captured=sum(p.captured_amount for p in payments),
        refunded=sum(p.refunded_amount for p in payments),
        fulfilled=sum(line.quantity_fulfilled for line in lines),
        shipped=sum(line.quantity_shipped for line in lines),
        picking=file.staged.get(Stage.PICKING, 0),
        packed=file.staged.get(Stage.PACKED, 0),
        delivered=sum(line.quantity_delivered for line in lines),
        returned=sum(line.quantity_returned for line in lines),
        cards=sum(line.quantity - line.quantity_refunded for line in lines if line.gift_card),
        held_from=None if order.held_from is None else OrderStatus(order.held_from),
    )


def settle(file: OrderFile) -> None:
    """Put an order that no transition created (checkout) where its counters say: a paid order
    of gift cards only is DELIVERED, its cards issued with the payment."""
    facts = facts_of(file)
    file.order.status = progress(facts).value
    file.order.fulfillment_status = fulfillment_status(facts).value


def order_ref(order: Order) -> dict[str, Any]:
    return {"id": ref("Order", order.id), "number": order.number, "status": order.status}


async def advance(
    uow: UnitOfWork,
    file: OrderFile,
    change: Change,
    actor: Principal | OrderTokenHolder | None,
    now: datetime,
    entry: tuple[str, dict[str, Any]],
    payload: Callable[[Order], dict[str, Any]] | None = None,
) -> Outcome:
    """Apply `change` (or raise NotAllowed, changing nothing); records the rule's events (the
    order as it is now, and what `payload` adds) and the timeline entry `(kind, data)`."""
    order = file.order
    outcome = apply(facts_of(file), change)
    facts = outcome.facts
    order.status = facts.status.value
    order.held_from = None if facts.held_from is None else facts.held_from.value
    order.payment_status = payment_status(facts).value
    order.fulfillment_status = fulfillment_status(facts).value
    order.updated_at = now
    for event_type in outcome.events:
        data = {"order": order_ref(order), **(payload(order) if payload else {})}
        uow.record(new_event(order.merchant_id, event_type, data, now))
    kind, data = entry
    await timeline.append(uow, order, kind, actor, data, at=now)
    return outcome
