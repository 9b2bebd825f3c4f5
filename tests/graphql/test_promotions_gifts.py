"""Gift promotions: the cart shows the gift, free and not editable, while the promotion
applies; checkout reserves its stock and puts it on the order; a gift out of stock is not
given, and the cart says why."""

from typing import Any

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import ADDRESS, DELIVERY_SET, Shop, open_shop, stock_of
from tests.support.promotion_api import create_promotion

GIFT_FIELDS = """
id cost { subtotal { amount } discount { amount } total { amount } }
giftLines { variant { sku } quantity isGift total { amount } value { amount } promotionName }
unavailableGifts { name detail }
deliveryOptions { id }
"""
CREATE = f"""
mutation($input: CartCreateInput!) {{
  cartCreate(input: $input) {{ cart {{ {GIFT_FIELDS} }} userErrors {{ field message code }} }}
}}
"""
UPDATE_LINES = f"""
mutation($cart: ID!, $lines: [CartLineInput!]!) {{
  cartLinesUpdate(cartId: $cart, lines: $lines) {{
    cart {{ {GIFT_FIELDS} }} userErrors {{ field message code }}
  }}
}}
"""
COMPLETE = """
mutation($cart: ID!, $key: String!, $payment: PaymentInput) {
  checkoutComplete(cartId: $cart, idempotencyKey: $key, payment: $payment) {
    order { total { amount } lines { sku quantity unitPrice { amount } total { amount } } }
    userErrors { field message code }
  }
}
"""


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    shop = await open_shop(merchant_a)
    await shop.sell("MUG", "20.00", stock=20)
    return shop


async def tote_for_orders_over_50(shop: Shop, stock: int) -> None:
    await shop.sell("TOTE", "15.00", stock=stock)
    await create_promotion(
        shop.merchant,
        name="Free tote",
        currency="USD",
        action={
            "type": "GiftItem",
            "variantId": shop.variants["TOTE"],
            "value": {"amount": "15.00", "currency": "USD"},
        },
        condition={"type": "MinSubtotal", "amount": {"amount": "50.00", "currency": "USD"}},
    )


async def new_cart(shop: Shop, mugs: int) -> dict[str, Any]:
    input = {"lines": shop.lines({"MUG": mugs}), "email": "ada@example.com"}
    result = await shop.visitor(CREATE, {"input": input | {"shippingAddress": ADDRESS}})
    return ok(result.data["cartCreate"])["cart"]  # type: ignore[no-any-return]


async def set_mugs(shop: Shop, cart_id: str, mugs: int) -> dict[str, Any]:
    result = await shop.visitor(UPDATE_LINES, {"cart": cart_id, "lines": shop.lines({"MUG": mugs})})
    return ok(result.data["cartLinesUpdate"])["cart"]  # type: ignore[no-any-return]


TOTE = {
    "variant": {"sku": "TOTE"},
    "quantity": 1,
    "isGift": True,
    "total": {"amount": "0.00"},
    "value": {"amount": "15.00"},
    "promotionName": "Free tote",
}


async def test_the_gift_shows_while_its_promotion_applies_and_costs_nothing(shop: Shop) -> None:
    # given a free tote with orders of 50.00 or more
    await tote_for_orders_over_50(shop, stock=5)
    # when a cart holds one mug (20.00), then three (60.00), then one again
    small = await new_cart(shop, 1)
    large = await set_mugs(shop, small["id"], 3)
    again = await set_mugs(shop, small["id"], 1)
    # then only the 60.00 cart shows the tote, free: the cart costs what its mugs cost
    assert small["giftLines"] == [] and again["giftLines"] == []
    assert large["giftLines"] == [TOTE]
    assert large["cost"]["total"] == {"amount": "60.00"}
    assert large["unavailableGifts"] == []


async def test_checkout_reserves_the_gift_and_puts_it_on_the_order(shop: Shop) -> None:
    # given a cart that earns the tote, ready to check out
    await tote_for_orders_over_50(shop, stock=5)
    cart = await new_cart(shop, 3)
    chosen = await shop.visitor(
        DELIVERY_SET, {"cart": cart["id"], "option": cart["deliveryOptions"][0]["id"]}
    )
    ok(chosen.data["cartDeliveryOptionSet"])
    # when the shopper checks out
    result = await shop.visitor(
        COMPLETE,
        {
            "cart": cart["id"],
            "key": "gift-1",
            "payment": {"gateway": "dummy", "token": "tok_success"},
        },
    )
    order = ok(result.data["checkoutComplete"])["order"]
    # then the order holds the tote at no cost, and one tote is reserved for it
    assert order["lines"][-1] == {
        "sku": "TOTE",
        "quantity": 1,
        "unitPrice": {"amount": "0.00"},
        "total": {"amount": "0.00"},
    }
    assert order["total"] == {"amount": "65.00"}  # 60.00 and 5.00 shipping
    assert await stock_of(shop, "TOTE") == [("Oakland", 5, 1)]


async def test_a_gift_out_of_stock_is_not_given_and_the_cart_says_why(shop: Shop) -> None:
    # given a free tote with orders of 50.00 or more, and no tote left
    await tote_for_orders_over_50(shop, stock=0)
    # when a cart earns it
    cart = await new_cart(shop, 3)
    # then no tote is added, and the cart says the promotion's gift is out of stock
    assert cart["giftLines"] == []
    assert cart["unavailableGifts"] == [{"name": "Free tote", "detail": "the gift is out of stock"}]
