"""Gift cards sold as products: paying for the order issues one card per unit, worth the unit
price; the buyer reads the codes on the order and gets them by email; gift cards never pay for
gift cards."""

from typing import Any

import pytest
from starlette.applications import Starlette

from persistence.database import Database
from server.gift_card_delivery import GiftCardDelivery
from server.notifications import CapturingNotifier
from server.state import utcnow
from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import ADDRESS, PAYMENT_CONFIRM, Shop, open_shop
from tests.support.gift_cards import issue_gift_card
from tests.support.orders import CANCEL
from tests.support.promotion_api import create_promotion

SOLD = "giftCards { last4 maskedCode code initialBalance { amount currencyCode } deliveredAt }"
COMPLETE = f"""
mutation($cart: ID!, $key: String!, $payment: PaymentInput) {{
  checkoutComplete(cartId: $cart, idempotencyKey: $key, payment: $payment) {{
    order {{ id status lines {{ sku giftCard }} payments {{ id }} {SOLD} }}
    orderToken userErrors {{ field code }}
  }}
}}
"""
BY_TOKEN = f"query($token: String!) {{ orderByToken(token: $token) {{ {SOLD} }} }}"
STAFF_VIEW = f"query($id: ID!) {{ node(id: $id) {{ ... on Order {{ {SOLD} }} }} }}"
ADD_CARD = """
mutation($cart: ID!, $code: String!) {
  cartGiftCardAdd(cartId: $cart, code: $code) {
    cart { giftCards { applied { amount } balance { amount } } amountDue { amount } }
    userErrors { field code }
  }
}
"""
DIGITAL_CART = """
mutation($input: CartCreateInput!) {
  cartCreate(input: $input) {
    cart {
      id requiresShipping deliveryOptions { id } checkoutProblems { field code }
      cost { shipping { amount } total { amount } }
    }
    userErrors { field code }
  }
}
"""
DELIVERED_AS = """
query($token: String!) {
  orderByToken(token: $token) {
    status shippingAddress { city } delivery { kind name price { amount } }
    giftCards { initialBalance { amount } }
  }
}
"""
TYPE = """
mutation($input: ProductTypeInput!) {
  productTypeCreate(input: $input) { productType { id kind } userErrors { field code } }
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


async def checkout(shop: Shop, lines: dict[str, int], gateway: str = "dummy") -> dict[str, Any]:
    cart = await shop.ready_cart(lines)
    done = await shop.visitor(
        COMPLETE,
        {
            "cart": cart["id"],
            "key": f"gift-sale-{cart['id']}",
            "payment": {"gateway": gateway, "token": "tok_success"},
        },
    )
    return ok(done.data["checkoutComplete"])


def delivery(app: Starlette, database: Database) -> tuple[GiftCardDelivery, CapturingNotifier]:
    state = app.state.agora
    notifier = CapturingNotifier()
    return GiftCardDelivery(database, state.secret_sealer, notifier), notifier


async def test_a_paid_order_issues_one_card_per_unit_worth_the_unit_price(shop: Shop) -> None:
    done = await checkout(shop, {"GIFT-50": 2, "LAMP": 1})
    order = done["order"]
    assert order["status"] == "PAID"
    assert {line["sku"]: line["giftCard"] for line in order["lines"]} == {
        "GIFT-50": True,
        "LAMP": False,
    }
    cards = order["giftCards"]
    assert [c["initialBalance"] for c in cards] == [{"amount": "50.00", "currencyCode": "USD"}] * 2
    assert cards[0]["code"] != cards[1]["code"]
    assert all(c["code"].endswith(c["last4"]) and c["deliveredAt"] is None for c in cards)
    # the buyer can spend a card at once
    cart = await shop.ready_cart({"LAMP": 1})
    added = await shop.visitor(ADD_CARD, {"cart": cart["id"], "code": cards[0]["code"]})
    assert ok(added.data["cartGiftCardAdd"])["cart"]["giftCards"] == [
        {"applied": {"amount": "45.00"}, "balance": {"amount": "50.00"}}
    ]


async def test_only_the_buyer_reads_the_codes(shop: Shop) -> None:
    done = await checkout(shop, {"GIFT-50": 1})
    codes = [c["code"] for c in done["order"]["giftCards"]]
    guest = await shop.visitor(BY_TOKEN, {"token": done["orderToken"]})
    assert [c["code"] for c in guest.data["orderByToken"]["giftCards"]] == codes
    staff = await shop.admin(STAFF_VIEW, {"id": done["order"]["id"]})
    assert [c["code"] for c in staff["node"]["giftCards"]] == [None]
    assert staff["node"]["giftCards"][0]["maskedCode"].endswith(codes[0][-4:])


async def test_the_worker_emails_each_code_once(
    shop: Shop, app: Starlette, database: Database
) -> None:
    done = await checkout(shop, {"GIFT-50": 2})
    courier, notifier = delivery(app, database)
    assert await courier.deliver(utcnow()) == 2
    assert await courier.deliver(utcnow()) == 0
    assert sorted(m.data["code"] for m in notifier.sent) == sorted(
        c["code"] for c in done["order"]["giftCards"]
    )
    assert {(m.to, m.kind) for m in notifier.sent} == {("ada@example.com", "gift_card.delivered")}
    assert all("50.00" in m.body for m in notifier.sent)
    again = await shop.visitor(BY_TOKEN, {"token": done["orderToken"]})
    assert all(c["deliveredAt"] for c in again.data["orderByToken"]["giftCards"])


async def test_an_unpaid_order_issues_its_cards_when_its_payment_is_confirmed(
    shop: Shop, app: Starlette, database: Database
) -> None:
    done = await checkout(shop, {"GIFT-50": 1}, gateway="bank_transfer")
    assert (done["order"]["status"], done["order"]["giftCards"]) == ("UNPAID", [])
    courier, _ = delivery(app, database)
    assert await courier.deliver(utcnow()) == 0
    payment_id = done["order"]["payments"][0]["id"]
    ok((await shop.admin(PAYMENT_CONFIRM, {"id": payment_id}))["paymentConfirm"])
    paid = await shop.visitor(BY_TOKEN, {"token": done["orderToken"]})
    assert [c["initialBalance"]["amount"] for c in paid.data["orderByToken"]["giftCards"]] == [
        "50.00"
    ]
    assert await courier.deliver(utcnow()) == 1


async def test_gift_cards_do_not_pay_for_gift_cards(shop: Shop) -> None:
    # given a card of 100.00 on a cart of a 50.00 gift card and a 40.00 lamp (+5.00 shipping)
    _, code = await issue_gift_card(shop.merchant, "100.00", "USD")
    cart = await shop.ready_cart({"GIFT-50": 1, "LAMP": 1})
    added = ok(
        (await shop.visitor(ADD_CARD, {"cart": cart["id"], "code": code})).data["cartGiftCardAdd"]
    )
    # then the card pays the lamp and its shipping only; the gift card is left to pay
    assert added["cart"]["giftCards"][0]["applied"] == {"amount": "45.00"}
    assert added["cart"]["amountDue"] == {"amount": "50.00"}


async def test_a_product_type_is_standard_unless_told(shop: Shop) -> None:
    created = await shop.admin(TYPE, {"input": {"name": "Lamps"}})
    assert ok(created["productTypeCreate"])["productType"]["kind"] == "STANDARD"


async def test_promotions_never_discount_a_gift_card(shop: Shop) -> None:
    # given 10% off everything, on a cart of a 50.00 gift card and a 40.00 lamp
    await create_promotion(shop.merchant)
    cart = await shop.cart({"GIFT-50": 1, "LAMP": 1})
    # then only the lamp is discounted, and the card issued is worth its full price
    assert cart["cost"]["discount"] == {"amount": "4.00"}
    done = await checkout(shop, {"GIFT-50": 1, "LAMP": 1})
    assert [c["initialBalance"]["amount"] for c in done["order"]["giftCards"]] == ["50.00"]


async def test_cancelling_the_order_empties_and_deactivates_its_unspent_cards(shop: Shop) -> None:
    done = await checkout(shop, {"GIFT-50": 1})
    code = done["order"]["giftCards"][0]["code"]
    cancelled = await shop.admin(CANCEL, {"id": done["order"]["id"]})
    ok(cancelled["orderCancel"])
    cart = await shop.ready_cart({"LAMP": 1})
    refused = await shop.visitor(ADD_CARD, {"cart": cart["id"], "code": code})
    assert refused.data["cartGiftCardAdd"]["userErrors"][0]["code"] == "INACTIVE"


async def test_an_order_whose_card_was_spent_cannot_be_cancelled(shop: Shop) -> None:
    done = await checkout(shop, {"GIFT-50": 1})
    code = done["order"]["giftCards"][0]["code"]
    cart = await shop.ready_cart({"LAMP": 1})
    ok((await shop.visitor(ADD_CARD, {"cart": cart["id"], "code": code})).data["cartGiftCardAdd"])
    ok(await shop.complete(cart["id"]))
    refused = await shop.admin(CANCEL, {"id": done["order"]["id"]})
    assert [e["code"] for e in refused["orderCancel"]["userErrors"]] == ["INVALID_STATE"]


async def test_a_cart_of_gift_cards_only_asks_for_no_address_and_no_delivery(shop: Shop) -> None:
    created = await shop.visitor(
        DIGITAL_CART, {"input": {"lines": shop.lines({"GIFT-50": 2}), "email": "ada@example.com"}}
    )
    cart = ok(created.data["cartCreate"])["cart"]
    assert cart["requiresShipping"] is False
    assert (cart["deliveryOptions"], cart["checkoutProblems"]) == ([], [])
    assert cart["cost"]["shipping"] == {"amount": "0.00"}
    assert cart["cost"]["total"] == {"amount": "100.00"}
    # it completes as an order delivered by email, its cards issued at once: nothing ships
    done = ok(await shop.complete(cart["id"]))
    order = await shop.visitor(DELIVERED_AS, {"token": done["orderToken"]})
    assert order.data["orderByToken"] == {
        "status": "DELIVERED",
        "shippingAddress": None,
        "delivery": {"kind": "DIGITAL", "name": "Email", "price": {"amount": "0.00"}},
        "giftCards": [{"initialBalance": {"amount": "50.00"}}] * 2,
    }


async def test_a_gift_card_cart_is_offered_no_shipping_even_with_an_address(shop: Shop) -> None:
    cart = await shop.cart({"GIFT-50": 1}, email="ada@example.com", shippingAddress=ADDRESS)
    assert (cart["deliveryOptions"], cart["checkoutProblems"]) == ([], [])
    assert cart["cost"]["shipping"] == {"amount": "0.00"}


async def test_anything_else_in_the_cart_asks_for_an_address_and_a_delivery_again(
    shop: Shop,
) -> None:
    created = await shop.visitor(
        DIGITAL_CART,
        {"input": {"lines": shop.lines({"GIFT-50": 1, "LAMP": 1}), "email": "ada@example.com"}},
    )
    cart = ok(created.data["cartCreate"])["cart"]
    assert cart["requiresShipping"] is True
    assert [p["field"] for p in cart["checkoutProblems"]] == [
        ["shippingAddress"],
        ["deliveryOptionId"],
    ]
    refused = await shop.complete(cart["id"])
    assert refused["order"] is None
    assert ["shippingAddress"] in [e["field"] for e in refused["userErrors"]]
