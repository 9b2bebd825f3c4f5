"""Promotion codes under real concurrency (PostgreSQL): a code limited to 10 uses is redeemed
exactly 10 times however many shoppers check out with it at once."""

import asyncio
from collections import Counter

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import CART_UPDATE, Shop, open_shop, stock_of
from tests.support.promotion_api import create_promotion, generate_codes, percent_off

pytestmark = pytest.mark.postgres_only

USAGE = "query($id: ID!) { node(id: $id) { ... on Promotion { timesUsed } } }"
ORDERS = "{ orders(first: 100) { nodes { discount { amount } } } }"


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    shop = await open_shop(merchant_a)
    await shop.sell("MUG", "30.00", stock=200)
    return shop


async def test_a_hundred_checkouts_with_a_ten_use_code_make_exactly_ten_discounted_orders(
    shop: Shop,
) -> None:
    # given a code good for 10 uses, entered on 100 carts
    fields = percent_off("10", condition={"type": "CodeEntered"})
    promotion = (await create_promotion(shop.merchant, **fields))["promotion"]
    [code] = await generate_codes(shop.merchant, promotion["id"], usage_limit=10)
    carts = []
    for _ in range(100):
        cart = await shop.ready_cart({"MUG": 1})
        entered = await shop.visitor(
            CART_UPDATE, {"cart": cart["id"], "input": {"promoCodes": [code]}}
        )
        carts.append(ok(entered.data["cartUpdate"])["cart"])
    # when all 100 are checked out at once
    results = await asyncio.gather(*(shop.complete(cart["id"]) for cart in carts))
    # then exactly 10 orders are placed, each discounted, and 90 are told the code is used up
    outcomes = Counter("order" if r["order"] else r["userErrors"][0]["code"] for r in results)
    assert outcomes == {"order": 10, "LIMIT_EXCEEDED": 90}
    orders = (await shop.admin(ORDERS, {}))["orders"]["nodes"]
    assert [o["discount"]["amount"] for o in orders] == ["3.00"] * 10
    assert (await shop.admin(USAGE, {"id": promotion["id"]}))["node"]["timesUsed"] == 10
    # and the refused checkouts took no stock
    assert await stock_of(shop, "MUG") == [("Oakland", 200, 10)]
