"""Catalog promotions: sale prices per unit, the same in listings and in the cart."""

from domain.money import Money
from domain.promotions.actions import Action, AmountOffEach, FixedPrice, PercentOff
from domain.promotions.conditions import ALWAYS, Condition, CustomerTier
from domain.promotions.listing import price_variant
from domain.promotions.promotion import Kind, Promotion
from domain.promotions.request import Customer
from domain.promotions.result import Scope
from domain.promotions.targets import Item, Target
from tests.support.promotions import NOW, line, pct, price, promo, totals, usd

BOOT = Item("boot-42", "boot", frozenset({"shoes"}), frozenset({"winter"}))


def listed(
    item: Item, list_price: Money, *promotions: Promotion, customer: Customer | None = None
) -> Money:
    return price_variant(
        item, list_price, storefront_id="web", now=NOW, promotions=promotions, customer=customer
    ).price


def sale(
    promotion_id: str,
    action: Action,
    *,
    condition: Condition = ALWAYS,
    currency: str | None = "USD",
) -> Promotion:
    return promo(promotion_id, action, kind=Kind.CATALOG, condition=condition, currency=currency)


def test_a_percentage_sale_is_rounded_per_unit_so_the_line_is_quantity_times_the_listing() -> None:
    ten = sale("ten", PercentOff(pct(15)))
    assert listed(BOOT, usd(3_33), ten) == usd(2_83)  # 0.4995 off rounds to 0.50
    result = price([line("boot", 3_33, 3)], ten)
    assert totals(result) == {"boot": 3 * 2_83}
    assert result.lines[0].discounts[0].scope is Scope.CATALOG


def test_sales_target_products_variants_categories_and_collections() -> None:
    for target in (
        Target(product_ids=frozenset({"boot"})),
        Target(variant_ids=frozenset({"boot-42"})),
        Target(category_ids=frozenset({"shoes"})),
        Target(collection_ids=frozenset({"winter"})),
    ):
        assert listed(BOOT, usd(100_00), sale("s", PercentOff(pct(10), target))) == usd(90_00)
    other = Target(category_ids=frozenset({"hats"}))
    assert listed(BOOT, usd(100_00), sale("s", PercentOff(pct(10), other))) == usd(100_00)


def test_fixed_amount_off_and_fixed_price_sales() -> None:
    assert listed(BOOT, usd(100_00), sale("s", AmountOffEach(usd(15_00)))) == usd(85_00)
    assert listed(BOOT, usd(100_00), sale("s", FixedPrice(usd(79_99)))) == usd(79_99)
    assert listed(BOOT, usd(10_00), sale("s", AmountOffEach(usd(15_00)))) == usd(0)


def test_member_prices_depend_on_the_customer_in_listings_too() -> None:
    gold_price = sale("gold", PercentOff(pct(20)), condition=CustomerTier(frozenset({"gold"})))
    assert listed(BOOT, usd(100_00), gold_price, customer=Customer("c", tier_id="gold")) == usd(
        80_00
    )
    assert listed(BOOT, usd(100_00), gold_price) == usd(100_00)


def test_currencies_without_and_with_three_fraction_digits() -> None:
    yen = sale("yen", PercentOff(pct(15)), currency=None)
    assert listed(BOOT, Money(999, "JPY"), yen) == Money(849, "JPY")  # 149.85 off -> 150
    assert listed(BOOT, Money(1_005, "KWD"), yen) == Money(854, "KWD")  # 150.75 -> 151
