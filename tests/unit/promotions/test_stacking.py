"""Stacking: which eligible promotions apply together, always the same way whatever the order."""

from datetime import timedelta

from domain.money import Money
from domain.promotions.actions import AmountOffOrder, PercentOff
from domain.promotions.conditions import MinSubtotal
from domain.promotions.listing import price_variant
from domain.promotions.promotion import Kind
from domain.promotions.result import LineDiscount, PricingResult
from domain.promotions.stacking import consideration_order
from domain.promotions.targets import Item
from tests.support.promotions import NOW, applied_ids, line, pct, price, promo, reasons, usd

CART = [line("coat", 100_00)]


def test_combinable_promotions_stack_in_priority_order_on_the_reduced_price() -> None:
    ten_off = promo("ten-off", AmountOffOrder(usd(10_00)), priority=2)
    half = promo("half", PercentOff(pct(50)), priority=1)
    result = price(CART, half, ten_off)
    assert applied_ids(result) == ["ten-off", "half"]
    assert result.total == usd(45_00)  # (100 - 10) / 2, not 100 / 2 - 10


def test_higher_priority_goes_first_and_equal_priorities_go_by_id() -> None:
    promotions = [
        promo("b", PercentOff(pct(1))),
        promo("a", PercentOff(pct(1))),
        promo("z", PercentOff(pct(1)), priority=5),
    ]
    assert [p.id for p in consideration_order(promotions)] == ["z", "a", "b"]


def test_an_exclusive_promotion_excludes_everything_after_it() -> None:
    vip = promo("vip", PercentOff(pct(30)), priority=10, exclusive=True)
    spring = promo("spring", PercentOff(pct(10)), priority=5)
    result = price(CART, spring, vip)
    assert applied_ids(result) == ["vip"]
    assert reasons(result) == {"spring": "excluded_by_exclusive"}
    assert result.not_applied[0].blocked_by == "vip"
    assert result.not_applied[0].detail == "'Vip' (priority 10) is exclusive"


def test_an_exclusive_promotion_cannot_join_promotions_already_applied() -> None:
    spring = promo("spring", PercentOff(pct(10)), priority=10)
    vip = promo("vip", PercentOff(pct(30)), priority=5, exclusive=True)
    result = price(CART, spring, vip)
    assert applied_ids(result) == ["spring"]
    assert reasons(result) == {"vip": "not_combinable"}
    assert result.not_applied[0].detail == "exclusive, but 'Spring' (priority 10) applies"


def test_a_promotion_that_does_not_apply_excludes_nothing() -> None:
    vip = promo(
        "vip", PercentOff(pct(30)), priority=10, exclusive=True, condition=MinSubtotal(usd(500_00))
    )
    spring = promo("spring", PercentOff(pct(10)), priority=5)
    result = price(CART, vip, spring)
    assert applied_ids(result) == ["spring"]
    assert reasons(result) == {"vip": "condition_not_met"}


def test_combination_groups_combine_only_within_the_group() -> None:
    a1 = promo("a1", PercentOff(pct(10)), priority=3, group="loyalty")
    a2 = promo("a2", PercentOff(pct(10)), priority=2, group="loyalty")
    b = promo("b", PercentOff(pct(10)), priority=1, group="seasonal")
    ungrouped = promo("u", PercentOff(pct(10)), priority=0)
    result = price(CART, b, ungrouped, a2, a1)
    assert applied_ids(result) == ["a1", "a2"]
    assert reasons(result) == {"b": "not_combinable", "u": "not_combinable"}
    assert [n.detail for n in result.not_applied] == [
        "combination group 'seasonal' does not combine with 'A1' (priority 3) in "
        "combination group 'loyalty'",
        "no combination group does not combine with 'A1' (priority 3) in "
        "combination group 'loyalty'",
    ]


def test_catalog_and_cart_promotions_stack_in_separate_phases() -> None:
    # An exclusive sale price does not exclude a cart coupon, nor the other way round.
    sale = promo("sale", PercentOff(pct(20)), kind=Kind.CATALOG, exclusive=True)
    coupon = promo("coupon", AmountOffOrder(usd(5_00)), exclusive=True, priority=99)
    result = price(CART, coupon, sale)
    assert applied_ids(result) == ["sale", "coupon"]
    assert result.total == usd(75_00)


def test_promotions_outside_their_lifetime_or_currency_are_skipped_with_the_reason() -> None:
    day = timedelta(days=1)
    result = price(
        CART,
        promo("later", PercentOff(pct(10)), starts_at=NOW + day),
        promo("over", PercentOff(pct(10)), ends_at=NOW),
        promo("euro", AmountOffOrder(usd(1_00)), currency="EUR"),
    )
    assert reasons(result) == {
        "later": "not_started",
        "over": "expired",
        "euro": "currency_mismatch",
    }
    assert result.total == usd(100_00)


def test_the_order_of_promotions_and_lines_never_changes_the_answer() -> None:
    promotions = [
        promo("p1", PercentOff(pct(15)), priority=1),
        promo("p2", AmountOffOrder(usd(3_33)), priority=1),
        promo("p3", PercentOff(pct(5)), priority=2),
    ]
    cart = [line("a", 10_01, 3), line("b", 7_77), line("c", 1_99, 2)]
    first = price(cart, *promotions)
    second = price(cart[::-1], *promotions[::-1])
    assert totals_by_id(first) == totals_by_id(second)
    assert first.applied == second.applied


def totals_by_id(result: PricingResult) -> dict[str, tuple[Money, tuple[LineDiscount, ...]]]:
    return {line_.line_id: (line_.total, line_.discounts) for line_ in result.lines}


def test_listing_price_is_the_cart_unit_price_of_the_catalog_promotions() -> None:
    sale = promo("sale", PercentOff(pct(25)), kind=Kind.CATALOG)
    coupon = promo("coupon", PercentOff(pct(10)))
    listed = price_variant(
        Item("coat", "p-coat"),
        usd(100_00),
        storefront_id="web",
        now=NOW,
        promotions=[sale, coupon],
    )
    assert listed.price == usd(75_00)
    assert [a.promotion_id for a in listed.applied] == ["sale"]
    assert price(CART, sale).total == listed.price
