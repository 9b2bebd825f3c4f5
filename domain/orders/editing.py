"""Editing an order before it ships: staff add and remove lines, change quantities and give a
discount on the whole order; the order is priced again (`domain/orders/repricing.py`) and its
stock moves by exactly the difference (`domain/orders/edit_stock.py`).

- Only an order that `editable` allows: nothing shipped, not cancelled.
- A dry run answers what the edit would make of the order (lines, totals, the difference to
  charge or refund), checking stock as the edit would, and changes nothing.
- A committed edit rewrites the order's snapshot (lines, totals, taxes), adds the difference
  to the order's `balance` (> 0 the customer owes it, < 0 it is due back: settling it belongs
  to payments and refunds), appends a timeline entry and records `order.updated`; all in one
  transaction, or nothing (not enough stock: OUT_OF_STOCK, and the order stays as it was).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.catalog.inventory import StockedVariant, record_stock_taken
from domain.checkout.offers import Offer
from domain.errors import ErrorCode, NotFound, UserError
from domain.events import EventType, new_event
from domain.ids import new_id
from domain.money import Money
from domain.orders import changes, timeline
from domain.orders.edit_stock import OutOfStock, StockChange, move_stock, place_added
from domain.orders.orders import (
    DIGITAL_DELIVERY,
    FulfillmentStatus,
    Order,
    OrderLine,
    OrderStatus,
)
from domain.orders.payloads import order_payload
from domain.orders.repricing import PlannedLine, RepricedOrder, line_key, reprice, tax_place
from domain.principals import MerchantPrincipal
from domain.unit_of_work import UnitOfWork

MAX_QUANTITY = 10_000
EDITABLE = (OrderStatus.UNPAID, OrderStatus.PAID)


@dataclass(frozen=True)
class LineEdit:
    variant_id: UUID
    quantity: int  # the line's quantity after the edit; 0 removes it


@dataclass(frozen=True)
class OrderEdit:
    lines: tuple[LineEdit, ...] = ()
    # Staff's discount on the whole order, a decimal string in its currency; None: unchanged.
    discount: str | None = None


@dataclass(frozen=True)
class EditResult:
    repriced: RepricedOrder
    committed: bool
    balance: int  # the order's balance after the edit (> 0 to charge, < 0 to refund)


def editable(order: Order, lines: Sequence[OrderLine]) -> bool:
    """Whether staff may still change what the order holds. The one guard for editing:
    unpaid or paid (so not held, cancelled, shipped or later), nothing in a fulfillment."""
    return (
        order.status in EDITABLE
        and order.cancelled_at is None
        and order.fulfillment_status == FulfillmentStatus.UNFULFILLED
        and not any(line.quantity_fulfilled for line in lines)
    )


def _check(edit: OrderEdit) -> None:
    seen: set[UUID] = set()
    for index, line in enumerate(edit.lines):
        if not 0 <= line.quantity <= MAX_QUANTITY:
            raise UserError(
                f"A quantity is 0 (remove) to {MAX_QUANTITY}.", field=f"lines.{index}.quantity"
            )
        if line.variant_id in seen:
            raise UserError(
                "Name each variant once.",
                field=f"lines.{index}.variantId",
                code=ErrorCode.DUPLICATE,
            )
        seen.add(line.variant_id)
    if not edit.lines and edit.discount is None:
        raise UserError("Change a line or the discount.", field="lines", code=ErrorCode.REQUIRED)


def _discount(order: Order, edit: OrderEdit) -> int:
    if edit.discount is None:
        return order.manual_discount_amount
    try:
        amount = Money.parse(edit.discount, order.currency).amount
    except UserError as error:
        raise UserError(error.message, field="discount") from None
    if amount < 0:
        raise UserError("A discount cannot be negative.", field="discount")
    return amount


async def _order(uow: UnitOfWork, order_id: UUID, *, claim: bool) -> Order:
    """The order, if it may be edited; claimed (`claim`) like every order operation claims
    it (`domain/orders/changes.py`): an edit racing a fulfillment, a cancellation or another
    edit read at the same version is refused (one of them wins). A dry run only reads."""
    order = await uow.orders.get(order_id)
    if order is None:
        raise NotFound("No order with this id.")
    if not editable(order, await uow.orders.lines_of(order.id)):
        raise UserError(
            f"The order is {order.status.lower()}: it can no longer be edited.",
            field="id",
            code=ErrorCode.INVALID_STATE,
        )
    if claim:
        await changes.claim(uow, order, "id")
    return order


async def _offers(
    uow: UnitOfWork, order: Order, edit: OrderEdit, lines: Sequence[OrderLine], now: datetime
) -> dict[UUID, Offer]:
    """Offers of the variants the edit adds (each must be on sale in the order's storefront),
    and of those it names already on the order (whether their stock is tracked)."""
    if not edit.lines:
        return {}
    if order.storefront_id is None:
        raise UserError(
            "The order's storefront is gone.", field="lines", code=ErrorCode.NOT_AVAILABLE
        )
    ids = [line.variant_id for line in edit.lines]
    offers = await uow.checkout.offers(order.storefront_id, order.currency, ids, now)
    on_order = {line.variant_id for line in lines}
    for index, line in enumerate(edit.lines):
        offer = offers.get(line.variant_id)
        if line.variant_id in on_order or line.quantity <= 0:
            continue
        if offer is None or not offer.buyable:
            raise UserError(
                "This variant is not on sale in the order's storefront.",
                field=f"lines.{index}.variantId",
                code=ErrorCode.NOT_AVAILABLE,
            )
        if not offer.gift_card and order.delivery.get("kind") == DIGITAL_DELIVERY:
            raise UserError(
                "This order is delivered by email (gift cards only): it has no address to ship "
                "this variant to.",
                field=f"lines.{index}.variantId",
                code=ErrorCode.NOT_AVAILABLE,
            )
    return offers


async def edit_order(
    uow: UnitOfWork,
    order_id: UUID,
    edit: OrderEdit,
    actor: MerchantPrincipal,
    now: datetime,
    *,
    dry_run: bool,
) -> EditResult:
    _check(edit)
    order = await _order(uow, order_id, claim=not dry_run)
    lines = await uow.orders.lines_of(order.id)
    offers = await _offers(uow, order, edit, lines, now)
    storefront = await uow.storefronts.get(order.storefront_id) if order.storefront_id else None
    repriced = reprice(
        order,
        lines,
        {line.variant_id: line.quantity for line in edit.lines},
        offers,
        tuple(await uow.tax_rates.all()),
        tax_place(order, storefront.default_country if storefront else ""),
        _discount(order, edit),
    )
    change = await _stock_change(uow, order, lines, repriced, offers)
    try:
        placed, names = await place_added(uow, order, change)
        if dry_run:
            balance = order.balance_amount + repriced.difference.amount
            return EditResult(repriced, committed=False, balance=balance)
        written = await _write(uow, repriced, lines, now)
        await move_stock(uow, order, change, placed, names, written, now)
    except OutOfStock as error:
        raise _out_of_stock(edit, error.variant_id) from None
    await _stock_events(uow, order, change, offers, now)
    for line in repriced.removed:  # their fulfillment groups went with their stock
        await uow.orders.remove(line)
    await timeline.append(uow, order, "order_edited", actor, _summary(repriced, lines))
    uow.record(
        new_event(
            order.merchant_id,
            EventType.ORDER_UPDATED,
            order_payload(order, list(written.values())),
            now,
        )
    )
    await uow.commit()
    return EditResult(repriced, committed=True, balance=order.balance_amount)


async def _stock_events(
    uow: UnitOfWork, order: Order, change: StockChange, offers: Mapping[UUID, Offer], now: datetime
) -> None:
    """The inventory events checkout sends, for units the edit took from tracked stock."""
    if not order.stock_reserved:
        return  # the order takes its stock when paid: nothing was taken now
    taken: dict[UUID, tuple[StockedVariant, int]] = {
        variant_id: (offers[variant_id], units)
        for variant_id, units in change.added.items()
        if variant_id in change.tracked and variant_id in offers
    }
    await record_stock_taken(uow, order.merchant_id, taken, now)


async def _stock_change(
    uow: UnitOfWork,
    order: Order,
    lines: Sequence[OrderLine],
    repriced: RepricedOrder,
    offers: Mapping[UUID, Offer],
) -> StockChange:
    before = {line_key(line): line.quantity for line in lines}
    after = {p.variant_id: p.quantity for p in repriced.lines}
    units = {v: after.get(v, 0) - before.get(v, 0) for v in {*before, *after}}
    groups = await uow.orders.allocations_of(order.id)
    tracked = {g.variant_id for g in groups if g.tracked}
    tracked |= {v for v, offer in offers.items() if offer.track_inventory}
    return StockChange({v: n for v, n in units.items() if n}, frozenset(tracked))


async def _write(
    uow: UnitOfWork, repriced: RepricedOrder, lines: Sequence[OrderLine], now: datetime
) -> dict[UUID, OrderLine]:
    """The new snapshot: changed lines rewritten, removed ones deleted (with their groups,
    once the stock moved), new ones added; the order's totals and balance. By variant."""
    order, cost = repriced.order, repriced.cost
    position = max((line.position for line in lines), default=-1)
    written: dict[UUID, OrderLine] = {}
    for planned in repriced.lines:
        if planned.source is None:
            position += 1
            line = _new_line(order, planned, position)
            uow.add_all([line])
        else:
            line = planned.source
        _price_line(line, planned)
        written[planned.variant_id] = line
    order.subtotal_amount, order.discount_amount = cost.subtotal.amount, cost.discount.amount
    order.tax_amount, order.shipping_amount = cost.tax.amount, cost.shipping.amount
    order.balance_amount += repriced.difference.amount
    order.total_amount, order.manual_discount_amount = cost.total.amount, repriced.manual_discount
    order.updated_at = now
    await uow.stage()
    return written


def _new_line(order: Order, planned: PlannedLine, position: int) -> OrderLine:
    offer = planned.offer
    assert offer is not None
    return OrderLine(
        new_id(), order.merchant_id, order.id, position, offer.variant_id, offer.product_id,
        offer.product_name, offer.variant_name, offer.sku, 0, order.currency,
        planned.cost.unit_price.amount, 0, 0, planned.cost.tax_rate_ppm, 0, 0,
    )  # fmt: skip


def _price_line(line: OrderLine, planned: PlannedLine) -> None:
    cost = planned.cost
    line.quantity, line.subtotal_amount = planned.quantity, cost.subtotal.amount
    line.discount_amount, line.manual_discount_amount = (
        cost.discount.amount,
        planned.manual_discount,
    )
    line.tax_amount, line.total_amount = cost.tax.amount, cost.total.amount


def _summary(repriced: RepricedOrder, lines: Sequence[OrderLine]) -> dict[str, object]:
    before = {line.sku: line.quantity for line in lines}
    after = {
        (p.source.sku if p.source else p.offer.sku if p.offer else ""): p.quantity
        for p in repriced.lines
    }
    return {
        "lines": {sku: [before.get(sku, 0), after.get(sku, 0)] for sku in {*before, *after}},
        "difference": repriced.difference.format(),
        "manualDiscount": repriced.order.money(repriced.manual_discount).format(),
    }


def _out_of_stock(edit: OrderEdit, variant_id: UUID) -> UserError:
    index = next((i for i, line in enumerate(edit.lines) if line.variant_id == variant_id), 0)
    return UserError(
        "Not enough in stock to ship this quantity to the order's address.",
        field=f"lines.{index}.quantity",
        code=ErrorCode.OUT_OF_STOCK,
    )
