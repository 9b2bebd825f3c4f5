"""Source dispatch: which warehouses ship which units of an order.

Only warehouses that supply the storefront and serve the destination are candidates (the
caller passes just those, in a stable order). The rule, deterministic for the same input:
1. one warehouse that can ship everything, the first such in the given order;
2. otherwise, repeatedly the warehouse that can ship the most of what is left (ties: the
   earlier one), taking all it can, until everything is placed: few parcels, each as full as
   possible. Each warehouse used becomes one fulfillment group of the order.
Untracked variants need no stock: they go with the first group (or the first candidate; with
no candidate at all they stay unallocated, shipped from outside the warehouses).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class WarehouseStock:
    warehouse_id: UUID
    available: Mapping[UUID, int]  # units it can sell per tracked variant


@dataclass(frozen=True)
class Allocation:
    warehouse_id: UUID
    variant_id: UUID
    quantity: int


class Unavailable(Exception):
    """Not enough stock anywhere for these variants (units short per variant)."""

    def __init__(self, short: dict[UUID, int]) -> None:
        super().__init__(f"short of {len(short)} variant(s)")
        self.short = short


def _can_ship(stock: WarehouseStock, left: Mapping[UUID, int]) -> int:
    return sum(min(units, stock.available.get(variant, 0)) for variant, units in left.items())


def allocate(
    tracked: Mapping[UUID, int],
    untracked: Sequence[tuple[UUID, int]],
    candidates: Sequence[WarehouseStock],
) -> list[Allocation]:
    """Place `tracked` demand (variant → units, in line order) and the untracked lines."""
    left = {variant: units for variant, units in tracked.items() if units > 0}
    whole = next((c for c in candidates if _can_ship(c, left) == sum(left.values())), None)
    groups: list[tuple[WarehouseStock, dict[UUID, int]]] = []
    if whole is not None and left:
        groups.append((whole, dict(left)))
        left = {}
    while left:
        best = max(candidates, key=lambda c: _can_ship(c, left), default=None)
        if best is None or _can_ship(best, left) == 0:
            raise Unavailable(dict(left))
        taken = {v: min(u, best.available.get(v, 0)) for v, u in left.items()}
        taken = {v: u for v, u in taken.items() if u > 0}
        groups.append((best, taken))
        left = {v: u - taken.get(v, 0) for v, u in left.items() if u - taken.get(v, 0) > 0}
        candidates = [c for c in candidates if c is not best]
    result = [
        Allocation(stock.warehouse_id, variant, units)
        for stock, taken in groups
        for variant, units in taken.items()
    ]
    if untracked:
        home = groups[0][0] if groups else (candidates[0] if candidates else None)
        if home is not None:
            result += [Allocation(home.warehouse_id, v, units) for v, units in untracked]
    return result
