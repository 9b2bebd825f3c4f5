"""Conditions: a promotion applies only when its condition holds, and says why when it does not."""

from datetime import timedelta
from typing import Any

from domain.promotions.actions import PercentOff
from domain.promotions.conditions import (
    AllOf,
    AnyOf,
    Between,
    CartContains,
    CodeEntered,
    Condition,
    CustomerInSegment,
    CustomerTagged,
    CustomerTier,
    FirstOrder,
    MinQuantity,
    MinSubtotal,
    OnStorefront,
)
from domain.promotions.promotion import Kind
from domain.promotions.request import Customer, EnteredCode
from domain.promotions.result import PricingResult
from domain.promotions.targets import Target
from tests.support.promotions import NOW, line, pct, price, promo, usd

TEN_OFF = PercentOff(pct(10))
SHOES = Target(category_ids=frozenset({"shoes"}))
CART = [
    line("boot", 60_00, 1, categories=frozenset({"shoes"})),
    line("sock", 5_00, 3, collections=frozenset({"summer"})),
]  # 75.00, 4 items


def with_condition(
    condition: Condition,
    *,
    customer: Customer | None = None,
    storefront: str = "web",
    codes: tuple[EnteredCode, ...] = (),
) -> PricingResult:
    deal = promo("deal", TEN_OFF, condition=condition)
    return price(CART, deal, customer=customer, storefront=storefront, codes=codes)


def applies(condition: Condition, **context: Any) -> bool:
    return [a.promotion_id for a in with_condition(condition, **context).applied] == ["deal"]


def why_not(condition: Condition, **context: Any) -> str:
    (skipped,) = with_condition(condition, **context).not_applied
    assert skipped.reason.value == "condition_not_met"
    return skipped.detail


def test_minimum_subtotal_counts_the_cart_or_only_the_targeted_lines() -> None:
    assert applies(MinSubtotal(usd(75_00)))
    assert why_not(MinSubtotal(usd(75_01))) == "subtotal 75.00 is below 75.01"
    assert applies(MinSubtotal(usd(60_00), SHOES))
    assert why_not(MinSubtotal(usd(61_00), SHOES)) == (
        "subtotal for categories shoes 60.00 is below 61.00"
    )


def test_minimum_subtotal_is_measured_at_sale_prices() -> None:
    sale = promo("sale", PercentOff(pct(50)), kind=Kind.CATALOG)
    deal = promo("deal", TEN_OFF, condition=MinSubtotal(usd(50_00)))
    result = price(CART, sale, deal)  # 75.00 on sale is 37.50: below 50.00
    assert [a.promotion_id for a in result.applied] == ["sale"]
    assert result.not_applied[0].detail == "subtotal 37.50 is below 50.00"


def test_minimum_quantity_counts_items_not_lines() -> None:
    assert applies(MinQuantity(4))
    assert why_not(MinQuantity(5)) == "4 of 5 items of any item"
    assert why_not(MinQuantity(2, SHOES)) == "1 of 2 items of categories shoes"


def test_specific_products_variants_categories_and_collections_in_the_cart() -> None:
    assert applies(CartContains(Target(product_ids=frozenset({"p-boot"}))))
    assert applies(CartContains(Target(variant_ids=frozenset({"sock"}))))
    assert applies(CartContains(SHOES))
    assert applies(CartContains(Target(collection_ids=frozenset({"summer"}))))
    assert why_not(CartContains(Target(category_ids=frozenset({"hats"})))) == (
        "no categories hats in the cart"
    )


def test_customer_tags_segments_and_tier() -> None:
    vip = Customer("c1", tags=frozenset({"vip"}), segment_ids=frozenset({"s1"}), tier_id="gold")
    assert applies(CustomerTagged(frozenset({"vip", "press"})), customer=vip)
    assert why_not(CustomerTagged(frozenset({"press"})), customer=vip) == (
        "customer is not tagged press"
    )
    assert applies(CustomerInSegment(frozenset({"s1"})), customer=vip)
    assert why_not(CustomerInSegment(frozenset({"s2"})), customer=vip)
    assert applies(CustomerTier(frozenset({"gold"})), customer=vip)
    assert why_not(CustomerTier(frozenset({"silver"})), customer=vip)


def test_a_guest_has_no_tags_segments_or_tier() -> None:
    assert why_not(CustomerTagged(frozenset({"vip"})), customer=None)
    assert why_not(CustomerInSegment(frozenset({"s1"})), customer=None)
    assert why_not(CustomerTier(frozenset({"gold"})), customer=None)


def test_first_order_only_is_for_customers_without_orders_and_guests() -> None:
    assert applies(FirstOrder(), customer=Customer("new", order_count=0))
    assert applies(FirstOrder(), customer=None)
    assert why_not(FirstOrder(), customer=Customer("old", order_count=3)) == (
        "customer has ordered before"
    )


def test_storefront() -> None:
    assert applies(OnStorefront(frozenset({"web", "app"})), storefront="app")
    assert why_not(OnStorefront(frozenset({"web"})), storefront="marketplace") == (
        "not on this storefront"
    )


def test_date_and_time_window_is_half_open() -> None:
    hour = timedelta(hours=1)
    assert applies(Between(NOW - hour, NOW + hour))
    assert applies(Between(NOW, None))  # starts now
    assert applies(Between(None, NOW + hour))
    assert why_not(Between(NOW + hour, None)).startswith("not before")
    assert why_not(Between(None, NOW)).startswith("ended at")  # ends now: over


def test_code_entered_needs_a_usable_code_of_this_very_promotion() -> None:
    assert applies(CodeEntered(), codes=(EnteredCode(" summer10 ", "deal"),))
    assert why_not(CodeEntered()) == "no code entered"
    assert why_not(CodeEntered(), codes=(EnteredCode("OTHER1", "other-promotion"),))
    assert why_not(CodeEntered(), codes=(EnteredCode("USED01", "deal", remaining_uses=0),))


def test_all_needs_every_part_and_any_needs_one() -> None:
    big = MinSubtotal(usd(100_00))
    shoes = CartContains(SHOES)
    assert applies(AllOf((shoes, MinQuantity(2))))
    assert why_not(AllOf((shoes, big))) == "subtotal 75.00 is below 100.00"
    assert applies(AnyOf((big, shoes)))
    assert why_not(AnyOf((big, MinQuantity(9)))) == (
        "none of: subtotal 75.00 is below 100.00; 4 of 9 items of any item"
    )


def test_conditions_nest() -> None:
    vip = Customer("c1", tags=frozenset({"vip"}))
    rule = AnyOf(
        (AllOf((CustomerTagged(frozenset({"vip"})), MinQuantity(4))), MinSubtotal(usd(500_00)))
    )
    assert applies(rule, customer=vip)
    assert not applies(rule, customer=None)


def test_an_empty_all_always_holds_and_an_empty_any_never_does() -> None:
    assert applies(AllOf())
    assert why_not(AnyOf()) == "no alternative given"
