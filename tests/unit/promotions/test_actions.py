"""Actions, one worked example each: what a cart pays once the promotion applies."""

from domain.promotions.actions import (
    FREE_SHIPPING,
    AmountOffEach,
    AmountOffOrder,
    BuyXGetY,
    FixedPrice,
    GiftItem,
    PercentOff,
    ShippingOff,
    Tier,
    Tiered,
)
from domain.promotions.promotion import Kind
from domain.promotions.result import GiftLine, Scope
from domain.promotions.targets import Target
from tests.support.promotions import applied_ids, line, pct, price, promo, reasons, totals, usd

SHOES = Target(category_ids=frozenset({"shoes"}))


def test_percentage_off_the_targeted_lines() -> None:
    cart = [line("boot", 80_00, categories=frozenset({"shoes"})), line("hat", 20_00)]
    result = price(cart, promo("shoes-10", PercentOff(pct(10), SHOES)))
    assert totals(result) == {"boot": 72_00, "hat": 20_00}
    assert result.lines[0].discounts[0].scope is Scope.LINE


def test_a_percentage_is_rounded_once_and_split_so_the_parts_add_up() -> None:
    # 10% of 9.99 is 0.999, rounded half-to-even to 1.00, split 34/33/33 by line id
    cart = [line("c", 3_33), line("a", 3_33), line("b", 3_33)]
    result = price(cart, promo("ten", PercentOff(pct(10))))
    assert totals(result) == {"c": 3_00, "a": 2_99, "b": 3_00}
    assert result.discount == usd(1_00)


def test_fixed_amount_off_each_item_never_below_zero() -> None:
    cart = [line("tee", 15_00, 3), line("sticker", 1_50)]
    result = price(cart, promo("two-off", AmountOffEach(usd(2_00))))
    assert totals(result) == {"tee": 39_00, "sticker": 0}


def test_fixed_amount_off_the_order_is_split_by_line_value() -> None:
    cart = [line("coat", 70_00), line("scarf", 30_00)]
    result = price(cart, promo("ten-off", AmountOffOrder(usd(10_00))))
    assert totals(result) == {"coat": 63_00, "scarf": 27_00}
    assert [(d.promotion_id, d.amount) for d in result.order_discounts] == [("ten-off", usd(10_00))]
    assert {d.scope for line_ in result.lines for d in line_.discounts} == {Scope.ORDER}


def test_an_order_amount_larger_than_the_order_takes_it_to_zero_and_no_further() -> None:
    result = price([line("pin", 4_00)], promo("ten-off", AmountOffOrder(usd(10_00))))
    assert result.total == usd(0)
    assert result.applied[0].amount == usd(4_00)


def test_fixed_amount_off_the_targeted_lines_only() -> None:
    cart = [line("boot", 50_00, categories=frozenset({"shoes"})), line("hat", 20_00)]
    result = price(cart, promo("shoe-fiver", AmountOffOrder(usd(5_00), SHOES)))
    assert totals(result) == {"boot": 45_00, "hat": 20_00}


def test_fixed_price_for_items() -> None:
    cart = [line("tee", 15_00, 2), line("cheap-tee", 5_00)]
    result = price(cart, promo("tees-9-99", FixedPrice(usd(9_99))))
    assert totals(result) == {"tee": 19_98, "cheap-tee": 5_00}  # already cheaper: unchanged


def test_buy_two_get_one_free_gives_the_cheapest_items() -> None:
    cart = [line("a", 10_00), line("b", 8_00), line("c", 5_00)]
    result = price(cart, promo("3-for-2", BuyXGetY(buy=2, get=1)))
    assert totals(result) == {"a": 10_00, "b": 8_00, "c": 0}


def test_buy_x_get_y_repeats_and_takes_units_cheapest_first_across_lines() -> None:
    cart = [line("a", 10_00, 3), line("b", 4_00, 3)]  # six units: two applications
    result = price(cart, promo("3-for-2", BuyXGetY(buy=2, get=1)))
    assert totals(result) == {"a": 30_00, "b": 4_00}  # two of the 4.00 units free


def test_buy_x_get_y_discounted_with_different_targets_and_a_limit() -> None:
    socks = Target(category_ids=frozenset({"socks"}))
    cart = [
        line("boot", 60_00, 3, categories=frozenset({"shoes"})),
        line("sock", 6_00, 4, categories=frozenset({"socks"})),
    ]
    half_price_sock = BuyXGetY(
        buy=1, get=1, buy_target=SHOES, get_target=socks, percent=pct(50), max_applications=2
    )
    result = price(cart, promo("boot-and-sock", half_price_sock))
    assert totals(result) == {"boot": 180_00, "sock": 18_00}  # two socks at 3.00


def test_buy_x_get_y_without_enough_items_does_not_apply() -> None:
    result = price([line("a", 10_00, 2)], promo("3-for-2", BuyXGetY(buy=2, get=1)))
    assert reasons(result) == {"3-for-2": "condition_not_met"}
    assert result.not_applied[0].detail == "needs 2 + 1 eligible items"


TIERS = Tiered((Tier(usd(100_00), usd(10_00)), Tier(usd(200_00), usd(30_00))))


def test_tiered_spend_100_save_10_spend_200_save_30() -> None:
    assert price([line("a", 150_00)], promo("tiers", TIERS)).total == usd(140_00)
    assert price([line("a", 200_00)], promo("tiers", TIERS)).total == usd(170_00)
    below = price([line("a", 99_99)], promo("tiers", TIERS))
    assert below.not_applied[0].detail == "spent 99.99, below the first tier 100.00"


def test_free_shipping_on_every_option_and_the_selected_one_in_the_total() -> None:
    result = price(
        [line("a", 50_00)],
        promo("free-ship", FREE_SHIPPING, currency=None),
        shipping={"standard": 5_00, "express": 15_00},
        selected="express",
    )
    assert [(o.option_id, o.total) for o in result.shipping_options] == [
        ("standard", usd(0)),
        ("express", usd(0)),
    ]
    assert (result.shipping, result.shipping_discount, result.total) == (
        usd(15_00),
        usd(15_00),
        usd(50_00),
    )
    assert result.applied[0].amount == usd(15_00)


def test_discounted_shipping_on_some_options() -> None:
    five_off_standard = ShippingOff(amount=usd(5_00), option_ids=frozenset({"standard"}))
    half_express = ShippingOff(percent=pct(50), option_ids=frozenset({"express"}))
    result = price(
        [line("a", 50_00)],
        promo("ship-a", five_off_standard),
        promo("ship-b", half_express, currency=None),
        shipping={"standard": 4_00, "express": 15_00},
        selected="standard",
    )
    assert [o.total for o in result.shipping_options] == [usd(0), usd(7_50)]
    assert result.total == usd(50_00)


def test_a_shipping_promotion_without_options_to_discount_does_not_apply() -> None:
    result = price([line("a", 50_00)], promo("free-ship", FREE_SHIPPING, currency=None))
    assert reasons(result) == {"free-ship": "nothing_to_discount"}


def test_gift_item_is_added_free_and_the_paid_lines_are_unchanged() -> None:
    gift = GiftItem("tote-bag", usd(12_00))
    result = price([line("a", 50_00)], promo("tote", gift))
    assert result.gifts == (GiftLine("tote", "tote-bag", 1, usd(12_00)),)
    assert result.total == usd(50_00)
    assert applied_ids(result) == ["tote"]


def test_unvalidated_nonsense_never_raises_a_price_nor_takes_it_below_zero() -> None:
    cart = [line("a", 10_00, 2), line("b", 5_00)]
    for action in (
        AmountOffEach(usd(-3_00)),
        AmountOffOrder(usd(-3_00)),
        PercentOff(pct(-10)),
        BuyXGetY(1, 1, percent=pct(-50)),
        Tiered((Tier(usd(0), usd(-1_00)),)),
    ):
        assert price(cart, promo("odd", action)).total == usd(25_00), action
    for per_unit in (PercentOff(pct(150)), AmountOffEach(usd(99_00)), FixedPrice(usd(-1_00))):
        assert price(cart, promo("odd", per_unit)).total == usd(0), per_unit
        assert price(cart, promo("odd", per_unit, kind=Kind.CATALOG)).total == usd(0), per_unit
    shipping = price(
        cart,
        promo("odd", ShippingOff(percent=pct(150))),
        shipping={"standard": 5_00},
        selected="standard",
    )
    assert shipping.shipping_options[0].total == usd(0)
