"""Conditions: when a promotion applies, as a tree of `AllOf`/`AnyOf` over simple tests.

| condition          | holds when                                                            |
|--------------------|-----------------------------------------------------------------------|
| MinSubtotal        | the targeted lines cost at least `amount` (at sale prices, see below) |
| MinQuantity        | at least `quantity` targeted items are in the cart                    |
| CartContains       | some targeted item is in the cart                                     |
| CustomerTagged     | the customer has any of `tags` (a guest has none)                     |
| CustomerInSegment  | the customer is in any of `segment_ids`                               |
| CustomerTier       | the customer's tier is one of `tier_ids`                              |
| FirstOrder         | the customer has no order yet (a guest counts as a first order)       |
| OnStorefront       | the request comes from one of `storefront_ids`                        |
| Between            | `starts_at <= now < ends_at` (either end may be open)                 |
| CodeEntered        | the shopper entered a usable code that belongs to this promotion      |
| AllOf / AnyOf      | every / some nested condition holds; `AllOf()` always holds           |

Cart conditions see the cart as catalog promotions priced it, before any cart promotion, so
the order in which cart promotions apply never changes which of them are eligible.
`unmet` returns None when a condition holds, otherwise the first reason it does not, in words.
"""

from dataclasses import dataclass
from datetime import datetime

from domain.money import Money
from domain.promotions.targets import EVERYTHING, Item, Target


@dataclass(frozen=True, slots=True)
class MinSubtotal:
    amount: Money
    target: Target = EVERYTHING


@dataclass(frozen=True, slots=True)
class MinQuantity:
    quantity: int
    target: Target = EVERYTHING


@dataclass(frozen=True, slots=True)
class CartContains:
    target: Target


@dataclass(frozen=True, slots=True)
class CustomerTagged:
    tags: frozenset[str]


@dataclass(frozen=True, slots=True)
class CustomerInSegment:
    segment_ids: frozenset[str]


@dataclass(frozen=True, slots=True)
class CustomerTier:
    tier_ids: frozenset[str]


@dataclass(frozen=True, slots=True)
class FirstOrder:
    pass


@dataclass(frozen=True, slots=True)
class OnStorefront:
    storefront_ids: frozenset[str]


@dataclass(frozen=True, slots=True)
class Between:
    starts_at: datetime | None = None
    ends_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class CodeEntered:
    pass


@dataclass(frozen=True, slots=True)
class AllOf:
    conditions: tuple["Condition", ...] = ()


@dataclass(frozen=True, slots=True)
class AnyOf:
    conditions: tuple["Condition", ...] = ()


Condition = (
    MinSubtotal
    | MinQuantity
    | CartContains
    | CustomerTagged
    | CustomerInSegment
    | CustomerTier
    | FirstOrder
    | OnStorefront
    | Between
    | CodeEntered
    | AllOf
    | AnyOf
)
ALWAYS = AllOf()

# Conditions that look at the cart: a catalog promotion (a sale price shown in listings,
# where there is no cart) may not use them.
CART_CONDITIONS = (MinSubtotal, MinQuantity, CartContains, CodeEntered)


@dataclass(frozen=True, slots=True)
class CartLineFacts:
    item: Item
    quantity: int
    total: int  # minor units, at sale prices


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything a condition may look at."""

    currency: str
    storefront_id: str
    now: datetime
    lines: tuple[CartLineFacts, ...] = ()
    customer_tags: frozenset[str] = frozenset()
    segment_ids: frozenset[str] = frozenset()
    tier_id: str | None = None
    order_count: int = 0
    coded_promotion_ids: frozenset[str] = frozenset()


def unmet(condition: Condition, facts: Facts, promotion_id: str) -> str | None:
    """None when `condition` holds for `facts`, else why not (the first failing test)."""
    match condition:
        case AllOf(conditions):
            for part in conditions:
                reason = unmet(part, facts, promotion_id)
                if reason is not None:
                    return reason
            return None
        case AnyOf(conditions):
            if not conditions:
                return "no alternative given"
            reasons = [unmet(part, facts, promotion_id) for part in conditions]
            if None in reasons:
                return None
            return "none of: " + "; ".join(r for r in reasons if r is not None)
        case MinSubtotal() | MinQuantity() | CartContains():
            return _cart_unmet(condition, facts)
        case CodeEntered():
            return None if promotion_id in facts.coded_promotion_ids else "no code entered"
        case _:
            return _context_unmet(condition, facts)


def _cart_unmet(condition: MinSubtotal | MinQuantity | CartContains, facts: Facts) -> str | None:
    targeted = [line for line in facts.lines if condition.target.matches(line.item)]
    match condition:
        case MinSubtotal(amount, target):
            spent = Money(sum(line.total for line in targeted), facts.currency)
            if spent.amount >= amount.amount:
                return None
            scope = "" if target.is_everything else f" for {target.describe()}"
            return f"subtotal{scope} {spent.format()} is below {amount.format()}"
        case MinQuantity(quantity, target):
            count = sum(line.quantity for line in targeted)
            if count >= quantity:
                return None
            return f"{count} of {quantity} items of {target.describe()}"
        case CartContains(target):
            return None if targeted else f"no {target.describe()} in the cart"
    raise AssertionError(condition)  # pragma: no cover


def _context_unmet(condition: Condition, facts: Facts) -> str | None:
    match condition:
        case CustomerTagged(tags):
            return None if tags & facts.customer_tags else "customer is not tagged " + _any(tags)
        case CustomerInSegment(segment_ids):
            return None if segment_ids & facts.segment_ids else "customer is not in the segment"
        case CustomerTier(tier_ids):
            return None if facts.tier_id in tier_ids else "customer is not in the tier"
        case FirstOrder():
            return None if facts.order_count == 0 else "customer has ordered before"
        case OnStorefront(storefront_ids):
            return None if facts.storefront_id in storefront_ids else "not on this storefront"
        case Between(starts_at, ends_at):
            if starts_at is not None and facts.now < starts_at:
                return f"not before {starts_at.isoformat()}"
            if ends_at is not None and facts.now >= ends_at:
                return f"ended at {ends_at.isoformat()}"
            return None
    raise AssertionError(condition)  # pragma: no cover


def _any(values: frozenset[str]) -> str:
    return " or ".join(sorted(values))


def walk(condition: Condition) -> list[Condition]:
    """The condition and every condition nested in it, depth first."""
    if isinstance(condition, AllOf | AnyOf):
        return [condition, *(c for part in condition.conditions for c in walk(part))]
    return [condition]
