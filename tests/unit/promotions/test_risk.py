"""Risk control: no combination of promotions sells below a floor, and an order never gets
more off than the storefront allows. The engine caps the discount and says so."""

from decimal import Decimal

from domain.promotions.actions import (
    FREE_SHIPPING,
    AmountOffEach,
    AmountOffOrder,
    FixedPrice,
    PercentOff,
)
from domain.promotions.listing import price_variant
from domain.promotions.promotion import Kind
from domain.promotions.request import RiskPolicy
from domain.promotions.result import Cap, Reason
from domain.promotions.targets import Item
from tests.support.promotions import NOW, applied_ids, line, pct, price, promo, reasons, totals, usd


def test_a_floor_price_caps_the_discount_and_the_cap_is_reported() -> None:
    result = price([line("coat", 100_00, floor=80_00)], promo("half", PercentOff(pct(50))))
    assert result.total == usd(80_00)
    (applied,) = result.applied
    assert applied.amount == usd(20_00)
    assert applied.caps == (Cap(Reason.FLOOR_PRICE_REACHED, usd(50_00), "floor price reached"),)


def test_stacked_promotions_never_go_below_the_floor_and_later_ones_say_why() -> None:
    result = price(
        [line("coat", 100_00, 2, floor=70_00)],
        promo("thirty", PercentOff(pct(30)), priority=2),
        promo("more", AmountOffEach(usd(5_00)), priority=1),
    )
    assert result.total == usd(140_00)
    assert applied_ids(result) == ["thirty"]
    assert reasons(result) == {"more": "floor_price_reached"}


def test_the_floor_can_be_a_percentage_of_cost_rounded_up() -> None:
    cost_plus_10 = RiskPolicy(floor_percent_of_cost=Decimal(110))
    result = price(
        [line("mug", 10_00, cost=6_05)],  # floor 6.655 -> 6.66
        promo("fixed", FixedPrice(usd(1_00))),
        risk=cost_plus_10,
    )
    assert result.total == usd(6_66)


def test_the_higher_of_floor_price_and_cost_floor_wins() -> None:
    risk = RiskPolicy(floor_percent_of_cost=Decimal(100))
    result = price(
        [line("mug", 10_00, floor=5_00, cost=7_00)], promo("free", PercentOff(pct(100))), risk=risk
    )
    assert result.total == usd(7_00)


def test_an_order_amount_a_floored_line_cannot_take_goes_to_the_other_lines() -> None:
    cart = [line("coat", 50_00, floor=48_00), line("scarf", 50_00)]
    result = price(cart, promo("ten-off", AmountOffOrder(usd(10_00))))
    assert totals(result) == {"coat": 48_00, "scarf": 42_00}
    assert result.discount == usd(10_00)
    assert result.applied[0].caps == ()  # the order got all it was promised


def test_a_line_already_below_its_floor_is_not_raised() -> None:
    result = price([line("coat", 30_00, floor=40_00)], promo("half", PercentOff(pct(50))))
    assert result.total == usd(30_00)
    assert reasons(result) == {"half": "floor_price_reached"}


def test_a_sale_price_stops_at_the_floor_in_listings_too() -> None:
    sale = promo("sale", PercentOff(pct(60)), kind=Kind.CATALOG)
    listed = price_variant(
        Item("coat", "p-coat"),
        usd(100_00),
        storefront_id="web",
        now=NOW,
        promotions=[sale],
        floor_unit_price=usd(55_00),
    )
    assert listed.price == usd(55_00)
    assert listed.applied[0].caps[0].reason is Reason.FLOOR_PRICE_REACHED


def test_the_maximum_order_discount_as_an_amount() -> None:
    result = price(
        [line("a", 100_00), line("b", 100_00)],
        promo("half", PercentOff(pct(50)), priority=1),
        promo("more", AmountOffOrder(usd(10_00))),
        risk=RiskPolicy(max_order_discount=usd(60_00)),
    )
    assert result.discount == usd(60_00)
    assert result.applied[0].caps == (
        Cap(Reason.MAX_DISCOUNT_REACHED, usd(100_00), "order discount limit reached"),
    )
    assert reasons(result) == {"more": "max_discount_reached"}


def test_the_maximum_order_discount_as_a_percentage_of_the_list_subtotal() -> None:
    result = price(
        [line("a", 80_00)],
        promo("sale", PercentOff(pct(20)), kind=Kind.CATALOG),
        promo("coupon", AmountOffOrder(usd(20_00))),
        risk=RiskPolicy(max_order_discount_percent=Decimal(25)),
    )
    assert result.discount == usd(20_00)  # 16.00 sale + 4.00 of the coupon
    assert result.applied[1].amount == usd(4_00)


def test_the_lower_of_the_two_maximums_applies() -> None:
    risk = RiskPolicy(max_order_discount=usd(15_00), max_order_discount_percent=Decimal(10))
    result = price([line("a", 100_00)], promo("half", PercentOff(pct(50))), risk=risk)
    assert result.discount == usd(10_00)


def test_shipping_discounts_and_gifts_are_outside_the_order_maximum() -> None:
    result = price(
        [line("a", 100_00)],
        promo("ship", FREE_SHIPPING, currency=None),
        shipping={"standard": 9_00},
        selected="standard",
        risk=RiskPolicy(max_order_discount=usd(0)),
    )
    assert result.shipping_discount == usd(9_00)
