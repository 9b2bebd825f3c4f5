"""A whole guest checkout (create the cart with lines and address, choose shipping, pay and
complete) stays within a fixed SQL budget, however many lines the cart holds."""

from typing import Any

from starlette.applications import Starlette

from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import ADDRESS, Shop, new_key, open_shop
from tests.support.promotion_api import create_promotion
from tests.support.statements import recorded_statements

BUDGET = 28
CREATE = """
mutation($input: CartCreateInput!) {
  cartCreate(input: $input) {
    cart { id cost { total { amount } } deliveryOptions { id } } userErrors { code }
  }
}
"""
DELIVERY = """
mutation($cart: ID!, $option: ID!) {
  cartDeliveryOptionSet(cartId: $cart, deliveryOptionId: $option) {
    cart { cost { total { amount } } } userErrors { code }
  }
}
"""
COMPLETE = """
mutation($cart: ID!, $key: String!) {
  checkoutComplete(cartId: $cart, idempotencyKey: $key,
                   payment: {gateway: "dummy", token: "tok_success"}) {
    order { number total { amount } } userErrors { code }
  }
}
"""


async def checkout_statements(app: Starlette, shop: Shop, lines: dict[str, int]) -> tuple[int, Any]:
    engine = app.state.agora.database.engine.sync_engine
    with recorded_statements(engine) as statements:
        created = await shop.visitor(
            CREATE,
            {
                "input": {
                    "lines": shop.lines(lines),
                    "email": "a@example.com",
                    "shippingAddress": ADDRESS,
                }
            },
        )
        cart = ok(created.data["cartCreate"])["cart"]
        chosen = await shop.visitor(
            DELIVERY, {"cart": cart["id"], "option": cart["deliveryOptions"][0]["id"]}
        )
        ok(chosen.data["cartDeliveryOptionSet"])
        done = await shop.visitor(COMPLETE, {"cart": cart["id"], "key": new_key()})
        order = ok(done.data["checkoutComplete"])["order"]
    return len(statements), order


async def test_a_guest_checkout_costs_at_most_28_statements_for_2_or_10_lines(
    app: Starlette, merchant_a: MerchantWorld
) -> None:
    # given a shop selling ten variants
    shop = await open_shop(merchant_a)
    for number in range(10):
        await shop.sell(f"SKU-{number}", "10.00", stock=100)
    await checkout_statements(app, shop, {"SKU-0": 1})  # warm caches
    # when a guest checks out 2 lines, then 10 lines
    two, order = await checkout_statements(app, shop, {"SKU-0": 1, "SKU-1": 2})
    ten, _ = await checkout_statements(app, shop, {f"SKU-{n}": 1 for n in range(10)})
    # then both orders exist and cost the same small number of statements
    assert order["total"] == {"amount": "35.00"}
    assert two <= BUDGET, two
    assert ten <= two + 2 * 8, (two, ten)  # one stock UPDATE per line is all that grows


async def test_promotions_on_categories_and_customers_cost_the_same_for_any_size(
    app: Starlette, merchant_a: MerchantWorld
) -> None:
    # given ten products in subcategories of Clothing, and a promotion on Clothing whose
    # condition looks at the customer
    shop = await open_shop(merchant_a)
    clothing = await shop.catalog.category("Clothing")
    for number in range(10):
        sub = await shop.catalog.category(f"Sub {number}", parent=clothing)
        product = await shop.catalog.product(f"Product {number}", categoryId=sub)
        await shop.sell(f"SKU-{number}", "10.00", stock=100, product=product)
    money = {"amount": "1.00", "currencyCode": "USD"}
    await create_promotion(
        merchant_a,
        name="Clothing",
        currency="USD",
        action={"amountOffEach": {"amount": money, "target": {"categoryIds": [clothing]}}},
        condition={"any": [{"firstOrder": True}, {"customerTagged": {"tags": ["vip"]}}]},
    )
    await checkout_statements(app, shop, {"SKU-0": 1})  # warm caches
    # when a guest checks out 2 lines, then 10 lines
    two, order = await checkout_statements(app, shop, {"SKU-0": 1, "SKU-1": 2})
    ten, _ = await checkout_statements(app, shop, {f"SKU-{n}": 1 for n in range(10)})
    # then the subcategories' products are discounted, and the lines' categories cost the same
    # few statements (one per quote) whatever the cart's size
    assert order["total"] == {"amount": "32.00"}
    assert ten <= two + 2 * 8, (two, ten)  # one stock UPDATE per line is all that grows
    # A redemption of a promotion without limits leaves the merchant's kept rules as they
    # were; the lines' categories and the customer facts add a statement or so per quote.
    assert two <= BUDGET + 3, two
