"""An edited order is priced by checkout's engine: lines keep what they were bought at, new
ones take today's price, staff's discount is split so everything still adds up."""

from datetime import UTC, datetime
from uuid import UUID, uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.checkout.offers import Offer
from domain.errors import UserError
from domain.money import Money
from domain.orders.editing import editable
from domain.orders.orders import Order, OrderLine
from domain.orders.repricing import TaxPlace, reprice

NOW = datetime(2026, 12, 3, tzinfo=UTC)
MERCHANT = uuid4()
TEE, MUG, CAP = uuid4(), uuid4(), uuid4()
PLACE = TaxPlace("US")


def an_order(**fields: object) -> Order:
    values: dict[str, object] = dict(
        id=uuid4(), merchant_id=MERCHANT, number=1, token="t", storefront_id=uuid4(),
        storefront_name="Web", customer_id=None, cart_id=uuid4(), checkout_key="k",
        email="a@example.com", status="PAID", currency="USD", prices_include_tax=False,
        subtotal_amount=5250, discount_amount=250, shipping_amount=500, tax_amount=0,
        total_amount=5500, shipping_address=None, billing_address=None,
        delivery={"kind": "SHIPPING"}, customer_note="", stock_reserved=True,
        created_at=NOW, updated_at=NOW,
    )  # fmt: skip
    values.update(fields)
    return Order(**values)  # type: ignore[arg-type]


def a_line(order: Order, variant: UUID, quantity: int, unit: int, discount: int = 0) -> OrderLine:
    subtotal = unit * quantity
    return OrderLine(
        uuid4(), MERCHANT, order.id, 0, variant, uuid4(), "P", "V", "SKU", quantity, "USD",
        unit, subtotal, discount, 0, 0, subtotal - discount,
    )  # fmt: skip


def an_offer(variant: UUID, price: int) -> Offer:
    return Offer(
        variant, uuid4(), "Cap", "One size", "CAP", None, None, True, None,
        Money(price, "USD"), True,
    )  # fmt: skip


ORDER = an_order()
LINES = [a_line(ORDER, TEE, 2, 2000, discount=250), a_line(ORDER, MUG, 1, 1250)]


def test_unchanged_quantities_price_the_order_as_it_was_bought() -> None:
    same = reprice(ORDER, LINES, {TEE: 2}, {}, [], PLACE, 0)
    assert same.cost.total == Money(5500, "USD")
    assert same.difference == Money(0, "USD")


def test_a_line_keeps_its_unit_price_and_its_promotion_per_unit() -> None:
    more = reprice(ORDER, LINES, {TEE: 4}, {}, [], PLACE, 0)
    tee = more.lines[0]
    assert (tee.cost.unit_price, tee.cost.discount) == (Money(2000, "USD"), Money(500, "USD"))
    assert more.difference == Money(3750, "USD")


def test_a_new_line_takes_todays_price_and_a_removed_one_is_listed() -> None:
    changed = reprice(ORDER, LINES, {MUG: 0, CAP: 2}, {CAP: an_offer(CAP, 800)}, [], PLACE, 0)
    assert [(p.variant_id, p.quantity) for p in changed.lines] == [(TEE, 2), (CAP, 2)]
    assert [line.variant_id for line in changed.removed] == [MUG]
    assert changed.cost.total == Money(3750 + 1600 + 500, "USD")


def test_an_order_keeps_at_least_one_line() -> None:
    with pytest.raises(UserError):
        reprice(ORDER, LINES, {TEE: 0, MUG: 0}, {}, [], PLACE, 0)


@given(st.integers(min_value=0, max_value=3125), st.integers(min_value=1, max_value=9))
def test_staff_discount_is_split_over_the_lines_and_the_parts_add_up(
    discount: int, tees: int
) -> None:
    priced = reprice(ORDER, LINES, {TEE: tees}, {}, [], PLACE, discount)
    assert sum(p.manual_discount for p in priced.lines) == discount
    cost = priced.cost
    assert cost.total.amount == sum(line.total.amount for line in cost.lines) + 500
    assert cost.discount.amount == sum(line.discount.amount for line in cost.lines)


def test_only_an_unpaid_or_paid_order_not_cancelled_nor_fulfilled_is_editable() -> None:
    assert editable(an_order(status="UNPAID"), []) and editable(an_order(status="PAID"), [])
    assert not editable(an_order(status="CANCELLED", cancelled_at=NOW), [])
    assert not editable(an_order(status="DELIVERED"), [])
    assert not editable(an_order(status="ON_HOLD"), [])
    assert not editable(an_order(status="PAID", fulfillment_status="PARTLY_SHIPPED"), [])
