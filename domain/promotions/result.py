"""What the engine answers: prices per line and for the order, and why each promotion did or
did not apply. Every amount is `Money` in the request's currency."""

from dataclasses import dataclass
from enum import StrEnum

from domain.money import Money


class Reason(StrEnum):
    """Why a promotion was not applied, or why it was applied for less than it asked."""

    CURRENCY_MISMATCH = "currency_mismatch"
    NOT_STARTED = "not_started"
    EXPIRED = "expired"
    CONDITION_NOT_MET = "condition_not_met"
    EXCLUDED_BY_EXCLUSIVE = "excluded_by_exclusive"  # a higher-priority exclusive one applies
    NOT_COMBINABLE = "not_combinable"  # exclusive or another group, and something applies
    BUDGET_EXHAUSTED = "budget_exhausted"
    FLOOR_PRICE_REACHED = "floor_price_reached"
    MAX_DISCOUNT_REACHED = "max_discount_reached"
    NOTHING_TO_DISCOUNT = "nothing_to_discount"  # no targeted line, or already at zero
    GIFT_UNAVAILABLE = "gift_unavailable"  # the gift is out of stock or not sold here


class Scope(StrEnum):
    CATALOG = "catalog"  # a sale price
    LINE = "line"  # a cart promotion on the targeted items
    ORDER = "order"  # an order amount split over the lines


@dataclass(frozen=True, slots=True)
class LineDiscount:
    promotion_id: str
    scope: Scope
    amount: Money


@dataclass(frozen=True, slots=True)
class LineResult:
    line_id: str
    quantity: int
    list_unit_price: Money
    list_total: Money
    discounts: tuple[LineDiscount, ...]
    discount: Money
    total: Money


@dataclass(frozen=True, slots=True)
class OrderDiscount:
    promotion_id: str
    amount: Money


@dataclass(frozen=True, slots=True)
class ShippingResult:
    option_id: str
    price: Money
    discount: Money
    total: Money
    promotion_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GiftLine:
    promotion_id: str
    variant_id: str
    quantity: int
    value: Money


@dataclass(frozen=True, slots=True)
class Cap:
    """An applied promotion was cut from `wanted` by `reason`."""

    reason: Reason
    wanted: Money
    detail: str


@dataclass(frozen=True, slots=True)
class AppliedPromotion:
    """`amount`: item and order discount plus the selected shipping option's discount."""

    promotion_id: str
    name: str
    amount: Money
    caps: tuple[Cap, ...] = ()
    gifts: tuple[GiftLine, ...] = ()


@dataclass(frozen=True, slots=True)
class NotApplied:
    promotion_id: str
    name: str
    reason: Reason
    detail: str
    blocked_by: str | None = None  # the promotion that excluded this one, if any


class CodeStatus(StrEnum):
    APPLIED = "applied"
    MALFORMED = "malformed"
    UNKNOWN = "unknown"
    NOT_STARTED = "not_started"
    EXPIRED = "expired"
    EXHAUSTED = "exhausted"
    NOT_APPLIED = "not_applied"  # valid, but its promotion did not apply (see not_applied)


@dataclass(frozen=True, slots=True)
class CodeResult:
    code: str  # normalised
    status: CodeStatus
    promotion_id: str | None


@dataclass(frozen=True, slots=True)
class PricingResult:
    """`total` = `subtotal` - `discount` + `shipping` - `shipping_discount`, to the minor unit,
    where `shipping` is the selected option's price (zero when none is selected)."""

    currency: str
    lines: tuple[LineResult, ...]  # in the request's order
    order_discounts: tuple[OrderDiscount, ...]
    shipping_options: tuple[ShippingResult, ...]
    gifts: tuple[GiftLine, ...]
    applied: tuple[AppliedPromotion, ...]  # in the order they were applied
    not_applied: tuple[NotApplied, ...]  # in the order they were considered
    codes: tuple[CodeResult, ...]
    subtotal: Money
    discount: Money
    shipping: Money
    shipping_discount: Money
    total: Money


@dataclass(frozen=True, slots=True)
class VariantPrice:
    """A listing price: `price` is what one unit sells for; `list_price` can be shown struck
    through when it is higher."""

    variant_id: str
    list_price: Money
    price: Money
    applied: tuple[AppliedPromotion, ...]
    not_applied: tuple[NotApplied, ...]
