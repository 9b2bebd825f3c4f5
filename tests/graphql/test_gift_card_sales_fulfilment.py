"""Gift-card lines never ship: an order of gift cards only is DELIVERED once paid (its cards
issued), a mixed order ships its physical lines only; refunding gift-card units takes their
cards back (emptied and deactivated), refused once such a card is spent."""

from typing import Any

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import PAYMENT_CONFIRM, Shop, open_shop
from tests.support.order_editing import edit_order
from tests.support.orders import (
    CANCEL,
    COMPLETE_ORDER,
    FULFILLMENT_CREATE,
    deliver,
    errors,
    fulfill,
    line_id,
    order_state,
    refund,
    ship,
)
from tests.support.webhooks import events

COMPLETE = """
mutation($cart: ID!, $key: String!, $payment: PaymentInput) {
  checkoutComplete(cartId: $cart, idempotencyKey: $key, payment: $payment) {
    order { id giftCards { code } } userErrors { field code }
  }
}
"""
COMPLETE_PAYMENT = """
mutation($cart: ID!, $key: String!, $payment: PaymentInput) {
  checkoutComplete(cartId: $cart, idempotencyKey: $key, payment: $payment) {
    order { id payments { id } } userErrors { field code }
  }
}
"""
ADD_CARD = """
mutation($cart: ID!, $code: String!) {
  cartGiftCardAdd(cartId: $cart, code: $code) { cart { id } userErrors { field code } }
}
"""
TYPE = """
mutation($input: ProductTypeInput!) {
  productTypeCreate(input: $input) { productType { id } userErrors { field code } }
}
"""


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    shop = await open_shop(merchant_a)
    created = await shop.admin(TYPE, {"input": {"name": "Gift card", "kind": "GIFT_CARD"}})
    type_id = ok(created["productTypeCreate"])["productType"]["id"]
    card_product = await shop.catalog.product("Gift card", productTypeId=type_id)
    await shop.sell("GIFT-50", "50.00", stock=None, product=card_product)
    await shop.sell("LAMP", "40.00", stock=5)
    return shop


async def bought(shop: Shop, lines: dict[str, int]) -> tuple[dict[str, Any], list[str]]:
    """A paid order of these lines, as staff see it, and the codes of the cards it issued."""
    cart = await shop.ready_cart(lines)
    variables = {"cart": cart["id"], "key": f"gift-{cart['id']}",
                 "payment": {"gateway": "dummy", "token": "tok_success"}}  # fmt: skip
    done = ok((await shop.visitor(COMPLETE, variables)).data["checkoutComplete"])
    codes = [card["code"] for card in done["order"]["giftCards"]]
    return await order_state(shop, done["order"]["id"]), codes


async def usable(shop: Shop, code: str) -> bool:
    cart = await shop.ready_cart({"LAMP": 1})
    added = await shop.visitor(ADD_CARD, {"cart": cart["id"], "code": code})
    return not added.data["cartGiftCardAdd"]["userErrors"]


async def test_an_order_of_gift_cards_only_is_delivered_once_paid(shop: Shop) -> None:
    order, codes = await bought(shop, {"GIFT-50": 2})
    assert len(codes) == 2
    assert (order["status"], order["fulfillmentStatus"], order["customerStatus"]) == (
        "DELIVERED", "DELIVERED", "DELIVERED",
    )  # fmt: skip
    kinds = await events(shop.merchant, types=["ORDER_PAID", "ORDER_DELIVERED"])
    assert sorted(e["type"] for e in kinds) == ["ORDER_DELIVERED", "ORDER_PAID"]
    completed = await shop.admin(COMPLETE_ORDER, {"id": order["id"]})
    assert ok(completed["orderComplete"])["order"]["status"] == "COMPLETED"


async def test_confirming_the_payment_of_gift_cards_only_delivers_the_order(shop: Shop) -> None:
    cart = await shop.ready_cart({"GIFT-50": 1})
    variables = {"cart": cart["id"], "key": f"gift-{cart['id']}",
                 "payment": {"gateway": "bank_transfer", "token": "-"}}  # fmt: skip
    done = ok((await shop.visitor(COMPLETE_PAYMENT, variables)).data["checkoutComplete"])
    confirmed = await shop.admin(PAYMENT_CONFIRM, {"id": done["order"]["payments"][0]["id"]})
    assert ok(confirmed["paymentConfirm"])["order"]["status"] == "DELIVERED"
    kinds = await events(shop.merchant, types=["ORDER_DELIVERED"])
    assert [e["type"] for e in kinds] == ["ORDER_DELIVERED"]


async def test_a_mixed_order_only_ships_its_physical_lines(shop: Shop) -> None:
    order, _ = await bought(shop, {"GIFT-50": 1, "LAMP": 1})
    assert order["status"] == "PAID"
    # a gift card never goes in a fulfillment
    lines = [{"orderLineId": line_id(order, "GIFT-50"), "quantity": 1}]
    data = await shop.admin(FULFILLMENT_CREATE, {"input": {"orderId": order["id"], "lines": lines}})
    assert errors(data["fulfillmentCreate"]) == [(["lines", "0", "orderLineId"], "INVALID_STATE")]
    # the lamp shipped and delivered, the order is
    parcel = await fulfill(shop, order, {"LAMP": 1})
    assert (await ship(shop, parcel))["order"]["status"] == "SHIPPED"
    delivered = (await deliver(shop, parcel))["order"]
    assert (delivered["status"], delivered["fulfillmentStatus"]) == ("DELIVERED", "DELIVERED")


async def test_refunding_a_gift_card_unit_takes_its_card_back(shop: Shop) -> None:
    # given an order of 2 gift cards
    order, codes = await bought(shop, {"GIFT-50": 2})
    # when one unit is refunded
    refunded = ok(await refund(shop, order, lines={"GIFT-50": 1}))["order"]
    # then one card is emptied and deactivated, the other is still good
    assert refunded["refunds"][0]["amount"] == {"amount": "50.00"}
    assert sorted([await usable(shop, code) for code in codes]) == [False, True]
    assert refunded["status"] == "DELIVERED"
    # and cancelling the order later takes back the card left (the refunded one is skipped)
    ok((await shop.admin(CANCEL, {"id": order["id"]}))["orderCancel"])
    assert [await usable(shop, code) for code in codes] == [False, False]


async def test_a_spent_card_cannot_be_refunded(shop: Shop) -> None:
    # given an order of 1 gift card, spent in part on a lamp
    order, [code] = await bought(shop, {"GIFT-50": 1})
    cart = await shop.ready_cart({"LAMP": 1})
    ok((await shop.visitor(ADD_CARD, {"cart": cart["id"], "code": code})).data["cartGiftCardAdd"])
    ok(await shop.complete(cart["id"]))
    # when its unit is refunded, it is refused, and nothing is refunded
    refused = await refund(shop, order, lines={"GIFT-50": 1})
    assert errors(refused) == [(["lines", "0", "quantity"], "INVALID_STATE")]
    assert "spent" in refused["userErrors"][0]["message"]
    after = await order_state(shop, order["id"])
    assert (after["refunds"], after["paymentStatus"]) == ([], "PAID")
    assert after["lines"][0]["quantityRefunded"] == 0


async def test_an_order_delivered_by_email_cannot_gain_lines_that_ship(shop: Shop) -> None:
    # given an unpaid order of a gift card only (a bank transfer awaited): nothing ships
    cart = await shop.ready_cart({"GIFT-50": 1})
    variables = {"cart": cart["id"], "key": f"gift-{cart['id']}",
                 "payment": {"gateway": "bank_transfer", "token": "-"}}  # fmt: skip
    done = ok((await shop.visitor(COMPLETE_PAYMENT, variables)).data["checkoutComplete"])
    # when staff add a lamp to it, it is refused (no address to ship to), a second card is not
    refused = await edit_order(shop, done["order"]["id"], {"LAMP": 1})
    assert errors(refused) == [(["lines", "0", "variantId"], "NOT_AVAILABLE")]
    assert "email" in refused["userErrors"][0]["message"]
    ok(await edit_order(shop, done["order"]["id"], {"GIFT-50": 2}))
