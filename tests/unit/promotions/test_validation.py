"""Promotion definitions are checked before they are saved; each problem names its field."""

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest

from domain.errors import UserError
from domain.money import Money
from domain.promotions.actions import (
    AmountOffOrder,
    BuyXGetY,
    GiftItem,
    PercentOff,
    ShippingOff,
    Tier,
    Tiered,
)
from domain.promotions.conditions import AllOf, AnyOf, Between, MinQuantity, MinSubtotal
from domain.promotions.promotion import Kind, Promotion, Stacking
from domain.promotions.request import RiskPolicy
from domain.promotions.validation import validate_promotion, validate_risk_policy
from tests.support.promotions import NOW, pct, promo, usd

GOOD = promo("spring", PercentOff(pct(10)))


def problem(promotion: Promotion) -> str | None:
    with pytest.raises(UserError) as error:
        validate_promotion(promotion)
    return error.value.field


def test_a_sound_promotion_passes_unchanged() -> None:
    assert validate_promotion(GOOD) is GOOD
    tiers = Tiered((Tier(usd(100_00), usd(10_00)), Tier(usd(200_00), usd(30_00))))
    assert validate_promotion(promo("tiers", tiers))


def test_percentages_are_from_0_to_100() -> None:
    assert validate_promotion(promo("all", PercentOff(pct(100))))
    assert problem(promo("p", PercentOff(pct("100.01")))) == "action.percent"
    assert problem(promo("p", PercentOff(pct(-1)))) == "action.percent"
    assert problem(promo("p", PercentOff(Decimal("NaN")))) == "action.percent"
    assert problem(promo("p", BuyXGetY(2, 1, percent=pct(101)))) == "action.percent"


def test_amounts_are_not_negative_and_in_the_promotion_currency() -> None:
    assert problem(promo("p", AmountOffOrder(usd(-1)))) == "action.amount"
    assert problem(promo("p", AmountOffOrder(Money(5_00, "EUR")))) == "action.amount"
    assert problem(promo("p", AmountOffOrder(usd(5_00)), currency=None)) == "currency"
    assert problem(promo("p", GOOD.action, currency="usd")) == "currency"
    assert problem(promo("p", GOOD.action, currency="XYZ")) == "currency"


def test_tiers_go_up() -> None:
    same = Tiered((Tier(usd(100_00), usd(10_00)), Tier(usd(100_00), usd(20_00))))
    assert problem(promo("p", same)) == "action.tiers.1.threshold"
    saves_less = Tiered((Tier(usd(100_00), usd(10_00)), Tier(usd(200_00), usd(5_00))))
    assert problem(promo("p", saves_less)) == "action.tiers.1.amount"
    assert problem(promo("p", Tiered(()))) == "action.tiers"


def test_the_window_starts_before_it_ends() -> None:
    assert problem(promo("p", GOOD.action, starts_at=NOW, ends_at=NOW)) == "endsAt"
    late = Between(NOW, NOW - timedelta(hours=1))
    assert problem(promo("p", GOOD.action, condition=AllOf((late,)))) == (
        "condition.conditions.0.endsAt"
    )


def test_quantities_are_at_least_one() -> None:
    assert problem(promo("p", BuyXGetY(0, 1))) == "action.buy"
    assert problem(promo("p", BuyXGetY(1, 0))) == "action.get"
    assert problem(promo("p", BuyXGetY(1, 1, max_applications=0))) == "action.maxApplications"
    assert problem(promo("p", GiftItem("tote", usd(1_00), quantity=0))) == "action.quantity"
    nested = AnyOf((MinSubtotal(usd(1)), AllOf((MinQuantity(0),))))
    assert problem(promo("p", GOOD.action, condition=nested)) == (
        "condition.conditions.1.conditions.0.quantity"
    )


def test_shipping_takes_a_percentage_or_an_amount() -> None:
    assert problem(promo("p", ShippingOff())) == "action"
    assert problem(promo("p", ShippingOff(pct(50), usd(1_00)))) == "action"


def test_stacking_and_names() -> None:
    exclusive_in_group = replace(GOOD, stacking=Stacking.EXCLUSIVE, combination_group="g")
    assert problem(exclusive_in_group) == "combinationGroup"
    assert problem(replace(GOOD, name="  ")) == "name"
    assert problem(replace(GOOD, priority=10**9)) == "priority"


def test_a_catalog_promotion_is_a_per_unit_price_that_needs_no_cart() -> None:
    assert problem(promo("p", AmountOffOrder(usd(5_00)), kind=Kind.CATALOG)) == "action"
    in_cart = AllOf((MinSubtotal(usd(50_00)),))
    assert problem(promo("p", GOOD.action, kind=Kind.CATALOG, condition=in_cart)) == (
        "condition.conditions.0"
    )


def test_conditions_nest_at_most_four_deep() -> None:
    deep = AllOf((AllOf((AllOf((AllOf((AllOf(),)),)),)),))
    assert problem(promo("p", GOOD.action, condition=deep)) == (
        "condition.conditions.0.conditions.0.conditions.0.conditions.0"
    )


def test_a_storefront_risk_policy_is_checked_too() -> None:
    sound = RiskPolicy(usd(50_00), Decimal(30), Decimal(110))
    assert validate_risk_policy(sound, "USD") is sound
    for policy, field in (
        (RiskPolicy(max_order_discount=usd(-1)), "maxOrderDiscount"),
        (RiskPolicy(max_order_discount=Money(1, "EUR")), "maxOrderDiscount"),
        (RiskPolicy(max_order_discount_percent=Decimal(101)), "maxOrderDiscountPercent"),
        (RiskPolicy(floor_percent_of_cost=Decimal(-5)), "floorPercentOfCost"),
    ):
        with pytest.raises(UserError) as error:
            validate_risk_policy(policy, "USD")
        assert error.value.field == field
