"""Small builders for promotion engine tests: a cart reads like the example it describes."""

from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal

from domain.money import Money
from domain.promotions.actions import Action
from domain.promotions.conditions import ALWAYS, Condition
from domain.promotions.engine import price_cart
from domain.promotions.promotion import Kind, Promotion, PromotionBudget, Stacking
from domain.promotions.request import (
    Customer,
    EnteredCode,
    PricingLine,
    PricingRequest,
    RiskPolicy,
    ShippingOption,
)
from domain.promotions.result import PricingResult
from domain.promotions.targets import Item

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
STOREFRONT = "web"


def usd(amount: int) -> Money:
    return Money(amount, "USD")


def pct(value: int | str) -> Decimal:
    return Decimal(value)


def line(
    line_id: str,
    unit_price: int,
    quantity: int = 1,
    *,
    product: str | None = None,
    categories: frozenset[str] = frozenset(),
    collections: frozenset[str] = frozenset(),
    tags: frozenset[str] = frozenset(),
    floor: int | None = None,
    cost: int | None = None,
    currency: str = "USD",
) -> PricingLine:
    """A line whose variant id is `line_id` (product `p-<line_id>` unless given)."""
    item = Item(line_id, product or f"p-{line_id}", categories, collections, tags)
    return PricingLine(
        line_id,
        item,
        quantity,
        Money(unit_price, currency),
        None if floor is None else Money(floor, currency),
        None if cost is None else Money(cost, currency),
    )


def promo(
    promotion_id: str,
    action: Action,
    *,
    condition: Condition = ALWAYS,
    kind: Kind = Kind.CART,
    priority: int = 0,
    exclusive: bool = False,
    group: str | None = None,
    currency: str | None = "USD",
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
) -> Promotion:
    return Promotion(
        promotion_id,
        promotion_id.replace("-", " ").title(),
        kind,
        action,
        condition,
        priority,
        Stacking.EXCLUSIVE if exclusive else Stacking.COMBINABLE,
        group,
        currency,
        starts_at,
        ends_at,
    )


def price(
    lines: list[PricingLine],
    *promotions: Promotion,
    customer: Customer | None = None,
    shipping: Mapping[str, int] | None = None,
    selected: str | None = None,
    codes: tuple[EnteredCode, ...] = (),
    budgets: Mapping[str, PromotionBudget] | None = None,
    risk: RiskPolicy | None = None,
    now: datetime = NOW,
    storefront: str = STOREFRONT,
    currency: str = "USD",
    gift_stock: Mapping[str, int] | None = None,
) -> PricingResult:
    return price_cart(
        PricingRequest(
            storefront_id=storefront,
            currency=currency,
            lines=tuple(lines),
            now=now,
            promotions=promotions,
            customer=customer,
            shipping_options=tuple(
                ShippingOption(option_id, Money(amount, currency))
                for option_id, amount in (shipping or {}).items()
            ),
            selected_shipping_option_id=selected,
            entered_codes=codes,
            budgets=budgets or {},
            risk=risk or RiskPolicy(),
            gift_stock=gift_stock or {},
        )
    )


def totals(result: PricingResult) -> dict[str, int]:
    """Each line's final total by line id, in minor units."""
    return {line.line_id: line.total.amount for line in result.lines}


def applied_ids(result: PricingResult) -> list[str]:
    return [applied.promotion_id for applied in result.applied]


def reasons(result: PricingResult) -> dict[str, str]:
    """Why each promotion that did not apply did not, by id."""
    return {skipped.promotion_id: skipped.reason.value for skipped in result.not_applied}
