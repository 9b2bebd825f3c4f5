"""Conflict detection for a new or edited promotion against the existing ones: warnings for a
merchant to read before saving, never errors (the engine stays safe either way).

- OVERLAPPING_EXCLUSIVE: the promotion and another of the same kind (catalog or cart) overlap
  in time and in targets, and at least one of them is exclusive, so where they overlap only
  the one considered first (higher priority, then id) can apply.
- FLOOR_AT_RISK: for a variant in `catalog`, the promotion together with every promotion that
  could stack with it (same window, targeting the variant, compatible in its phase, or of the
  other phase) would take one unit below its floor price. The engine would cap the discount;
  the warning says the promotion will not deliver what it promises there.

Targets overlap when either targets everything, when a `catalog` variant matches both, or
(with no catalog) when they name a common product, variant, category, collection or tag.
Shipping and gift promotions concern the whole order. Lifetimes are compared as half-open
intervals, open ends unbounded; promotions priced in different currencies never meet;
conditions (storefronts, customers, codes) are ignored, so a warning means "could", not
"will".
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.money import Money
from domain.promotions.actions import (
    Action,
    AmountOffEach,
    AmountOffOrder,
    BuyXGetY,
    FixedPrice,
    PercentOff,
    Tiered,
)
from domain.promotions.promotion import Promotion
from domain.promotions.stacking import compatible, consideration_order
from domain.promotions.targets import EVERYTHING, Item, Target


class ConflictKind(StrEnum):
    OVERLAPPING_EXCLUSIVE = "overlapping_exclusive"
    FLOOR_AT_RISK = "floor_at_risk"


@dataclass(frozen=True, slots=True)
class ConflictWarning:
    kind: ConflictKind
    promotion_ids: tuple[str, ...]  # in the order the engine would consider them
    message: str
    variant_id: str | None = None


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    """A variant to check floors on, with its list price and floor price."""

    item: Item
    list_price: Money
    floor_price: Money


def find_conflicts(
    promotion: Promotion, existing: Sequence[Promotion], catalog: Sequence[CatalogEntry] = ()
) -> list[ConflictWarning]:
    others = [
        other
        for other in existing
        if other.id != promotion.id
        and _same_time(other, promotion)
        and _same_currency(other, promotion)
    ]
    warnings = [
        _exclusive_warning(promotion, other)
        for other in others
        if other.kind is promotion.kind
        and (other.exclusive or promotion.exclusive)
        and _overlap(_targets(promotion.action), _targets(other.action), catalog)
    ]
    for entry in catalog:
        warning = _floor_warning(promotion, others, entry)
        if warning is not None:
            warnings.append(warning)
    return warnings


def _same_currency(a: Promotion, b: Promotion) -> bool:
    """A promotion without a currency (a percentage) meets every other."""
    return a.currency is None or b.currency is None or a.currency == b.currency


def _same_time(a: Promotion, b: Promotion) -> bool:
    def before(end: datetime | None, start: datetime | None) -> bool:
        return end is not None and start is not None and end <= start

    return not before(a.ends_at, b.starts_at) and not before(b.ends_at, a.starts_at)


def _targets(action: Action) -> tuple[Target, ...]:
    match action:
        case PercentOff(_, target) | AmountOffEach(_, target) | AmountOffOrder(_, target):
            return (target,)
        case FixedPrice(_, target) | Tiered(_, target):
            return (target,)
        case BuyXGetY(buy_target=buy, get_target=get):
            return (buy, get)
    return (EVERYTHING,)


def _overlap(a: Sequence[Target], b: Sequence[Target], catalog: Sequence[CatalogEntry]) -> bool:
    return any(_pair_overlaps(x, y, catalog) for x in a for y in b)


def _pair_overlaps(a: Target, b: Target, catalog: Sequence[CatalogEntry]) -> bool:
    if a.is_everything or b.is_everything:
        return True
    if catalog:
        return any(a.matches(entry.item) and b.matches(entry.item) for entry in catalog)
    return bool(
        a.product_ids & b.product_ids
        or a.variant_ids & b.variant_ids
        or a.category_ids & b.category_ids
        or a.collection_ids & b.collection_ids
        or a.tags & b.tags
    )


def _exclusive_warning(promotion: Promotion, other: Promotion) -> ConflictWarning:
    first, second = consideration_order([promotion, other])
    return ConflictWarning(
        ConflictKind.OVERLAPPING_EXCLUSIVE,
        (first.id, second.id),
        f"{promotion.name!r} overlaps {other.name!r} and one is exclusive: where both apply, "
        f"only {first.name!r} will.",
    )


def _floor_warning(
    promotion: Promotion, others: Sequence[Promotion], entry: CatalogEntry
) -> ConflictWarning | None:
    if not _touches(promotion, entry):
        return None
    stack = [promotion] + [
        other
        for other in others
        if _touches(other, entry)
        and (other.kind is not promotion.kind or compatible(other, promotion))
    ]
    price = entry.list_price.amount
    for member in consideration_order(stack):
        price = _worst_unit_price(member.action, price, entry.list_price.currency)
    if price >= entry.floor_price.amount:
        return None
    ids = tuple(member.id for member in consideration_order(stack))
    return ConflictWarning(
        ConflictKind.FLOOR_AT_RISK,
        ids,
        f"Together these promotions could sell {entry.item.variant_id} for "
        f"{Money(price, entry.list_price.currency).format()}, below its floor of "
        f"{entry.floor_price.format()}; the engine will stop at the floor.",
        variant_id=entry.item.variant_id,
    )


def _touches(promotion: Promotion, entry: CatalogEntry) -> bool:
    """Whether the promotion can lower this variant's unit price (shipping and gifts cannot)."""
    if promotion.currency not in (None, entry.list_price.currency):
        return False
    if not isinstance(promotion.action, _ITEM_ACTIONS):
        return False
    return any(target.matches(entry.item) for target in _targets(promotion.action))


_ITEM_ACTIONS = (PercentOff, AmountOffEach, AmountOffOrder, FixedPrice, BuyXGetY, Tiered)


def _worst_unit_price(action: Action, price: int, currency: str) -> int:
    """The lowest one unit could reach under `action` (an order amount all on this unit)."""
    match action:
        case PercentOff(percent) | BuyXGetY(percent=percent):
            return price - Money(price, currency).percentage(percent).amount
        case AmountOffEach(amount) | AmountOffOrder(amount):
            return max(0, price - amount.amount)
        case FixedPrice(unit_price):
            return min(price, unit_price.amount)
        case Tiered(tiers):
            return max(0, price - max((tier.amount.amount for tier in tiers), default=0))
    return price
