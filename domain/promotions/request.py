"""What the engine is asked to price: the cart, the customer, the moment, the risk policy.

Everything arrives already loaded (the engine does no I/O): the caller resolves entered codes
to their promotion, reads each promotion's remaining budget, and picks the storefront's
risk policy. Promotions are the ones the storefront has active (any order; the engine still
checks each one's lifetime and currency). Ids are strings (`str(uuid)` for the project's UUIDs); line ids are unique per
request and only used to tell lines apart and to order them canonically.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from domain.money import Money
from domain.promotions.promotion import Promotion, PromotionBudget
from domain.promotions.targets import Item


@dataclass(frozen=True, slots=True)
class PricingLine:
    """One cart line at list price. `floor_unit_price` and `unit_cost` feed risk control."""

    line_id: str
    item: Item
    quantity: int
    list_unit_price: Money
    floor_unit_price: Money | None = None
    unit_cost: Money | None = None


@dataclass(frozen=True, slots=True)
class Customer:
    """A signed-in customer; a guest is `None` in the request. `segment_ids`: the segments the
    customer is in now (the caller evaluates segment rules)."""

    customer_id: str
    tags: frozenset[str] = frozenset()
    segment_ids: frozenset[str] = frozenset()
    tier_id: str | None = None
    order_count: int = 0


@dataclass(frozen=True, slots=True)
class ShippingOption:
    option_id: str
    price: Money


@dataclass(frozen=True, slots=True)
class EnteredCode:
    """A code as the shopper typed it, with what storage knows of it.

    `promotion_id` is the promotion the normalised code belongs to (None: no such code);
    `remaining_uses` is how often this very code may still be used (None: no limit).
    """

    code: str
    promotion_id: str | None = None
    remaining_uses: int | None = None


@dataclass(frozen=True, slots=True)
class RiskPolicy:
    """The storefront's limits. A floor of `floor_percent_of_cost` percent of a variant's cost
    (100: never below cost) adds to any explicit floor price; the higher floor wins."""

    max_order_discount: Money | None = None
    max_order_discount_percent: Decimal | None = None
    floor_percent_of_cost: Decimal | None = None


NO_LIMITS = RiskPolicy()


@dataclass(frozen=True, slots=True)
class PricingRequest:
    storefront_id: str
    currency: str
    lines: tuple[PricingLine, ...]
    now: datetime
    promotions: tuple[Promotion, ...] = ()
    customer: Customer | None = None
    shipping_options: tuple[ShippingOption, ...] = ()
    selected_shipping_option_id: str | None = None
    entered_codes: tuple[EnteredCode, ...] = ()
    budgets: Mapping[str, PromotionBudget] = field(default_factory=dict)
    risk: RiskPolicy = NO_LIMITS
    # Units of each gift variant that can be given now, beyond what the cart's lines take
    # (missing: not limited). A gift promotion whose gift is short is not applied.
    gift_stock: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Refuse what a caller should never build: ValueError, not a user error."""
        if len({line.line_id for line in self.lines}) != len(self.lines):
            raise ValueError("line ids must be unique")
        if len({p.id for p in self.promotions}) != len(self.promotions):
            raise ValueError("promotion ids must be unique")
        for line in self.lines:
            prices = (line.list_unit_price, line.floor_unit_price, line.unit_cost)
            if any(price is not None and price.currency != self.currency for price in prices):
                raise ValueError(f"line {line.line_id} is not priced in {self.currency}")
            if line.quantity < 1 or line.list_unit_price.amount < 0:
                raise ValueError(f"line {line.line_id} needs a quantity and a price")
        options = {option.option_id: option.price for option in self.shipping_options}
        if any(price.currency != self.currency or price.amount < 0 for price in options.values()):
            raise ValueError(f"shipping options must be priced in {self.currency}")
        if self.selected_shipping_option_id not in (None, *options):
            raise ValueError("the selected shipping option is not among the options")
