"""Fulfillments: parcels the merchant prepares from one warehouse group of an order (the
order's allocations to that warehouse), then ships and sees delivered.

A fulfillment moves CREATED → PICKING → PACKED → SHIPPED → DELIVERED (a merchant without a
picking step ships straight from CREATED); one not shipped yet can be CANCELLED, its units
left to fulfill again. Gift-card lines never go in a fulfillment (their cards are delivered
when the order is paid), nor do refunded units that had not shipped.

A fulfillment takes some units of some lines of its group (partial fulfillment: several
fulfillments per group); it never takes more than the group allocated and is not yet in
another fulfillment. Shipping it takes the units out of the warehouse's stock (they were
reserved for the order; an order that did not reserve them takes them if they are there).
Each step goes through the order's transition table (`domain/orders/lifecycle.py`): a held,
cancelled or unpaid (but not cash on delivery) order refuses it.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from domain.entities import TenantOwned
from domain.errors import ErrorCode, NotFound, UserError
from domain.events import ref
from domain.ids import new_id
from domain.orders import timeline
from domain.orders.changes import OrderFile, advance, load, to_ship
from domain.orders.lifecycle import Action, Change, Stage
from domain.orders.orders import Order, OrderAllocation
from domain.principals import Principal
from domain.unit_of_work import UnitOfWork
from domain.validation import require_text


class FulfillmentState(StrEnum):
    CREATED = "CREATED"
    PICKING = "PICKING"
    PACKED = "PACKED"
    SHIPPED = "SHIPPED"
    DELIVERED = "DELIVERED"
    CANCELLED = "CANCELLED"


@dataclass(eq=False)
class Fulfillment(TenantOwned):
    id: UUID
    merchant_id: UUID
    order_id: UUID
    warehouse_id: UUID | None
    warehouse_name: str
    status: str
    tracking_number: str
    carrier: str
    created_at: datetime
    updated_at: datetime
    shipped_at: datetime | None = None
    delivered_at: datetime | None = None


@dataclass(eq=False)
class FulfillmentLine(TenantOwned):
    id: UUID
    merchant_id: UUID
    fulfillment_id: UUID
    order_line_id: UUID
    quantity: int


@dataclass(frozen=True)
class Tracking:
    number: str | None = None
    carrier: str | None = None


@dataclass(frozen=True)
class FulfillmentRequest:
    order_id: UUID
    warehouse_id: UUID | None  # None: the order's only warehouse group
    lines: Sequence[tuple[UUID, int]]  # (order line, units)
    tracking: Tracking = Tracking()


def _group(allocations: list[OrderAllocation], warehouse_id: UUID | None) -> list[OrderAllocation]:
    warehouses = {a.warehouse_id for a in allocations}
    if warehouse_id is None:
        if len(warehouses) != 1:
            raise UserError(
                "The order ships from several warehouses: name one.", field="warehouseId"
            )
        warehouse_id = next(iter(warehouses))
    group = [a for a in allocations if a.warehouse_id == warehouse_id]
    if not group:
        raise UserError("The order ships nothing from this warehouse.", field="warehouseId")
    return group


def _in_fulfillments(
    fulfillments: list[Fulfillment], lines: list[FulfillmentLine], warehouse_id: UUID | None
) -> dict[UUID, int]:
    """Units of each order line already in live fulfillments from this warehouse."""
    live = {
        f.id
        for f in fulfillments
        if f.warehouse_id == warehouse_id and f.status != FulfillmentState.CANCELLED
    }
    taken: dict[UUID, int] = {}
    for line in lines:
        if line.fulfillment_id in live:
            taken[line.order_line_id] = taken.get(line.order_line_id, 0) + line.quantity
    return taken


def _text(value: str, field: str) -> str:
    return require_text(value, field=field, max_length=120) if value.strip() else ""


def _tracking(tracking: Tracking, fulfillment: Fulfillment) -> None:
    if tracking.number is not None:
        fulfillment.tracking_number = _text(tracking.number, "trackingNumber")
    if tracking.carrier is not None:
        fulfillment.carrier = _text(tracking.carrier, "carrier")


async def create_fulfillment(
    uow: UnitOfWork, request: FulfillmentRequest, actor: Principal | None, now: datetime
) -> tuple[Fulfillment, Order]:
    file = await load(uow, request.order_id)
    order = file.order
    group = _group(await uow.orders.allocations_of(order.id), request.warehouse_id)
    warehouse_id = group[0].warehouse_id
    existing = await uow.fulfillments.of_order(order.id)
    taken = _in_fulfillments(
        existing, await uow.fulfillments.lines_of([f.id for f in existing]), warehouse_id
    )
    if not request.lines:
        raise UserError("Choose the lines to fulfill.", field="lines")
    fulfillment = Fulfillment(
        new_id(), order.merchant_id, order.id, warehouse_id, group[0].warehouse_name,
        FulfillmentState.CREATED.value, "", "", now, now,
    )  # fmt: skip
    _tracking(request.tracking, fulfillment)
    rows, units, added = [], 0, dict[UUID, int]()
    for index, (line_id, quantity) in enumerate(request.lines):
        line = file.line(line_id, f"lines.{index}.orderLineId")
        if line.gift_card:
            raise UserError(
                f"{line.sku} is a gift card: it is delivered when the order is paid.",
                field=f"lines.{index}.orderLineId",
                code=ErrorCode.INVALID_STATE,
            )
        allocated = sum(a.quantity for a in group if a.order_line_id == line_id)
        # refunded units that had not shipped are no longer to fulfill
        unfulfilled = to_ship(line) - line.quantity_fulfilled - added.get(line_id, 0)
        left = max(0, min(allocated - taken.get(line_id, 0), unfulfilled))
        if not 0 < quantity <= left:
            raise UserError(
                f"{line.sku}: between 1 and {left} units are left to fulfill from this warehouse.",
                field=f"lines.{index}.quantity",
                code=ErrorCode.INVALID if left else ErrorCode.INVALID_STATE,
            )
        taken[line_id] = taken.get(line_id, 0) + quantity
        added[line_id] = added.get(line_id, 0) + quantity
        units += quantity
        rows.append(FulfillmentLine(new_id(), order.merchant_id, fulfillment.id, line_id, quantity))
    data = {"fulfillmentId": ref("Fulfillment", fulfillment.id), "units": units}
    await advance(
        uow, file, Change(Action.FULFILL, units=units), actor, now, ("fulfillment_created", data)
    )
    for row in rows:  # counted once the table allowed it (it reads the counters as they were)
        file.line(row.order_line_id, "lines").quantity_fulfilled += row.quantity
    uow.add_all([fulfillment])
    await uow.stage()
    uow.add_all(rows)
    await uow.commit()
    return fulfillment, order


async def _fulfillment(uow: UnitOfWork, fulfillment_id: UUID) -> Fulfillment:
    fulfillment = await uow.fulfillments.get(fulfillment_id)
    if fulfillment is None:
        raise NotFound("No fulfillment with this id.")
    return fulfillment


def _expect(
    fulfillment: Fulfillment,
    state: FulfillmentState | tuple[FulfillmentState, ...],
    action: str,
) -> None:
    if fulfillment.status not in (state if isinstance(state, tuple) else (state,)):
        raise UserError(
            f"The fulfillment is {fulfillment.status}: it cannot be {action}.",
            field="fulfillmentId",
            code=ErrorCode.INVALID_STATE,
        )


def _payload(
    fulfillment: Fulfillment, lines: list[FulfillmentLine], file: OrderFile
) -> dict[str, Any]:
    skus = {line.id: line.sku for line in file.lines}
    return {
        "fulfillment": {
            "id": ref("Fulfillment", fulfillment.id),
            "trackingNumber": fulfillment.tracking_number,
            "carrier": fulfillment.carrier,
            "lines": [
                {"sku": skus[line.order_line_id], "quantity": line.quantity} for line in lines
            ],
        }
    }


async def ship_fulfillment(
    uow: UnitOfWork,
    fulfillment_id: UUID,
    tracking: Tracking,
    actor: Principal | None,
    now: datetime,
) -> tuple[Fulfillment, Order]:
    fulfillment = await _fulfillment(uow, fulfillment_id)
    _expect(fulfillment, (FulfillmentState.CREATED, FulfillmentState.PACKED), "shipped")
    stage = Stage(fulfillment.status)
    file = await load(uow, fulfillment.order_id)
    lines = await uow.fulfillments.lines_of([fulfillment.id])
    _tracking(tracking, fulfillment)
    fulfillment.status, fulfillment.shipped_at, fulfillment.updated_at = (
        FulfillmentState.SHIPPED.value, now, now,
    )  # fmt: skip
    units = sum(line.quantity for line in lines)
    data = {"fulfillmentId": ref("Fulfillment", fulfillment.id), "units": units,
            "trackingNumber": fulfillment.tracking_number, "carrier": fulfillment.carrier}  # fmt: skip
    await advance(
        uow, file, Change(Action.SHIP, units=units, stage=stage), actor, now,
        ("fulfillment_shipped", data),
        lambda _order: _payload(fulfillment, lines, file),
    )  # fmt: skip
    await _take_stock(uow, file, fulfillment, lines, now)
    await uow.commit()
    return fulfillment, file.order


async def _take_stock(
    uow: UnitOfWork,
    file: OrderFile,
    fulfillment: Fulfillment,
    lines: list[FulfillmentLine],
    now: datetime,
) -> None:
    """The shipped units leave the warehouse (and its reservation for the order)."""
    by_line = {line.id: line for line in file.lines}
    allocations = await uow.orders.allocations_of(file.order.id)
    tracked = {a.order_line_id for a in allocations if a.tracked}
    for line in sorted(lines, key=lambda row: by_line[row.order_line_id].variant_id or UUID(int=0)):
        order_line = by_line[line.order_line_id]
        order_line.quantity_shipped += line.quantity
        variant_id, warehouse_id = order_line.variant_id, fulfillment.warehouse_id
        if line.order_line_id not in tracked or variant_id is None or warehouse_id is None:
            continue
        taken = await uow.stocks.take(
            variant_id, warehouse_id, line.quantity, file.order.stock_reserved, now
        )
        if not taken:
            raise UserError(
                f"Not enough of {order_line.sku} in stock at {fulfillment.warehouse_name}.",
                field="fulfillmentId",
                code=ErrorCode.OUT_OF_STOCK,
            )


# What moving a fulfillment through the warehouse asks: its state before, the action, after.
_WAREHOUSE_STEPS = {
    Action.PICK: (FulfillmentState.CREATED, FulfillmentState.PICKING, "picked"),
    Action.PACK: (FulfillmentState.PICKING, FulfillmentState.PACKED, "packed"),
}


async def advance_fulfillment(
    uow: UnitOfWork, fulfillment_id: UUID, action: Action, actor: Principal | None, now: datetime
) -> tuple[Fulfillment, Order]:
    """Pick (CREATED → PICKING) or pack (PICKING → PACKED) a fulfillment."""
    before, after, verb = _WAREHOUSE_STEPS[action]
    fulfillment = await _fulfillment(uow, fulfillment_id)
    _expect(fulfillment, before, verb)
    file = await load(uow, fulfillment.order_id)
    lines = await uow.fulfillments.lines_of([fulfillment.id])
    units = sum(line.quantity for line in lines)
    data = {"fulfillmentId": ref("Fulfillment", fulfillment.id), "units": units}
    await advance(uow, file, Change(action, units=units), actor, now, (f"fulfillment_{verb}", data))
    fulfillment.status, fulfillment.updated_at = after.value, now
    await uow.commit()
    return fulfillment, file.order


async def cancel_fulfillment(
    uow: UnitOfWork, fulfillment_id: UUID, actor: Principal | None, now: datetime
) -> tuple[Fulfillment, Order]:
    """A fulfillment not shipped yet is cancelled: its units are left to fulfill again (their
    stock stays reserved for the order)."""
    fulfillment = await _fulfillment(uow, fulfillment_id)
    waiting = (FulfillmentState.CREATED, FulfillmentState.PICKING, FulfillmentState.PACKED)
    _expect(fulfillment, waiting, "cancelled")
    stage = Stage(fulfillment.status)
    file = await load(uow, fulfillment.order_id)
    lines = await uow.fulfillments.lines_of([fulfillment.id])
    units = sum(line.quantity for line in lines)
    data = {"fulfillmentId": ref("Fulfillment", fulfillment.id), "units": units}
    await advance(
        uow, file, Change(Action.UNFULFILL, units=units, stage=stage), actor, now,
        ("fulfillment_cancelled", data),
    )  # fmt: skip
    for line in lines:
        file.line(line.order_line_id, "fulfillmentId").quantity_fulfilled -= line.quantity
    fulfillment.status, fulfillment.updated_at = FulfillmentState.CANCELLED.value, now
    await uow.commit()
    return fulfillment, file.order


async def deliver_fulfillment(
    uow: UnitOfWork, fulfillment_id: UUID, actor: Principal | None, now: datetime
) -> tuple[Fulfillment, Order]:
    fulfillment = await _fulfillment(uow, fulfillment_id)
    _expect(fulfillment, FulfillmentState.SHIPPED, "delivered")
    file = await load(uow, fulfillment.order_id)
    lines = await uow.fulfillments.lines_of([fulfillment.id])
    fulfillment.status, fulfillment.delivered_at, fulfillment.updated_at = (
        FulfillmentState.DELIVERED.value, now, now,
    )  # fmt: skip
    units = sum(line.quantity for line in lines)
    data = {"fulfillmentId": ref("Fulfillment", fulfillment.id), "units": units}
    await advance(
        uow, file, Change(Action.DELIVER, units=units), actor, now, ("fulfillment_delivered", data),
        lambda _order: _payload(fulfillment, lines, file),
    )  # fmt: skip
    for line in lines:
        file.line(line.order_line_id, "fulfillmentId").quantity_delivered += line.quantity
    await uow.commit()
    return fulfillment, file.order


async def update_tracking(
    uow: UnitOfWork,
    fulfillment_id: UUID,
    tracking: Tracking,
    actor: Principal | None,
    now: datetime,
) -> tuple[Fulfillment, Order]:
    fulfillment = await _fulfillment(uow, fulfillment_id)
    if fulfillment.status == FulfillmentState.CANCELLED:
        raise UserError(
            "The fulfillment is CANCELLED: its tracking cannot change.",
            field="fulfillmentId",
            code=ErrorCode.INVALID_STATE,
        )
    _tracking(tracking, fulfillment)
    fulfillment.updated_at = now
    order = await uow.orders.get(fulfillment.order_id)
    assert order is not None
    data = {"fulfillmentId": ref("Fulfillment", fulfillment.id),
            "trackingNumber": fulfillment.tracking_number, "carrier": fulfillment.carrier}  # fmt: skip
    await timeline.append(uow, order, "tracking_updated", actor, data, at=now)
    await uow.commit()
    return fulfillment, order
