"""Returns: the buyer asks to send delivered units back (why, how many) within the merchant's
return window; staff approve or reject the request, then receive the parcel (restocking the
units or not), refunding it in the same operation or later with `orderRefund`.

A return moves REQUESTED → APPROVED → RECEIVED, or REQUESTED → REJECTED; anything else is
refused with its current state. Units asked for never exceed what was delivered, less what
came back or is already asked for in an open return. Received units are counted on their line
(`quantity_returned`, within what was delivered: a CHECK constraint holds it), through the
transition table's RETURN: once every delivered unit came back the order is RETURNED.
Refunding on receipt gives back what the returned units were paid (tax and discounts
included, their share of the line's total), never more than is captured and not refunded.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any
from uuid import UUID

from domain.entities import TenantOwned
from domain.errors import ErrorCode, NotFound, UserError
from domain.events import EventType, new_event, ref
from domain.ids import new_id
from domain.orders import timeline
from domain.orders.buyers import Buyer
from domain.orders.changes import OrderFile, advance, load, order_ref
from domain.orders.fulfillments import FulfillmentState
from domain.orders.lifecycle import Action, Change
from domain.orders.refunds import RefundRequest, give_back
from domain.payments.gateways import Gateways
from domain.principals import Principal
from domain.unit_of_work import UnitOfWork
from domain.validation import require_text


class ReturnState(StrEnum):
    REQUESTED = "REQUESTED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    RECEIVED = "RECEIVED"


class ReturnAction(StrEnum):
    APPROVE = "APPROVE"
    REJECT = "REJECT"
    RECEIVE = "RECEIVE"


R, RA = ReturnState, ReturnAction
RETURN_TRANSITIONS: Mapping[tuple[ReturnState, ReturnAction], ReturnState] = {
    (R.REQUESTED, RA.APPROVE): R.APPROVED,
    (R.REQUESTED, RA.REJECT): R.REJECTED,
    (R.APPROVED, RA.RECEIVE): R.RECEIVED,
}
OPEN = (R.REQUESTED.value, R.APPROVED.value)


@dataclass(eq=False)
class OrderReturn(TenantOwned):
    id: UUID
    merchant_id: UUID
    order_id: UUID
    customer_id: UUID | None
    status: str
    lines: list[dict[str, Any]]  # [{"orderLineId", "sku", "quantity", "reason"}]
    staff_note: str
    restocked: bool
    created_at: datetime
    updated_at: datetime
    received_at: datetime | None = None


@dataclass(frozen=True)
class ReturnLineRequest:
    order_line_id: UUID
    quantity: int
    reason: str


def next_state(current: str, action: ReturnAction) -> ReturnState:
    found = RETURN_TRANSITIONS.get((ReturnState(current), action))
    if found is None:
        raise UserError(
            f"The return is {current}: it cannot be {action.value.lower()}d.",
            field="returnId",
            code=ErrorCode.INVALID_STATE,
        )
    return found


def asked_for(returns: Sequence[OrderReturn]) -> dict[str, int]:
    """Units of each line (by id text) in open returns."""
    units: dict[str, int] = {}
    for found in returns:
        if found.status in OPEN:
            for line in found.lines:
                units[line["orderLineId"]] = units.get(line["orderLineId"], 0) + line["quantity"]
    return units


async def _check_window(uow: UnitOfWork, file: OrderFile, now: datetime) -> None:
    merchant = await uow.merchants.get(file.order.merchant_id)
    assert merchant is not None
    delivered = [
        f.delivered_at
        for f in await uow.fulfillments.of_order(file.order.id)
        if f.status == FulfillmentState.DELIVERED and f.delivered_at is not None
    ]
    if not delivered:
        raise UserError("Nothing of this order was delivered yet.", field="orderId",
                        code=ErrorCode.INVALID_STATE)  # fmt: skip
    closes = max(delivered) + timedelta(days=merchant.return_window_days)
    if now > closes:
        raise UserError(
            f"Returns closed {merchant.return_window_days} days after delivery.",
            field="orderId",
            code=ErrorCode.EXPIRED,
        )


def _lines(
    file: OrderFile, requested: Sequence[ReturnLineRequest], open_units: dict[str, int]
) -> list[dict[str, Any]]:
    if not requested:
        raise UserError("Choose the units to return.", field="lines")
    lines = []
    for index, wanted in enumerate(requested):
        line = file.line(wanted.order_line_id, f"lines.{index}.orderLineId")
        left = line.quantity_delivered - line.quantity_returned - open_units.get(str(line.id), 0)
        if not 0 < wanted.quantity <= left:
            raise UserError(
                f"{line.sku}: between 1 and {left} delivered units can be returned.",
                field=f"lines.{index}.quantity",
            )
        open_units[str(line.id)] = open_units.get(str(line.id), 0) + wanted.quantity
        reason = require_text(wanted.reason, field=f"lines.{index}.reason", max_length=500)
        lines.append({"orderLineId": str(line.id), "sku": line.sku,
                      "quantity": wanted.quantity, "reason": reason})  # fmt: skip
    return lines


async def request_return(
    uow: UnitOfWork,
    order_id: UUID,
    requested: Sequence[ReturnLineRequest],
    actor: Buyer,
    now: datetime,
) -> OrderReturn:
    """The buyer (the signed-in customer, or the guest holding the order's token) asks to
    return delivered units of their own order."""
    file = await load(uow, order_id, actor)
    order = file.order
    await _check_window(uow, file, now)
    lines = _lines(file, requested, asked_for(await uow.order_returns.of_order(order.id)))
    found = OrderReturn(new_id(), order.merchant_id, order.id, order.customer_id,
                        R.REQUESTED.value, lines, "", False, now, now)  # fmt: skip
    uow.add_all([found])
    data = {"returnId": ref("OrderReturn", found.id), "units": sum(x["quantity"] for x in lines)}
    await timeline.append(uow, order, "return_requested", actor, data, at=now)
    await uow.commit()
    return found


async def _open(
    uow: UnitOfWork, return_id: UUID, action: ReturnAction
) -> tuple[OrderReturn, OrderFile]:
    found = await uow.order_returns.get(return_id)
    if found is None:
        raise NotFound("No return with this id.")
    file = await load(uow, found.order_id)  # claims the order: concurrent decisions serialise
    found.status = next_state(found.status, action).value
    return found, file


async def decide_return(
    uow: UnitOfWork,
    return_id: UUID,
    approve: bool,
    note: str,
    actor: Principal | None,
    now: datetime,
) -> OrderReturn:
    action = ReturnAction.APPROVE if approve else ReturnAction.REJECT
    found, file = await _open(uow, return_id, action)
    found.staff_note, found.updated_at = note.strip()[:500], now
    data = {"returnId": ref("OrderReturn", found.id), "note": found.staff_note}
    kind = "return_approved" if approve else "return_rejected"
    await timeline.append(uow, file.order, kind, actor, data, at=now)
    await uow.commit()
    return found


@dataclass(frozen=True)
class Receipt:
    """How a return is received: its units back in stock or not, refunded now or not."""

    restock: bool
    refund: bool = False
    gateways: Gateways | None = None  # to refund through


async def receive_return(
    uow: UnitOfWork, return_id: UUID, receipt: Receipt, actor: Principal | None, now: datetime
) -> OrderReturn:
    found, file = await _open(uow, return_id, ReturnAction.RECEIVE)
    found.restocked, found.received_at, found.updated_at = receipt.restock, now, now
    units = sum(entry["quantity"] for entry in found.lines)
    data = {"returnId": ref("OrderReturn", found.id), "restocked": receipt.restock}
    await advance(
        uow, file, Change(Action.RETURN, units=units), actor, now, ("return_received", data)
    )
    await _take_back(uow, file, found, receipt.restock, now)
    payload = {"order": order_ref(file.order), "return": {"id": ref("OrderReturn", found.id),
               "lines": [{"sku": e["sku"], "quantity": e["quantity"]} for e in found.lines]}}  # fmt: skip
    uow.record(new_event(file.order.merchant_id, EventType.ORDER_RETURNED, payload, now))
    if receipt.refund:
        assert receipt.gateways is not None
        await _refund(uow, file, found, actor, receipt.gateways, now)
    await uow.commit()
    return found


async def _take_back(
    uow: UnitOfWork, file: OrderFile, found: OrderReturn, restock: bool, now: datetime
) -> None:
    allocations = await uow.orders.allocations_of(file.order.id)
    for index, entry in enumerate(found.lines):
        line = file.line(UUID(entry["orderLineId"]), f"lines.{index}.orderLineId")
        line.quantity_returned += entry["quantity"]
        source = next((a for a in allocations if a.order_line_id == line.id and a.tracked), None)
        if restock and source is not None and source.warehouse_id is not None:
            await uow.stocks.restock(source.variant_id, source.warehouse_id, entry["quantity"], now)


async def _refund(
    uow: UnitOfWork,
    file: OrderFile,
    found: OrderReturn,
    actor: Principal | None,
    gateways: Gateways,
    now: datetime,
) -> None:
    """The returned units' worth, through the refund path (never above what is captured)."""
    lines = [(UUID(entry["orderLineId"]), entry["quantity"]) for entry in found.lines]
    request = RefundRequest(file.order.id, lines, reason=f"Return {found.id} received.")
    if sum(p.captured_amount - p.refunded_amount for p in file.payments) <= 0:
        raise UserError(
            "Nothing captured is left to refund on this order.",
            field="refund",
            code=ErrorCode.INVALID_STATE,
        )
    try:
        await give_back(uow, file, request, actor, gateways, now, up_to_captured=True)
    except UserError as refused:  # the return's lines were checked: name the option
        raise UserError(refused.message, field="refund", code=refused.code) from None
