"""A cart's cost: lines, discount, shipping, tax and total, in minor units, adding up exactly.

Prices are recomputed from the catalog every time; a client never sends one. Each line's
subtotal is unit price x quantity; its tax is split off its own total once (see
`domain/checkout/taxes.py` for the rounding rule), so:

    total = subtotal - discount + shipping (+ tax, when prices are entered without tax)
    total = Σ line totals + shipping total

hold to the minor unit for every cart.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from domain.checkout.taxes import split_tax
from domain.money import Money


@dataclass(frozen=True)
class PricedLine:
    variant_id: UUID
    quantity: int
    unit_price: Money
    tax_rate_ppm: int
    discount: int = 0  # minor units off the line's subtotal (promotions)


@dataclass(frozen=True)
class LineCost:
    variant_id: UUID
    quantity: int
    unit_price: Money
    subtotal: Money  # unit price x quantity, as entered
    discount: Money
    tax: Money
    total: Money  # what the line adds to the cart's total
    tax_rate_ppm: int


@dataclass(frozen=True)
class CartCost:
    lines: tuple[LineCost, ...]
    subtotal: Money
    discount: Money
    shipping: Money
    shipping_tax: Money
    tax: Money
    total: Money
    prices_include_tax: bool


def _line(line: PricedLine, currency: str, included: bool) -> LineCost:
    if line.unit_price.currency != currency:
        raise ValueError(f"a {line.unit_price.currency} price in a {currency} cart")
    subtotal = line.unit_price.amount * line.quantity
    discount = min(max(line.discount, 0), subtotal)
    taxed = split_tax(subtotal - discount, line.tax_rate_ppm, included=included)
    total = taxed.gross if not included else subtotal - discount
    return LineCost(
        line.variant_id,
        line.quantity,
        line.unit_price,
        Money(subtotal, currency),
        Money(discount, currency),
        Money(taxed.tax, currency),
        Money(total, currency),
        line.tax_rate_ppm,
    )


def price_cart(
    currency: str,
    lines: Sequence[PricedLine],
    *,
    shipping: Money | None,
    shipping_rate_ppm: int,
    prices_include_tax: bool,
) -> CartCost:
    costs = tuple(_line(line, currency, prices_include_tax) for line in lines)
    shipping_amount = 0 if shipping is None else shipping.amount
    shipping_taxed = split_tax(shipping_amount, shipping_rate_ppm, included=prices_include_tax)
    subtotal = sum(cost.subtotal.amount for cost in costs)
    discount = sum(cost.discount.amount for cost in costs)
    tax = sum(cost.tax.amount for cost in costs) + shipping_taxed.tax
    total = subtotal - discount + shipping_amount + (0 if prices_include_tax else tax)
    return CartCost(
        lines=costs,
        subtotal=Money(subtotal, currency),
        discount=Money(discount, currency),
        shipping=Money(shipping_amount, currency),
        shipping_tax=Money(shipping_taxed.tax, currency),
        tax=Money(tax, currency),
        total=Money(total, currency),
        prices_include_tax=prices_include_tax,
    )
