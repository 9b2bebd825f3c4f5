"""Budgets: the engine takes what each promotion has left (amount, redemptions in total and for
this customer) and refuses or caps with "budget exhausted". Checkout enforces them atomically."""

from domain.promotions.actions import FREE_SHIPPING, AmountOffOrder, GiftItem, PercentOff
from domain.promotions.promotion import PromotionBudget
from domain.promotions.result import Cap, Reason
from tests.support.promotions import line, pct, price, promo, reasons, usd

CART = [line("a", 60_00), line("b", 40_00)]
HALF = promo("half", PercentOff(pct(50)))


def test_no_redemptions_left_in_total_refuses_the_promotion() -> None:
    result = price(CART, HALF, budgets={"half": PromotionBudget(remaining_redemptions=0)})
    assert reasons(result) == {"half": "budget_exhausted"}
    assert result.not_applied[0].detail == "no redemptions left"


def test_no_redemptions_left_for_this_customer_refuses_the_promotion() -> None:
    budget = PromotionBudget(remaining_redemptions=500, remaining_customer_redemptions=0)
    assert reasons(price(CART, HALF, budgets={"half": budget})) == {"half": "budget_exhausted"}


def test_redemptions_left_let_it_apply() -> None:
    budget = PromotionBudget(remaining_redemptions=1, remaining_customer_redemptions=1)
    assert price(CART, HALF, budgets={"half": budget}).discount == usd(50_00)


def test_an_amount_left_below_the_discount_caps_it_and_says_so() -> None:
    result = price(CART, HALF, budgets={"half": PromotionBudget(remaining_amount=usd(12_34))})
    assert result.discount == usd(12_34)
    assert result.applied[0].caps == (Cap(Reason.BUDGET_EXHAUSTED, usd(50_00), "budget exhausted"),)
    assert sum(line_.discount.amount for line_ in result.lines) == 12_34


def test_no_amount_left_refuses_the_promotion() -> None:
    budget = PromotionBudget(remaining_amount=usd(0))
    assert reasons(price(CART, HALF, budgets={"half": budget})) == {"half": "budget_exhausted"}


def test_a_budget_caps_each_shipping_option_and_refuses_a_gift_it_cannot_pay() -> None:
    budget = PromotionBudget(remaining_amount=usd(3_00))
    result = price(
        CART,
        promo("ship", FREE_SHIPPING, currency=None),
        promo("gift", GiftItem("tote", usd(5_00))),
        promo("ten", AmountOffOrder(usd(10_00))),
        shipping={"standard": 7_00},
        budgets={"ship": budget, "gift": budget},
    )
    assert result.shipping_options[0].total == usd(4_00)
    assert reasons(result) == {"gift": "budget_exhausted"}


def test_a_budget_cut_on_the_selected_shipping_option_is_reported() -> None:
    result = price(
        CART,
        promo("ship", FREE_SHIPPING, currency=None),
        shipping={"standard": 7_00},
        selected="standard",
        budgets={"ship": PromotionBudget(remaining_amount=usd(3_00))},
    )
    assert result.shipping_discount == usd(3_00)
    assert result.applied[0].caps == (Cap(Reason.BUDGET_EXHAUSTED, usd(7_00), "budget exhausted"),)
