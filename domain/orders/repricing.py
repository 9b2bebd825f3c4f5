"""An order's lines and totals after an edit, priced by the engine checkout uses (pure).

The edit sets the quantity of each variant it names (0 removes the line, a variant not on the
order adds a line). Everything is then priced again with `domain.checkout.pricing.price_cart`,
the function that prices every cart, so the order adds up exactly as a checkout would:

- A line already on the order keeps the unit price and the tax rate it was bought at (an edit
  never reprices what the customer already agreed to), and keeps its promotion discount per
  unit: a new quantity takes `discount x new / old` (rounded down: never more than before).
  Promotions are not evaluated again: their uses and budgets were settled at checkout.
- A new line takes the storefront's current price, and the tax rate of the order's tax place
  (its shipping address, else its pickup point, else the storefront's country).
- Staff's discount is one amount on the whole order, split over the lines by largest
  remainder in proportion to what each line costs after its promotion (`allocate_capped`), so
  the lines' discounts always add up to the order's.
- Shipping stays what the order was charged for delivery; its tax is reckoned again at the
  order's tax place.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from uuid import UUID

from domain.checkout.offers import Offer
from domain.checkout.pricing import CartCost, LineCost, PricedLine, price_cart
from domain.checkout.taxes import TaxRate, rate_for
from domain.errors import ErrorCode, UserError
from domain.money import Money
from domain.orders.orders import Order, OrderLine
from domain.promotions.allocation import allocate_capped


@dataclass(frozen=True)
class TaxPlace:
    country: str
    region: str = ""


@dataclass(frozen=True)
class PlannedLine:
    variant_id: UUID
    source: OrderLine | None  # the order's line it changes; None: a new line
    offer: Offer | None  # what a new line is bought as (names, SKU, product)
    quantity: int
    manual_discount: int  # its share of staff's order discount (part of cost.discount)
    cost: LineCost


@dataclass(frozen=True)
class RepricedOrder:
    order: Order
    lines: tuple[PlannedLine, ...]
    removed: tuple[OrderLine, ...]
    cost: CartCost
    manual_discount: int
    previous_total: Money  # the order's total before the edit

    @property
    def difference(self) -> Money:
        """The new total less the old: > 0 the customer owes it, < 0 it is refunded."""
        return self.cost.total - self.previous_total


def tax_place(order: Order, default_country: str) -> TaxPlace:
    """Where the order's tax is reckoned, as checkout chose (see `domain/checkout/quotes.py`)."""
    house = order.delivery.get("warehouse")
    if order.delivery.get("kind") == "PICKUP" and house:
        return TaxPlace(house.get("country", default_country))
    if order.shipping_address is not None:
        address = order.shipping_address
        return TaxPlace(address["country"], address.get("region", ""))
    return TaxPlace(default_country)


def line_key(line: OrderLine) -> UUID:
    """A line by its variant (what edits name); a line whose variant is gone, by its own id."""
    return line.variant_id or line.id


def _promotion_discount(line: OrderLine, quantity: int) -> int:
    bought = line.discount_amount - line.manual_discount_amount
    return bought * quantity // line.quantity if line.quantity else 0


def _priced(
    variant_id: UUID,
    quantity: int,
    source: OrderLine | None,
    offer: Offer | None,
    rates: Sequence[TaxRate],
    place: TaxPlace,
    currency: str,
) -> PricedLine:
    if source is not None:
        return PricedLine(
            variant_id,
            quantity,
            Money(source.unit_price_amount, currency),
            source.tax_rate_ppm,
            _promotion_discount(source, quantity),
        )
    assert offer is not None and offer.price is not None
    rate = rate_for(rates, offer.tax_class_id, place.country, place.region)
    return PricedLine(variant_id, quantity, offer.price, rate)


def reprice(
    order: Order,
    lines: Sequence[OrderLine],
    quantities: Mapping[UUID, int],
    offers: Mapping[UUID, Offer],
    rates: Sequence[TaxRate],
    place: TaxPlace,
    manual_discount: int,
) -> RepricedOrder:
    """The order with each variant in `quantities` at that quantity (the caller checked that
    every new variant has a priced offer), and staff's discount `manual_discount`."""
    by_variant = {line_key(line): line for line in lines}
    wanted = {line_key(line): line.quantity for line in lines}
    wanted.update(quantities)
    kept = [(v, n) for v, n in wanted.items() if n > 0]
    if not kept:
        raise UserError("An order keeps at least one line.", field="lines", code=ErrorCode.REQUIRED)
    base = [
        _priced(v, n, by_variant.get(v), offers.get(v), rates, place, order.currency)
        for v, n in kept
    ]
    shares = _split_discount(manual_discount, base, order.currency)
    priced = [
        PricedLine(p.variant_id, p.quantity, p.unit_price, p.tax_rate_ppm, p.discount + share)
        for p, share in zip(base, shares, strict=True)
    ]
    cost = price_cart(
        order.currency,
        priced,
        shipping=order.money(order.shipping_amount),
        shipping_rate_ppm=rate_for(rates, None, place.country, place.region),
        prices_include_tax=order.prices_include_tax,
    )
    planned = tuple(
        PlannedLine(v, by_variant.get(v), offers.get(v), n, share, line_cost)
        for (v, n), share, line_cost in zip(kept, shares, cost.lines, strict=True)
    )
    removed = tuple(line for line in lines if wanted[line_key(line)] == 0)
    return RepricedOrder(order, planned, removed, cost, manual_discount, order.total)


def _split_discount(amount: int, lines: Sequence[PricedLine], currency: str) -> list[int]:
    """Staff's order discount over the lines, by what each costs after its promotion."""
    nets = [max(p.unit_price.amount * p.quantity - p.discount, 0) for p in lines]
    if amount > sum(nets):
        limit = Money(sum(nets), currency).format()
        raise UserError(
            f"A discount cannot exceed what the lines cost ({limit}).",
            field="discount",
            code=ErrorCode.INVALID,
        )
    if amount <= 0:
        return [0] * len(lines)
    return allocate_capped(amount, nets, nets, currency)
