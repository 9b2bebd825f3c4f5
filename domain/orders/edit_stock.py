"""Stock for an edited order: exactly the difference, placed like checkout places it.

Units added are placed on the warehouses that supply the order's storefront and serve its
destination (`domain/checkout/allocation.py`, the rule checkout uses); units removed are
taken back from the line's fulfillment groups, the last warehouse first. When the order holds
its stock (`stock_reserved`), each warehouse's reservation moves by one conditional UPDATE
(never below what is there: a concurrent checkout can never be oversold), all of them in one
global order (variant, warehouse) so concurrent edits and checkouts never deadlock. An order
that reserves only once paid changes just its fulfillment groups, which payment reserves.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.checkout.allocation import Allocation, Unavailable, WarehouseStock, allocate
from domain.checkout.offers import SupplyingWarehouse
from domain.ids import new_id
from domain.orders.orders import Order, OrderAllocation, OrderLine
from domain.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class StockChange:
    """Units per variant an edit adds (> 0) or removes (< 0), and which are tracked."""

    units: Mapping[UUID, int]
    tracked: frozenset[UUID]

    @property
    def added(self) -> dict[UUID, int]:
        return {v: n for v, n in self.units.items() if n > 0}


class OutOfStock(Exception):
    def __init__(self, variant_id: UUID) -> None:
        super().__init__(f"not enough of {variant_id}")
        self.variant_id = variant_id


def serving(order: Order, supply: Sequence[SupplyingWarehouse]) -> list[WarehouseStock]:
    """The warehouses that may ship this order: its pickup point, or those serving its
    destination (as checkout chose them)."""
    delivery = order.delivery
    if delivery.get("kind") == "PICKUP":
        chosen = [w for w in supply if str(w.id) == delivery.get("id")]
    else:
        country = (order.shipping_address or {}).get("country", "")
        chosen = [w for w in supply if country in w.countries_served]
    return [WarehouseStock(w.id, w.available) for w in chosen]


async def place_added(
    uow: UnitOfWork, order: Order, change: StockChange
) -> tuple[list[Allocation], dict[UUID, str]]:
    """Where the added units ship from (and the warehouses' names); OutOfStock if nowhere."""
    added = change.added
    if not added or order.storefront_id is None:
        if any(v in change.tracked for v in added):
            raise OutOfStock(next(v for v in added if v in change.tracked))
        return [], {}
    supply = await uow.checkout.supply(order.storefront_id, list(added))
    tracked = {v: n for v, n in added.items() if v in change.tracked}
    untracked = [(v, n) for v, n in added.items() if v not in change.tracked]
    try:
        placed = allocate(tracked, untracked, serving(order, supply))
    except Unavailable as error:
        raise OutOfStock(next(iter(error.short))) from None
    return placed, {w.id: w.name for w in supply}


async def move_stock(
    uow: UnitOfWork,
    order: Order,
    change: StockChange,
    placed: Sequence[Allocation],
    names: Mapping[UUID, str],
    lines: Mapping[UUID, OrderLine],
    now: datetime,
) -> None:
    """Give back the removed units and take the added ones (see the module's docstring).
    `lines` are the order's lines after the edit, by variant, already written."""
    groups = await uow.orders.allocations_of(order.id)
    added = _new_groups(order, placed, names, lines, change)
    moves = [*_take_back(groups, change), *added]
    for group, units in sorted(moves, key=lambda m: (m[0].variant_id, str(m[0].warehouse_id))):
        if order.stock_reserved and group.tracked and group.warehouse_id is not None:
            if units > 0 and not await uow.stocks.reserve(
                group.variant_id, group.warehouse_id, units, now
            ):
                raise OutOfStock(group.variant_id)
            if units < 0:
                await uow.stocks.release(group.variant_id, group.warehouse_id, -units, now)
        group.quantity += units
    for group in groups:
        if group.quantity <= 0:
            await uow.orders.remove(group)
    _fold(groups, [group for group, _ in added], uow)
    await uow.stage()


def _take_back(
    groups: Sequence[OrderAllocation], change: StockChange
) -> list[tuple[OrderAllocation, int]]:
    moves = []
    for variant, units in change.units.items():
        left = -units
        for group in reversed([g for g in groups if g.variant_id == variant]):
            if left <= 0:
                break
            taken = min(left, group.quantity)
            moves.append((group, -taken))
            left -= taken
    return moves


def _new_groups(
    order: Order,
    placed: Sequence[Allocation],
    names: Mapping[UUID, str],
    lines: Mapping[UUID, OrderLine],
    change: StockChange,
) -> list[tuple[OrderAllocation, int]]:
    """New (empty) fulfillment groups for the added units, filled as their stock is taken;
    `_fold` then merges each into the line's group at the same warehouse, if it has one."""
    return [
        (
            OrderAllocation(
                new_id(),
                order.merchant_id,
                order.id,
                lines[a.variant_id].id,
                a.variant_id,
                a.warehouse_id,
                names.get(a.warehouse_id, ""),
                0,
                a.variant_id in change.tracked,
            ),
            a.quantity,
        )
        for a in placed
    ]


def _fold(
    groups: Sequence[OrderAllocation], added: Sequence[OrderAllocation], uow: UnitOfWork
) -> None:
    """Added units join the line's group at the same warehouse, or make a new group."""
    existing = {(g.order_line_id, g.warehouse_id): g for g in groups if g.quantity > 0}
    for group in added:
        same = existing.get((group.order_line_id, group.warehouse_id))
        if same is not None:
            same.quantity += group.quantity
        else:
            uow.add_all([group])
            existing[(group.order_line_id, group.warehouse_id)] = group
