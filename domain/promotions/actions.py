"""Actions: what a promotion does once its conditions hold.

| action          | effect                                                                       |
|-----------------|------------------------------------------------------------------------------|
| PercentOff      | `percent` off the targeted lines (catalog: off each unit's list price)       |
| AmountOffEach   | `amount` off each targeted unit, never below zero                            |
| AmountOffOrder  | `amount` off the targeted lines together (all lines by default)              |
| FixedPrice      | each targeted unit costs `unit_price` (cheaper lines stay as they are)       |
| BuyXGetY        | for every `buy` units of `buy_target`, `get` units of `get_target` at        |
|                 | `percent` off (100: free), cheapest first; at most `max_applications` times  |
| Tiered          | the highest tier whose `threshold` the targeted lines reach (at sale prices) |
|                 | takes its `amount` off them                                                  |
| ShippingOff     | `percent` (100: free) or `amount` off the options in `option_ids` (or all)   |
| GiftItem        | adds `quantity` of a variant for free; `value` (its list price) counts       |
|                 | against the promotion's budget                                               |

Cart percentages and order amounts are computed on the targeted lines together, rounded once
(`Money.percentage`, half to even) and split over them by largest remainder (`Money.allocate`),
so the parts add up to the minor unit. Buy X get Y prices the free units as their share of the
line (`Money.allocate`), then takes the percentage. A catalog percentage is rounded per unit,
so a line costs exactly its quantity times the listed price.
Catalog promotions may only use PercentOff, AmountOffEach and FixedPrice: they are per-unit
prices a listing can show.
"""

from dataclasses import dataclass
from decimal import Decimal

from domain.money import Money
from domain.promotions.targets import EVERYTHING, Target


@dataclass(frozen=True, slots=True)
class PercentOff:
    percent: Decimal
    target: Target = EVERYTHING


@dataclass(frozen=True, slots=True)
class AmountOffEach:
    amount: Money
    target: Target = EVERYTHING


@dataclass(frozen=True, slots=True)
class AmountOffOrder:
    amount: Money
    target: Target = EVERYTHING


@dataclass(frozen=True, slots=True)
class FixedPrice:
    unit_price: Money
    target: Target = EVERYTHING


@dataclass(frozen=True, slots=True)
class BuyXGetY:
    buy: int
    get: int
    buy_target: Target = EVERYTHING
    get_target: Target = EVERYTHING
    percent: Decimal = Decimal(100)
    max_applications: int | None = None


@dataclass(frozen=True, slots=True)
class Tier:
    threshold: Money
    amount: Money


@dataclass(frozen=True, slots=True)
class Tiered:
    tiers: tuple[Tier, ...]
    target: Target = EVERYTHING


@dataclass(frozen=True, slots=True)
class ShippingOff:
    """Exactly one of `percent` and `amount`; FREE_SHIPPING is 100 percent off."""

    percent: Decimal | None = None
    amount: Money | None = None
    option_ids: frozenset[str] = frozenset()


FREE_SHIPPING = ShippingOff(percent=Decimal(100))


@dataclass(frozen=True, slots=True)
class GiftItem:
    variant_id: str
    value: Money
    quantity: int = 1


Action = (
    PercentOff
    | AmountOffEach
    | AmountOffOrder
    | FixedPrice
    | BuyXGetY
    | Tiered
    | ShippingOff
    | GiftItem
)
CATALOG_ACTIONS = (PercentOff, AmountOffEach, FixedPrice)
