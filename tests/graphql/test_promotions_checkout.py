"""Promotions at checkout: the order keeps the discount, each use is counted once, and a code,
promotion or budget used up refuses the checkout with nothing changed."""

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from persistence import tables
from persistence.database import Database
from persistence.promotion_repositories import PromotionRepository
from server.order_sweeper import OrderSweeper
from server.state import utcnow
from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import (
    ADDRESS,
    CART_CREATE,
    CART_UPDATE,
    COMPLETE,
    DELIVERY_SET,
    Shop,
    new_key,
    open_shop,
    stock_of,
)
from tests.support.customers import Shopper, shopper
from tests.support.promotion_api import create_promotion, generate_codes, percent_off

CODE_ONLY = {"type": "CodeEntered"}
USAGE = """
query($id: ID!) {
  node(id: $id) { ... on Promotion { timesUsed discountGiven { amount } } }
}
"""
ORDERS = "{ orders(first: 50) { nodes { number discount { amount } } } }"
ORDER_SHIPPING = """
query($id: ID!) {
  node(id: $id) {
    ... on Order {
      discount { amount } shipping { amount } shippingDiscount { amount } total { amount }
    }
  }
}
"""


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    shop = await open_shop(merchant_a)
    await shop.sell("MUG", "30.00", stock=20)
    return shop


async def coded_cart(shop: Shop, code: str) -> dict[str, Any]:
    cart = await shop.ready_cart({"MUG": 1})
    result = await shop.visitor(CART_UPDATE, {"cart": cart["id"], "input": {"promoCodes": [code]}})
    return ok(result.data["cartUpdate"])["cart"]  # type: ignore[no-any-return]


async def usage(shop: Shop, promotion_id: str) -> dict[str, Any]:
    node: dict[str, Any] = (await shop.admin(USAGE, {"id": promotion_id}))["node"]
    return node


async def test_the_order_keeps_the_discount_and_the_use_is_counted(shop: Shop) -> None:
    # given 10% off with a code, and a cart with it entered
    fields = percent_off("10", condition=CODE_ONLY, currency="USD")
    promotion = (await create_promotion(shop.merchant, **fields))["promotion"]
    [code] = await generate_codes(shop.merchant, promotion["id"])
    cart = await coded_cart(shop, code)
    # when it is checked out
    order = ok(await shop.complete(cart["id"]))["order"]
    # then the order has the 3.00 discount and the promotion counts one use of 3.00
    assert order["discount"] == {"amount": "3.00"}
    assert order["total"] == {"amount": "32.00", "currencyCode": "USD"}  # 27.00 + 5.00 shipping
    assert await usage(shop, promotion["id"]) == {
        "timesUsed": 1,
        "discountGiven": {"amount": "3.00"},
    }


async def test_a_code_used_up_by_another_order_refuses_the_checkout(shop: Shop) -> None:
    # given a code good for one use, entered on two carts
    promotion = (await create_promotion(shop.merchant, condition=CODE_ONLY))["promotion"]
    [code] = await generate_codes(shop.merchant, promotion["id"], usage_limit=1)
    first = await coded_cart(shop, code)
    second = await coded_cart(shop, code)
    # when the first is checked out
    ok(await shop.complete(first["id"]))
    # then the second cart says the code is used up, and its checkout is refused
    refused = await shop.complete(second["id"])
    assert refused["order"] is None
    assert refused["userErrors"][0]["field"] == ["promoCodes", "0"]
    assert refused["userErrors"][0]["code"] == "LIMIT_EXCEEDED"
    # and nothing changed: one order, one use, one mug taken
    assert len((await shop.admin(ORDERS, {}))["orders"]["nodes"]) == 1
    assert (await usage(shop, promotion["id"]))["timesUsed"] == 1
    assert await stock_of(shop, "MUG") == [("Oakland", 20, 1)]


async def test_a_budget_caps_the_discount_then_stops_the_promotion(shop: Shop) -> None:
    # given 10% off everything with a budget of 5.00
    fields = percent_off("10", currency="USD", budget="5.00")
    promotion = (await create_promotion(shop.merchant, **fields))["promotion"]
    # when three 30.00 carts are checked out one after another
    discounts = []
    for _ in range(3):
        cart = await shop.ready_cart({"MUG": 1})
        discounts.append(ok(await shop.complete(cart["id"]))["order"]["discount"]["amount"])
    # then the budget pays 3.00, then the 2.00 left, then nothing
    assert discounts == ["3.00", "2.00", "0.00"]
    assert await usage(shop, promotion["id"]) == {
        "timesUsed": 2,
        "discountGiven": {"amount": "5.00"},
    }


async def test_a_promotion_limited_in_uses_stops_applying_when_used_up(shop: Shop) -> None:
    # given an automatic promotion for the first two orders
    promotion = (await create_promotion(shop.merchant, usageLimit=2))["promotion"]
    # when three orders are placed
    discounts = []
    for _ in range(3):
        cart = await shop.ready_cart({"MUG": 1})
        discounts.append(ok(await shop.complete(cart["id"]))["order"]["discount"]["amount"])
    # then only the first two are discounted
    assert discounts == ["3.00", "3.00", "0.00"]
    assert (await usage(shop, promotion["id"]))["timesUsed"] == 2


async def customer_order_discount(shop: Shop, customer: Shopper) -> str:
    """A signed-in customer buys a mug; the order's discount."""
    created = await customer.run(
        CART_CREATE,
        {
            "input": {
                "lines": shop.lines({"MUG": 1}),
                "email": customer.email,
                "shippingAddress": ADDRESS,
            }
        },
    )
    cart = ok(created.data["cartCreate"])["cart"]
    await customer.run(
        DELIVERY_SET, {"cart": cart["id"], "option": cart["deliveryOptions"][0]["id"]}
    )
    done = await customer.run(
        COMPLETE,
        {
            "cart": cart["id"],
            "key": new_key(),
            "payment": {"gateway": "dummy", "token": "tok_success"},
        },
    )
    return str(ok(done.data["checkoutComplete"])["order"]["discount"]["amount"])


async def test_a_promotion_once_per_customer_discounts_each_customer_once(shop: Shop) -> None:
    # given 10% off, once per customer
    await create_promotion(shop.merchant, usageLimitPerCustomer=1)
    ada = await shopper(shop.merchant, shop.token)
    grace = await shopper(shop.merchant, shop.token)
    # when Ada orders twice, then Grace once
    ada_discounts = [await customer_order_discount(shop, ada) for _ in range(2)]
    grace_discount = await customer_order_discount(shop, grace)
    # then Ada's first order and Grace's are discounted, Ada's second is not
    assert ada_discounts == ["3.00", "0.00"]
    assert grace_discount == "3.00"


async def test_a_lapsed_order_gives_its_code_use_and_budget_back(
    shop: Shop, database: Database
) -> None:
    # given a one-use code with a budget, used by an order waiting for a bank transfer
    fields = percent_off("10", condition=CODE_ONLY, currency="USD", budget="100.00")
    promotion = (await create_promotion(shop.merchant, **fields))["promotion"]
    [code] = await generate_codes(shop.merchant, promotion["id"], usage_limit=1)
    cart = await coded_cart(shop, code)
    order = ok(await shop.complete(cart["id"], gateway="bank_transfer"))["order"]
    assert order["status"] == "UNPAID"
    assert (await usage(shop, promotion["id"]))["timesUsed"] == 1
    # when the order lapses unpaid
    assert await OrderSweeper(database).sweep(utcnow() + timedelta(hours=2)) == 1
    # then the promotion is unused again, and the code works for another cart
    assert await usage(shop, promotion["id"]) == {
        "timesUsed": 0,
        "discountGiven": {"amount": "0.00"},
    }
    again = await coded_cart(shop, code)
    assert ok(await shop.complete(again["id"]))["order"]["discount"] == {"amount": "3.00"}
    # and the lapsed order's redemption is kept, marked reversed (history stays)
    assert await redemptions(database) == [("3.00", True), ("3.00", False)]


async def redemptions(database: Database) -> list[tuple[str, bool]]:
    """Every redemption (amount, reversed), oldest first, read as the platform."""
    r = tables.promotion_redemptions.c
    statement = select(r.amount, r.reversed_at).order_by(r.created_at, r.id)
    async with database.reading(None) as session:
        rows = (await session.execute(statement)).all()
    return [(f"{amount / 100:.2f}", reversed_at is not None) for amount, reversed_at in rows]


async def test_a_second_sweep_gives_nothing_back_twice(shop: Shop, database: Database) -> None:
    # given an automatic promotion used by an order that lapsed unpaid
    promotion = (await create_promotion(shop.merchant, **percent_off("10", usageLimit=5)))[
        "promotion"
    ]
    cart = await shop.ready_cart({"MUG": 1})
    ok(await shop.complete(cart["id"], gateway="bank_transfer"))
    later = utcnow() + timedelta(hours=2)
    assert await OrderSweeper(database).sweep(later) == 1
    # when the promotions are given back again for the same order
    async with database.session(None) as session:
        order_id = (await session.execute(select(tables.orders.c.id))).scalar_one()
        repository = PromotionRepository(session)
        again = await repository.give_back(order_id, later)
        await session.commit()
    # then nothing more comes back: the use was counted down once
    assert again == 0
    assert (await usage(shop, promotion["id"]))["timesUsed"] == 0


async def test_the_order_keeps_its_shipping_discount_apart(shop: Shop) -> None:
    # given free shipping on every order
    await create_promotion(
        shop.merchant, name="Free shipping", action={"type": "ShippingOff", "percent": "100"}
    )
    # when a shopper checks out a mug with standard shipping (5.00)
    cart = await shop.ready_cart({"MUG": 1})
    order = ok(await shop.complete(cart["id"]))["order"]
    # then the order shows the shipping discount apart from the lines' discount
    found = await shop.admin(ORDER_SHIPPING, {"id": order["id"]})
    assert found["node"] == {
        "discount": {"amount": "0.00"},
        "shipping": {"amount": "0.00"},
        "shippingDiscount": {"amount": "5.00"},
        "total": {"amount": "30.00"},
    }
