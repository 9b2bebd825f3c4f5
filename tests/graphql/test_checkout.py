"""Checkout: a cart becomes a paid order in one step, priced by the server, once."""

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import CART, Shop, new_key, open_shop


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    shop = await open_shop(merchant_a)
    await shop.sell("TEE-M", "20.00", stock=10, weightGrams=200)
    await shop.sell("MUG", "12.50", stock=3)
    return shop


async def test_a_guest_checks_out_and_gets_a_paid_order_with_a_snapshot(shop: Shop) -> None:
    # given a cart with two lines, an address and standard shipping
    cart = await shop.ready_cart({"TEE-M": 2, "MUG": 1})
    assert cart["cost"]["total"] == {"amount": "57.50", "currencyCode": "USD"}
    assert cart["checkoutProblems"] == []
    # when it is checked out with a card that succeeds
    done = ok(await shop.complete(cart["id"]))
    # then the order is paid, priced as the cart was, and remembers what was bought
    order = done["order"]
    assert order["number"] == 1
    assert order["status"] == "PAID"
    assert order["total"] == {"amount": "57.50", "currencyCode": "USD"}
    assert order["shipping"] == {"amount": "5.00"}
    assert [
        (line["sku"], line["quantity"], line["unitPrice"]["amount"]) for line in order["lines"]
    ] == [
        ("TEE-M", 2, "20.00"),
        ("MUG", 1, "12.50"),
    ]
    assert order["fulfillmentGroups"] == [
        {
            "warehouseName": "Oakland",
            "lines": [{"sku": "TEE-M", "quantity": 2}, {"sku": "MUG", "quantity": 1}],
        }
    ]
    assert order["payments"][0]["state"] == "CAPTURED"
    assert done["orderToken"].startswith("agora_ot_")
    # and the cart is closed
    closed = await shop.visitor(CART, {"id": cart["id"]})
    assert closed.data["cart"]["status"] == "COMPLETED"


async def test_the_same_idempotency_key_returns_the_same_order(shop: Shop) -> None:
    cart = await shop.ready_cart({"MUG": 1})
    key = new_key()
    first = ok(await shop.complete(cart["id"], key=key))
    again = ok(await shop.complete(cart["id"], key=key))
    assert again["order"]["id"] == first["order"]["id"]
    assert len(again["order"]["payments"]) == 1
    other = await shop.complete(cart["id"], key=new_key())
    assert other["userErrors"][0]["code"] == "ALREADY_COMPLETED"
