"""Risk control: the lowest price a line may reach, and the most an order may be discounted.

- A line's floor is `quantity` x the variant's floor unit price: the higher of its explicit
  floor price and `floor_percent_of_cost` percent of its cost, rounded UP to the minor unit
  (a floor errs on the safe side). A line already listed below its floor is never raised; it
  just takes no discount.
- The order allowance is the lower of `max_order_discount` and `max_order_discount_percent`
  percent of the list subtotal (`Money.percentage`). It covers catalog, line and order
  discounts; shipping discounts and gift items are not counted against it.
"""

from decimal import ROUND_CEILING, Decimal

from domain.money import Money
from domain.promotions.request import PricingLine, RiskPolicy


def floor_unit_price(line: PricingLine, policy: RiskPolicy) -> int:
    floors = [0]
    if line.floor_unit_price is not None:
        floors.append(line.floor_unit_price.amount)
    if line.unit_cost is not None and policy.floor_percent_of_cost is not None:
        exact = Decimal(line.unit_cost.amount) * policy.floor_percent_of_cost / 100
        floors.append(int(exact.to_integral_value(rounding=ROUND_CEILING)))
    return max(floors)


def order_allowance(list_subtotal: Money, policy: RiskPolicy) -> int | None:
    """The most the order may be discounted, or None for no limit."""
    limits = []
    if policy.max_order_discount is not None:
        limits.append(policy.max_order_discount.amount)
    if policy.max_order_discount_percent is not None:
        limits.append(list_subtotal.percentage(policy.max_order_discount_percent).amount)
    return max(0, min(limits)) if limits else None
