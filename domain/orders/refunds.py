"""Refunds: money given back on an order, by lines and quantities, shipping, or a custom
amount (or any mix), never above what was captured and not yet refunded (the transition
table's REFUND guard; payments' CHECK constraints back it).

Refunded units are counted on their line (`quantity_refunded`, never above the quantity).
With `restock`, refunded units that were delivered go back into the stock of the warehouse
that shipped them (counted as returned); units not delivered stay with the order (cancel it
to release what is still reserved).
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
from domain.orders.changes import OrderFile, advance, load
from domain.orders.lifecycle import Action, Change
from domain.orders.money_back import refund
from domain.orders.orders import Order, OrderLine
from domain.orders.refund_amounts import shipping_worth, units_worth
from domain.orders.spending import count_refund
from domain.payments.gateways import Gateways
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


def _price_lines(file: OrderFile, request: RefundRequest, priced: _Priced) -> None:
    for index, (line_id, quantity) in enumerate(request.lines):
        line = file.line(line_id, f"lines.{index}.orderLineId")
        left = line.quantity - line.quantity_refunded
        if not 0 < quantity <= left:
            raise UserError(
                f"{line.sku}: between 1 and {left} units are left to refund.",
                field=f"lines.{index}.quantity",
            )
        amount = units_worth(line.total_amount, line.quantity, line.quantity_refunded, quantity)
        line.quantity_refunded += quantity
        priced.lines.append(
            {"orderLineId": str(line.id), "sku": line.sku, "quantity": quantity, "amount": amount}
        )
        priced.total += amount


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
    return priced


async def _restock(uow: UnitOfWork, file: OrderFile, priced: _Priced, now: datetime) -> None:
    """Delivered units refunded with restock go back on the shelf they left."""
    by_id = {str(line.id): line for line in file.lines}
    allocations = await uow.orders.allocations_of(file.order.id)
    for index, entry in enumerate(priced.lines):
        line: OrderLine = by_id[entry["orderLineId"]]
        if line.quantity_delivered - line.quantity_returned < entry["quantity"]:
            raise UserError(
                f"{line.sku}: only delivered units can be restocked.",
                field=f"lines.{index}.quantity",
                code=ErrorCode.INVALID_STATE,
            )
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
    order = file.order
    priced = await _price(uow, file, request)
    row = Refund(
        new_id(), order.merchant_id, order.id, order.currency, priced.total, priced.shipping,
        priced.lines, request.restock, request.reason.strip()[:500], now,
    )  # fmt: skip
    data = {"refundId": ref("Refund", row.id), "amount": Money(row.amount, row.currency).format()}
    await advance(
        uow, file, Change(Action.REFUND, amount=priced.total), actor, now, ("refunded", data),
        lambda current: _event(row, current),
    )  # fmt: skip
    if request.restock:
        await _restock(uow, file, priced, now)
    uow.add_all(await refund(uow, file.payments, priced.total, gateways, f"refund:{row.id}", now))
    uow.add_all([row])
    await count_refund(uow, order, priced.total, now)
    await uow.commit()
    return row, order
