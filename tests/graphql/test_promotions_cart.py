"""Promotions on a cart: automatic ones apply by themselves, codes apply theirs, and the cart
says why an entered code does not; the parts still add up to the total."""

from typing import Any

import pytest

from tests.support.actors import ok
from tests.support.checkout import ADDRESS, Shop, open_shop
from tests.support.promotion_api import create_promotion, generate_codes, percent_off

PROMOTION_FIELDS = """
id appliedPromotions { promotionId name amount { amount } } promoCodes
promoCodeStatuses { code status } shippingDiscount { amount }
lines { variant { sku } subtotal { amount } discount { amount } total { amount } }
cost { subtotal { amount } discount { amount } shipping { amount } total { amount } }
"""
CREATE = (
    """
mutation($input: CartCreateInput!) {
  cartCreate(input: $input) { cart { """
    + PROMOTION_FIELDS
    + """ } userErrors { field message code } }
}
"""
)
UPDATE = (
    """
mutation($cart: ID!, $input: CartDetailsInput!) {
  cartUpdate(cartId: $cart, input: $input) { cart { """
    + PROMOTION_FIELDS
    + """ } userErrors { field message code } }
}
"""
)
CODE_ONLY = {"type": "CodeEntered"}


@pytest.fixture
async def shop(merchant_a: Any) -> Shop:
    shop = await open_shop(merchant_a)
    await shop.sell("MUG", "10.00", stock=50)
    await shop.sell("LAMP", "33.33", stock=50)
    return shop


async def new_cart(shop: Shop, lines: dict[str, int], **details: Any) -> dict[str, Any]:
    result = await shop.visitor(
        CREATE,
        {"input": {"lines": shop.lines(lines), "shippingAddress": ADDRESS, **details}},
    )
    cart: dict[str, Any] = ok(result.data["cartCreate"])["cart"]
    return cart


async def enter(shop: Shop, cart_id: str, *codes: str) -> Any:
    return await shop.visitor(UPDATE, {"cart": cart_id, "input": {"promoCodes": list(codes)}})


def adds_up(cart: dict[str, Any]) -> bool:
    cost = cart["cost"]
    parts = sum(float(line["total"]["amount"]) for line in cart["lines"])
    return round(parts + float(cost["shipping"]["amount"]), 2) == float(cost["total"]["amount"])


async def test_an_automatic_promotion_discounts_every_cart(shop: Shop) -> None:
    # given 10% off everything, with no code
    promotion = (await create_promotion(shop.merchant, **percent_off("10")))["promotion"]
    # when a shopper fills a cart with 2 mugs and a lamp (53.33)
    cart = await new_cart(shop, {"MUG": 2, "LAMP": 1})
    # then 5.33 is taken off, line by line, and the cart shows the promotion
    assert cart["cost"]["discount"] == {"amount": "5.33"}
    assert [line["discount"]["amount"] for line in cart["lines"]] == ["2.00", "3.33"]
    assert cart["appliedPromotions"] == [
        {"promotionId": promotion["id"], "name": "10% off", "amount": {"amount": "5.33"}}
    ]
    assert adds_up(cart)


async def test_an_order_amount_is_split_over_the_lines_and_still_adds_up(shop: Shop) -> None:
    # given 10.00 off orders
    await create_promotion(
        shop.merchant,
        name="Ten off",
        currency="USD",
        action={"type": "AmountOffOrder", "amount": {"amount": "10.00", "currency": "USD"}},
    )
    # when a cart holds 1 mug and 1 lamp (43.33)
    cart = await new_cart(shop, {"MUG": 1, "LAMP": 1})
    # then the 10.00 is shared by the lines in proportion, to the cent
    discounts = [line["discount"]["amount"] for line in cart["lines"]]
    assert cart["cost"]["discount"] == {"amount": "10.00"}
    assert sorted(discounts) == ["2.31", "7.69"]
    assert adds_up(cart)


async def test_a_code_applies_its_promotion_only_once_entered(shop: Shop) -> None:
    # given 20% off with a code
    promotion = (await create_promotion(shop.merchant, **percent_off("20", condition=CODE_ONLY)))[
        "promotion"
    ]
    [code] = await generate_codes(shop.merchant, promotion["id"], prefix="VIP-")
    cart = await new_cart(shop, {"MUG": 1})
    assert cart["cost"]["discount"] == {"amount": "0.00"}
    # when the shopper enters it in lower case
    entered = ok((await enter(shop, cart["id"], code.lower())).data["cartUpdate"])["cart"]
    # then it is stored normalised and applies
    assert entered["promoCodes"] == [code]
    assert entered["promoCodeStatuses"] == [{"code": code, "status": "APPLIED"}]
    assert entered["cost"]["discount"] == {"amount": "2.00"}


async def test_an_unknown_code_is_refused_and_the_cart_stays_as_it_was(shop: Shop) -> None:
    # given a cart and a merchant with one promotion code
    promotion = (await create_promotion(shop.merchant, condition=CODE_ONLY))["promotion"]
    [code] = await generate_codes(shop.merchant, promotion["id"])
    cart = await new_cart(shop, {"MUG": 1})
    # when the shopper enters a real code and one nobody issued
    result = await enter(shop, cart["id"], code, "NOSUCHCODE")
    # then the unknown one is named, and nothing is entered
    payload = result.data["cartUpdate"]
    assert payload["userErrors"] == [
        {
            "field": ["promoCodes", "1"],
            "message": "No promotion has the code NOSUCHCODE.",
            "code": "NOT_FOUND",
        }
    ]
    again = await shop.visitor(
        "query($id: ID!) { cart(id: $id) { promoCodes } }", {"id": cart["id"]}
    )
    assert again.data["cart"]["promoCodes"] == []


async def test_the_cart_says_why_a_known_code_does_not_apply(shop: Shop) -> None:
    # given a code whose promotion needs 100.00 in the cart
    needs_more = (
        await create_promotion(
            shop.merchant,
            currency="USD",
            condition={
                "type": "AllOf",
                "conditions": [
                    CODE_ONLY,
                    {"type": "MinSubtotal", "amount": {"amount": "100.00", "currency": "USD"}},
                ],
            },
        )
    )["promotion"]
    [big] = await generate_codes(shop.merchant, needs_more["id"], prefix="BIG")
    # when it is entered on a 10.00 cart
    cart = await new_cart(shop, {"MUG": 1})
    entered = ok((await enter(shop, cart["id"], big)).data["cartUpdate"])["cart"]
    # then the code is valid but its promotion does not apply
    assert entered["promoCodeStatuses"] == [{"code": big, "status": "NOT_APPLIED"}]
    assert entered["cost"]["discount"] == {"amount": "0.00"}


async def test_free_shipping_takes_the_delivery_price_off(shop: Shop) -> None:
    # given free shipping on every order
    await create_promotion(
        shop.merchant, name="Free shipping", action={"type": "ShippingOff", "percent": "100"}
    )
    # when a shopper chooses the 5.00 delivery
    cart = await shop.ready_cart({"MUG": 1})
    read = await shop.visitor(
        "query($id: ID!) { cart(id: $id) { " + PROMOTION_FIELDS + " } }", {"id": cart["id"]}
    )
    quoted = read.data["cart"]
    # then shipping costs nothing and the total is the mug
    assert quoted["shippingDiscount"] == {"amount": "5.00"}
    assert quoted["cost"]["shipping"] == {"amount": "0.00"}
    assert quoted["cost"]["total"] == {"amount": "10.00"}


async def test_an_archived_promotion_no_longer_applies(shop: Shop) -> None:
    promotion = (await create_promotion(shop.merchant))["promotion"]
    await shop.merchant.run(
        "mutation($id: ID!) { promotionArchive(id: $id) { userErrors { code } } }",
        {"id": promotion["id"]},
    )
    cart = await new_cart(shop, {"MUG": 1})
    assert cart["appliedPromotions"] == []
    assert cart["cost"]["discount"] == {"amount": "0.00"}


async def test_a_code_entered_before_its_promotion_ended_shows_as_expired(shop: Shop) -> None:
    # given a code entered on a cart while its promotion runs
    fields = percent_off("20", condition=CODE_ONLY, endsAt="2099-01-01T00:00:00Z")
    promotion = (await create_promotion(shop.merchant, **fields))["promotion"]
    [code] = await generate_codes(shop.merchant, promotion["id"])
    cart = await new_cart(shop, {"MUG": 1})
    ok((await enter(shop, cart["id"], code)).data["cartUpdate"])
    # when the merchant ends the promotion
    ended = fields | {"startsAt": "2020-01-01T00:00:00Z", "endsAt": "2020-02-01T00:00:00Z"}
    changed = await shop.merchant.run(
        "mutation($id: ID!, $input: PromotionInput!) { promotionUpdate(id: $id, input: $input) "
        "{ userErrors { field } } }",
        {"id": promotion["id"], "input": ended},
    )
    assert changed.data["promotionUpdate"]["userErrors"] == []
    # then the cart says the code has expired and takes nothing off
    read = await shop.visitor(
        "query($id: ID!) { cart(id: $id) { " + PROMOTION_FIELDS + " } }", {"id": cart["id"]}
    )
    assert read.data["cart"]["promoCodeStatuses"] == [{"code": code, "status": "EXPIRED"}]
    assert read.data["cart"]["cost"]["discount"] == {"amount": "0.00"}
