"""Refunds: money given back on an order, by lines and quantities, shipping, or a custom
amount (or any mix), never above what was captured and not yet refunded (the transition
table's REFUND guard; payments' CHECK constraints back it).

Refunded units are counted on their line (`quantity_refunded`, never above the quantity).
Refunded units that had not shipped are taken off what must still ship (never units that are
in a fulfillment: cancel it first), so an order whose other units all shipped moves on as
shipped. Refunding units of a gift-card line takes their cards back (emptied and
deactivated; refused once such a card is spent). With `restock`, refunded units that were
delivered go back into the stock of the warehouse that shipped them (counted as returned);
units not delivered stay with the order (cancel it to release what is still reserved).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from domain.entities import TenantOwned
from domain.errors import ErrorCode, UserError
from domain.events import ref
from domain.ids import new_id
from domain.money import Money
from domain.orders.changes import OrderFile, advance, load, to_ship
from domain.orders.lifecycle import Action, Change
from domain.orders.money_back import refund
from domain.orders.orders import Order, OrderLine
from domain.orders.refund_amounts import shipping_worth, units_worth
from domain.orders.spending import count_refund
from domain.payments.gateways import Gateways
from domain.payments.gift_card_sales import RefundedCards, withdraw_refunded_cards
from domain.principals import Principal
from domain.unit_of_work import UnitOfWork


@dataclass(eq=False)
class Refund(TenantOwned):
    id: UUID
    merchant_id: UUID
    order_id: UUID
    currency: str
    amount: int
    shipping_amount: int
    lines: list[dict[str, Any]]  # [{"orderLineId", "sku", "quantity", "amount"}]
    restock: bool
    reason: str
    created_at: datetime


@dataclass(frozen=True)
class RefundRequest:
    order_id: UUID
    lines: Sequence[tuple[UUID, int]] = ()
    shipping: bool = False
    amount: str = ""  # a custom amount (decimal string) on top of the lines and shipping
    restock: bool = False
    reason: str = ""


@dataclass
class _Priced:
    lines: list[dict[str, Any]] = field(default_factory=list)
    shipping: int = 0
    total: int = 0
    unshipped: int = 0  # units taken off what must still ship
    cards: list[RefundedCards] = field(default_factory=list)
    returned: int = 0  # delivered units restocked

    def change(self) -> Change:
        cards = sum(c.units for c in self.cards)
        return Change(Action.REFUND, amount=self.total, units=self.unshipped, cards=cards,
                      returned=self.returned)  # fmt: skip


def _price_line(
    file: OrderFile, index: int, line: OrderLine, quantity: int, priced: _Priced
) -> None:
    left = line.quantity - line.quantity_refunded
    if not 0 < quantity <= left:
        raise UserError(
            f"{line.sku}: between 1 and {left} units are left to refund.",
            field=f"lines.{index}.quantity",
        )
    if line.gift_card:
        priced.cards.append(RefundedCards(line.id, quantity, f"lines.{index}.quantity"))
    else:
        after = max(line.quantity_shipped, line.quantity - line.quantity_refunded - quantity)
        if after < line.quantity_fulfilled:
            raise UserError(
                f"{line.sku}: {line.quantity_fulfilled - line.quantity_shipped} units are in "
                "fulfillments not shipped: cancel the fulfillment before refunding them.",
                field=f"lines.{index}.quantity",
                code=ErrorCode.INVALID_STATE,
            )
        priced.unshipped += to_ship(line) - after
    amount = units_worth(line.total_amount, line.quantity, line.quantity_refunded, quantity)
    priced.lines.append(
        {"orderLineId": str(line.id), "sku": line.sku, "quantity": quantity, "amount": amount}
    )
    priced.total += amount


def _price_lines(file: OrderFile, request: RefundRequest, priced: _Priced) -> None:
    """Prices the units asked for; lines count them once the transition table allowed it."""
    for index, (line_id, quantity) in enumerate(request.lines):
        line = file.line(line_id, f"lines.{index}.orderLineId")
        asked = sum(q for other, q in request.lines[:index] if other == line_id)
        if asked:
            raise UserError("Name each line once.", field=f"lines.{index}.orderLineId")
        _price_line(file, index, line, quantity, priced)


async def _price(uow: UnitOfWork, file: OrderFile, request: RefundRequest) -> _Priced:
    priced = _Priced()
    _price_lines(file, request, priced)
    if request.shipping:
        done = sum(r.shipping_amount for r in await uow.refunds.of_order(file.order.id))
        priced.shipping = shipping_worth(file.order, file.lines) - done
        if priced.shipping <= 0:
            raise UserError("The shipping is refunded already.", field="shipping")
        priced.total += priced.shipping
    if request.amount.strip():
        custom = Money.parse(request.amount.strip(), file.order.currency).amount
        if custom <= 0:
            raise UserError("A custom amount is positive.", field="amount")
        priced.total += custom
    if priced.total <= 0:
        raise UserError("Choose lines, the shipping or an amount to refund.", field="lines")
    if request.restock:
        _check_restock(file, priced)
    return priced


def _check_restock(file: OrderFile, priced: _Priced) -> None:
    """Only delivered units (not returned yet) can go back on the shelf."""
    by_id = {str(line.id): line for line in file.lines}
    for index, entry in enumerate(priced.lines):
        line: OrderLine = by_id[entry["orderLineId"]]
        if line.quantity_delivered - line.quantity_returned < entry["quantity"]:
            raise UserError(
                f"{line.sku}: only delivered units can be restocked.",
                field=f"lines.{index}.quantity",
                code=ErrorCode.INVALID_STATE,
            )
        priced.returned += entry["quantity"]


async def _restock(uow: UnitOfWork, file: OrderFile, priced: _Priced, now: datetime) -> None:
    """Delivered units refunded with restock go back on the shelf they left."""
    by_id = {str(line.id): line for line in file.lines}
    allocations = await uow.orders.allocations_of(file.order.id)
    for entry in priced.lines:
        line: OrderLine = by_id[entry["orderLineId"]]
        line.quantity_returned += entry["quantity"]
        source = next((a for a in allocations if a.order_line_id == line.id and a.tracked), None)
        if source is not None and source.warehouse_id is not None:
            await uow.stocks.restock(source.variant_id, source.warehouse_id, entry["quantity"], now)


def _event(refund_row: Refund, order: Order) -> dict[str, Any]:
    def text(amount: int) -> str:
        return Money(amount, order.currency).format()

    return {
        "refund": {
            "id": ref("Refund", refund_row.id),
            "amount": text(refund_row.amount),
            "shipping": text(refund_row.shipping_amount),
            "lines": [{"sku": e["sku"], "quantity": e["quantity"]} for e in refund_row.lines],
        }
    }


async def refund_order(
    uow: UnitOfWork,
    request: RefundRequest,
    actor: Principal | None,
    gateways: Gateways,
    now: datetime,
) -> tuple[Refund, Order]:
    file = await load(uow, request.order_id)
    row = await give_back(uow, file, request, actor, gateways, now)
    await uow.commit()
    return row, file.order


async def give_back(
    uow: UnitOfWork,
    file: OrderFile,
    request: RefundRequest,
    actor: Principal | None,
    gateways: Gateways,
    now: datetime,
    *,
    up_to_captured: bool = False,
) -> Refund:
    """Refund `request` on the loaded (claimed) order; does not commit. With `up_to_captured`
    the amount stops at what is captured and not yet refunded (its lines keep their worth)."""
    order = file.order
    priced = await _price(uow, file, request)
    if up_to_captured:
        left = sum(p.captured_amount - p.refunded_amount for p in file.payments)
        priced.total = min(priced.total, left)
    row = Refund(
        new_id(), order.merchant_id, order.id, order.currency, priced.total, priced.shipping,
        priced.lines, request.restock, request.reason.strip()[:500], now,
    )  # fmt: skip
    data = {"refundId": ref("Refund", row.id), "amount": Money(row.amount, row.currency).format()}
    await advance(
        uow, file, priced.change(), actor, now, ("refunded", data),
        lambda current: _event(row, current),
    )  # fmt: skip
    for entry in priced.lines:
        file.line(UUID(entry["orderLineId"]), "lines").quantity_refunded += entry["quantity"]
    if request.restock:
        await _restock(uow, file, priced, now)
    await withdraw_refunded_cards(uow, order, priced.cards, now)
    uow.add_all(await refund(uow, file.payments, priced.total, gateways, f"refund:{row.id}", now))
    uow.add_all([row])
    await count_refund(uow, order, priced.total, now)
    return row
