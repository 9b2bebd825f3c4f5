"""Listing prices: what one unit of a variant sells for on listings and product pages.

Only catalog promotions count (cart promotions need a cart), priced exactly as `price_cart`
prices a one-unit cart, so a listing shows what the cart will charge for each unit, unless an
order-wide discount limit or a promotion's remaining budget binds in the cart.
"""

from collections.abc import Mapping, Sequence
from datetime import datetime

from domain.money import Money
from domain.promotions.engine import price_cart
from domain.promotions.promotion import Kind, Promotion, PromotionBudget
from domain.promotions.request import NO_LIMITS, Customer, PricingLine, PricingRequest, RiskPolicy
from domain.promotions.result import VariantPrice
from domain.promotions.targets import Item


def price_variant(
    item: Item,
    list_price: Money,
    *,
    storefront_id: str,
    now: datetime,
    promotions: Sequence[Promotion],
    customer: Customer | None = None,
    budgets: Mapping[str, PromotionBudget] | None = None,
    risk: RiskPolicy = NO_LIMITS,
    floor_unit_price: Money | None = None,
    unit_cost: Money | None = None,
) -> VariantPrice:
    """The sale price of one unit, as listings and product pages show it."""
    line = PricingLine(item.variant_id, item, 1, list_price, floor_unit_price, unit_cost)
    result = price_cart(
        PricingRequest(
            storefront_id=storefront_id,
            currency=list_price.currency,
            lines=(line,),
            now=now,
            promotions=tuple(p for p in promotions if p.kind is Kind.CATALOG),
            customer=customer,
            budgets=budgets or {},
            risk=risk,
        )
    )
    return VariantPrice(
        item.variant_id, list_price, result.lines[0].total, result.applied, result.not_applied
    )
