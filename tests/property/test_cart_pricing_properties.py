"""Properties of cart pricing and allocation that must hold for every cart."""

from uuid import UUID, uuid4

from hypothesis import given
from hypothesis import strategies as st

from domain.checkout.allocation import Unavailable, WarehouseStock, allocate
from domain.checkout.pricing import PricedLine, price_cart
from domain.money import Money

CURRENCIES = st.sampled_from(["USD", "JPY", "KWD"])
RATES = st.sampled_from([0, 50_000, 72_500, 82_500, 190_000, 200_000, 1_000_000]) | st.integers(
    0, 1_000_000
)


@st.composite
def carts(draw: st.DrawFn) -> tuple[str, list[PricedLine], Money, int, bool]:
    currency = draw(CURRENCIES)
    lines = [
        PricedLine(
            uuid4(),
            draw(st.integers(1, 50)),
            Money(draw(st.integers(0, 10_000_000)), currency),
            draw(RATES),
            draw(st.integers(0, 100_000)),
        )
        for _ in range(draw(st.integers(0, 30)))
    ]
    shipping = Money(draw(st.integers(0, 100_000)), currency)
    return currency, lines, shipping, draw(RATES), draw(st.booleans())


@given(carts())
def test_the_total_always_adds_up_to_the_minor_unit(
    cart: tuple[str, list[PricedLine], Money, int, bool],
) -> None:
    currency, lines, shipping, shipping_rate, included = cart
    cost = price_cart(
        currency,
        lines,
        shipping=shipping,
        shipping_rate_ppm=shipping_rate,
        prices_include_tax=included,
    )
    tax_on_top = 0 if included else cost.tax.amount
    assert (
        cost.total.amount
        == cost.subtotal.amount - cost.discount.amount + cost.shipping.amount + tax_on_top
    )
    shipping_total = cost.shipping.amount + (0 if included else cost.shipping_tax.amount)
    assert cost.total.amount == sum(line.total.amount for line in cost.lines) + shipping_total
    assert cost.tax.amount == sum(line.tax.amount for line in cost.lines) + cost.shipping_tax.amount
    assert all(0 <= line.discount.amount <= line.subtotal.amount for line in cost.lines)
    assert all(line.tax.amount >= 0 for line in cost.lines)
    assert cost.total.amount >= 0


@given(carts())
def test_the_line_order_does_not_change_the_cost(
    cart: tuple[str, list[PricedLine], Money, int, bool],
) -> None:
    currency, lines, shipping, rate, included = cart
    options = {"shipping": shipping, "shipping_rate_ppm": rate, "prices_include_tax": included}
    forward = price_cart(currency, lines, **options)  # type: ignore[arg-type]
    backward = price_cart(currency, list(reversed(lines)), **options)  # type: ignore[arg-type]
    assert (forward.total, forward.tax) == (backward.total, backward.tax)


WAREHOUSES = [uuid4() for _ in range(4)]
VARIANTS = [uuid4() for _ in range(5)]


@given(
    st.dictionaries(st.sampled_from(VARIANTS), st.integers(1, 20), max_size=5),
    st.lists(
        st.dictionaries(st.sampled_from(VARIANTS), st.integers(0, 20)), min_size=0, max_size=4
    ),
)
def test_allocation_places_exactly_the_demand_and_never_more_than_a_warehouse_has(
    demand: dict[UUID, int], stocks: list[dict[UUID, int]]
) -> None:
    candidates = [WarehouseStock(WAREHOUSES[i], stock) for i, stock in enumerate(stocks)]
    try:
        placed = allocate(demand, [], candidates)
    except Unavailable as error:
        for variant, short in error.short.items():
            assert short > 0
            assert sum(s.get(variant, 0) for s in stocks) < demand[variant]
        return
    for variant, units in demand.items():
        assert sum(a.quantity for a in placed if a.variant_id == variant) == units
    for candidate in candidates:
        for variant in VARIANTS:
            taken = sum(
                a.quantity
                for a in placed
                if a.warehouse_id == candidate.warehouse_id and a.variant_id == variant
            )
            assert taken <= candidate.available.get(variant, 0)
    assert all(a.quantity > 0 for a in placed)
