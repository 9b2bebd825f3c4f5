"""What each action asks for, line by line, before risk control and budgets cut it down.

Lines are in canonical order (by line id) so that ties in rounding and in "cheapest first"
never depend on the order the cart listed them in.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from domain.money import Money
from domain.promotions.actions import (
    AmountOffEach,
    AmountOffOrder,
    BuyXGetY,
    FixedPrice,
    PercentOff,
    ShippingOff,
    Tiered,
)
from domain.promotions.result import Scope
from domain.promotions.targets import Item, Target

ItemAction = PercentOff | AmountOffEach | AmountOffOrder | FixedPrice | BuyXGetY | Tiered


@dataclass(frozen=True, slots=True)
class LineView:
    item: Item
    quantity: int
    total: int  # now, after the promotions applied so far
    sale_total: int  # after catalog promotions only: what tier thresholds measure


@dataclass(frozen=True, slots=True)
class Wanted:
    """Per-line amounts an action asks for. `pool` holds the weights to re-split over when a
    line cannot take its part (order-level amounts); None when each line stands alone."""

    amounts: tuple[int, ...]
    scope: Scope
    pool: tuple[int, ...] | None = None
    unmet: str | None = None  # why the action itself found nothing to do, if it says


def _targeted(lines: Sequence[LineView], target: Target) -> list[bool]:
    return [target.matches(line.item) for line in lines]


def _split(
    amount: int, lines: Sequence[LineView], hits: list[bool], currency: str, scope: Scope
) -> Wanted:
    """`amount` (at most the targeted lines' total) split over the targeted lines by total.
    An ORDER amount a floored line cannot take may go to the others (`pool`); a LINE
    percentage may not (that would take more than the percentage off them)."""
    weights = tuple(line.total if hit else 0 for line, hit in zip(lines, hits, strict=True))
    pool = weights if scope is Scope.ORDER else None
    amount = min(amount, sum(weights))
    if amount <= 0:
        return Wanted((0,) * len(lines), scope, pool)
    parts = Money(amount, currency).allocate(list(weights))
    return Wanted(tuple(p.amount for p in parts), scope, pool)


def catalog_discount(
    action: PercentOff | AmountOffEach | FixedPrice, lines: Sequence[LineView], currency: str
) -> Wanted:
    """A sale price: the discount on ONE unit, times the quantity (what a listing shows)."""
    amounts = []
    for line in lines:
        if not action.target.matches(line.item):
            amounts.append(0)
            continue
        unit = line.total // line.quantity
        match action:
            case PercentOff(percent):
                off = Money(unit, currency).percentage(percent).amount
            case AmountOffEach(amount):
                off = amount.amount
            case FixedPrice(unit_price):
                off = unit - unit_price.amount
        amounts.append(max(0, min(off, unit)) * line.quantity)
    return Wanted(tuple(amounts), Scope.CATALOG)


def cart_discount(action: ItemAction, lines: Sequence[LineView], currency: str) -> Wanted:
    match action:
        case PercentOff(percent, target):
            hits = _targeted(lines, target)
            eligible = sum(line.total for line, hit in zip(lines, hits, strict=True) if hit)
            off = Money(eligible, currency).percentage(percent).amount
            return _split(off, lines, hits, currency, Scope.LINE)
        case AmountOffOrder(amount, target):
            return _split(amount.amount, lines, _targeted(lines, target), currency, Scope.ORDER)
        case Tiered(tiers, target):
            hits = _targeted(lines, target)
            spent = sum(line.sale_total for line, hit in zip(lines, hits, strict=True) if hit)
            reached = [tier.amount.amount for tier in tiers if tier.threshold.amount <= spent]
            if not reached:
                first = min(tiers, key=lambda tier: tier.threshold.amount).threshold
                below = f"spent {Money(spent, currency).format()}, below the first tier {first.format()}"
                return Wanted((0,) * len(lines), Scope.ORDER, unmet=below)
            return _split(max(reached), lines, hits, currency, Scope.ORDER)
        case AmountOffEach(amount, target):
            return Wanted(
                tuple(
                    min(amount.amount * line.quantity, line.total)
                    if target.matches(line.item)
                    else 0
                    for line in lines
                ),
                Scope.LINE,
            )
        case FixedPrice(unit_price, target):
            return Wanted(
                tuple(
                    max(0, line.total - unit_price.amount * line.quantity)
                    if target.matches(line.item)
                    else 0
                    for line in lines
                ),
                Scope.LINE,
            )
        case BuyXGetY(buy, get):
            amounts = _buy_x_get_y(action, lines, currency)
            short = None if any(amounts) else f"needs {buy} + {get} eligible items"
            return Wanted(amounts, Scope.LINE, unmet=short)
    raise AssertionError(action)  # pragma: no cover


def _take(
    order: list[int], position: list[int], left: list[int], wanted: int
) -> list[tuple[int, int]] | None:
    """Take `wanted` units walking `order` from `position[0]`; None if there are not enough."""
    taken: list[tuple[int, int]] = []
    p = position[0]
    while wanted > 0 and p < len(order):
        i = order[p]
        k = min(left[i], wanted)
        if k:
            taken.append((i, k))
            left[i] -= k
            wanted -= k
        if left[i] == 0:
            p += 1
    position[0] = p
    return None if wanted else taken


def _buy_x_get_y(action: BuyXGetY, lines: Sequence[LineView], currency: str) -> tuple[int, ...]:
    """Each application gives the `get` cheapest remaining units of `get_target` and uses up
    the `buy` dearest remaining units of `buy_target` (a unit is never both)."""

    # Unit prices compared exactly in integers: total x (common multiple / quantity).
    common = math.lcm(*(line.quantity for line in lines))
    unit = [line.total * (common // line.quantity) for line in lines]
    indices = range(len(lines))
    cheapest = sorted(
        (i for i in indices if action.get_target.matches(lines[i].item)), key=lambda i: (unit[i], i)
    )
    dearest = sorted(
        (i for i in indices if action.buy_target.matches(lines[i].item)),
        key=lambda i: (-unit[i], i),
    )
    left = [line.quantity for line in lines]
    free = [0] * len(lines)
    get_at, buy_at = [0], [0]
    applications = 0
    while action.max_applications is None or applications < action.max_applications:
        gets = _take(cheapest, get_at, left, action.get)
        if gets is None or _take(dearest, buy_at, left, action.buy) is None:
            break
        for i, k in gets:
            free[i] += k
        applications += 1
    return tuple(_units_off(lines[i], free[i], action, currency) if free[i] else 0 for i in indices)


def _units_off(line: LineView, units: int, action: BuyXGetY, currency: str) -> int:
    """`percent` of what `units` of the line cost: the line total split by largest remainder."""
    share = Money(line.total, currency).allocate([units, line.quantity - units])[0]
    return share.percentage(action.percent).amount


def shipping_discount(action: ShippingOff, option_id: str, price: int, currency: str) -> int:
    if action.option_ids and option_id not in action.option_ids:
        return 0
    if action.amount is not None:
        off = action.amount.amount
    elif action.percent is not None:
        off = Money(price, currency).percentage(action.percent).amount
    else:
        off = 0
    return max(0, min(off, price))
