"""Gift cards at checkout: one or several pay part or all of a cart, their balances change only
when the order is placed, and a lapsed order puts the money back."""

from datetime import timedelta

import pytest

from persistence.database import Database
from server.order_sweeper import OrderSweeper
from server.state import utcnow
from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import Shop, open_shop
from tests.support.gift_cards import issue_gift_card

ADD = """
mutation($cart: ID!, $code: String!) {
  cartGiftCardAdd(cartId: $cart, code: $code) {
    cart { giftCards { maskedCode applied { amount } balance { amount } } amountDue { amount }
           cost { total { amount } } }
    userErrors { field code }
  }
}
"""
REMOVE = """
mutation($cart: ID!, $card: ID!) {
  cartGiftCardRemove(cartId: $cart, giftCardId: $card) {
    cart { giftCards { maskedCode } amountDue { amount } } userErrors { code }
  }
}
"""
BALANCE = "query($id: ID!) { node(id: $id) { ... on GiftCard { balance { amount } } } }"


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    shop = await open_shop(merchant_a)
    await shop.sell("LAMP", "40.00", stock=5)
    return shop


async def balance(shop: Shop, card_id: str) -> str:
    return str((await shop.admin(BALANCE, {"id": card_id}))["node"]["balance"]["amount"])


async def test_two_gift_cards_and_a_card_pay_one_order(shop: Shop) -> None:
    # given a cart of 45.00 and two gift cards of 20.00 and 10.00
    first_id, first = await issue_gift_card(shop.merchant, "20.00", "USD")
    second_id, second = await issue_gift_card(shop.merchant, "10.00", "USD")
    cart = await shop.ready_cart({"LAMP": 1})
    await shop.visitor(ADD, {"cart": cart["id"], "code": first.lower()})
    added = ok(
        (await shop.visitor(ADD, {"cart": cart["id"], "code": second})).data["cartGiftCardAdd"]
    )
    # then the cart shows what each pays and what is left
    assert [c["applied"]["amount"] for c in added["cart"]["giftCards"]] == ["20.00", "10.00"]
    assert added["cart"]["amountDue"] == {"amount": "15.00"}
    assert await balance(shop, first_id) == "20.00"  # nothing is taken before checkout
    # when it is checked out
    order = ok(await shop.complete(cart["id"]))["order"]
    # then the cards are spent, the card pays the rest, and the order is paid
    assert order["status"] == "PAID"
    assert [(p["gateway"], p["amount"]["amount"]) for p in order["payments"]] == [
        ("gift_card", "20.00"),
        ("gift_card", "10.00"),
        ("dummy", "15.00"),
    ]
    assert (await balance(shop, first_id), await balance(shop, second_id)) == ("0.00", "0.00")


async def test_a_gift_card_covering_everything_needs_no_gateway(shop: Shop) -> None:
    card_id, code = await issue_gift_card(shop.merchant, "100.00", "USD")
    cart = await shop.ready_cart({"LAMP": 1})
    await shop.visitor(ADD, {"cart": cart["id"], "code": code})
    done = await shop.visitor(
        'mutation($c: ID!) { checkoutComplete(cartId: $c, idempotencyKey: "k-gift") '
        "{ order { status payments { gateway amount { amount } } } userErrors { code } } }",
        {"c": cart["id"]},
    )
    order = ok(done.data["checkoutComplete"])["order"]
    assert order == {
        "status": "PAID",
        "payments": [{"gateway": "gift_card", "amount": {"amount": "45.00"}}],
    }
    assert await balance(shop, card_id) == "55.00"


async def test_a_declined_card_leaves_the_gift_card_untouched(shop: Shop) -> None:
    card_id, code = await issue_gift_card(shop.merchant, "10.00", "USD")
    cart = await shop.ready_cart({"LAMP": 1})
    await shop.visitor(ADD, {"cart": cart["id"], "code": code})
    declined = await shop.complete(cart["id"], card="tok_decline")
    assert declined["userErrors"][0]["code"] == "PAYMENT_DECLINED"
    assert await balance(shop, card_id) == "10.00"


async def test_unusable_gift_cards_are_refused_with_their_reason(shop: Shop) -> None:
    cart = await shop.ready_cart({"LAMP": 1})
    _euro_id, euro = await issue_gift_card(shop.merchant, "10.00", "EUR")
    wrong = await shop.visitor(ADD, {"cart": cart["id"], "code": euro})
    assert wrong.data["cartGiftCardAdd"]["userErrors"] == [
        {"field": ["code"], "code": "CURRENCY_MISMATCH"}
    ]
    unknown = await shop.visitor(ADD, {"cart": cart["id"], "code": "AAAA-BBBB-CCCC-DDDD"})
    assert unknown.data["cartGiftCardAdd"]["userErrors"] == [
        {"field": ["code"], "code": "NOT_FOUND"}
    ]


async def test_a_gift_card_can_be_taken_off_the_cart(shop: Shop) -> None:
    card_id, code = await issue_gift_card(shop.merchant, "10.00", "USD")
    cart = await shop.ready_cart({"LAMP": 1})
    await shop.visitor(ADD, {"cart": cart["id"], "code": code})
    removed = await shop.visitor(REMOVE, {"cart": cart["id"], "card": card_id})
    assert ok(removed.data["cartGiftCardRemove"])["cart"] == {
        "giftCards": [],
        "amountDue": {"amount": "45.00"},
    }


async def test_a_lapsed_order_puts_the_gift_card_money_back(shop: Shop, database: Database) -> None:
    card_id, code = await issue_gift_card(shop.merchant, "30.00", "USD")
    cart = await shop.ready_cart({"LAMP": 1})
    await shop.visitor(ADD, {"cart": cart["id"], "code": code})
    order = ok(await shop.complete(cart["id"], gateway="bank_transfer"))["order"]
    assert order["status"] == "UNPAID"
    assert await balance(shop, card_id) == "0.00"
    assert await OrderSweeper(database).sweep(utcnow() + timedelta(hours=2)) == 1
    assert await balance(shop, card_id) == "30.00"
