"""Checkout under real concurrency (PostgreSQL): stock is never oversold, a key never charges
twice, a lapsed order is released once however many workers sweep."""

import asyncio
from collections import Counter
from datetime import timedelta

import pytest

from persistence.database import Database
from server.order_sweeper import OrderSweeper
from server.state import utcnow
from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import Shop, new_key, open_shop, stock_of

pytestmark = pytest.mark.postgres_only

ORDERS = "{ orders(first: 100) { nodes { number status payments { id } } } }"


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    shop = await open_shop(merchant_a)
    await shop.sell("LIMITED", "30.00", stock=10)
    return shop


async def test_fifty_checkouts_for_ten_units_make_exactly_ten_orders(shop: Shop) -> None:
    # given 50 carts each holding one of a variant with 10 units in stock
    carts = [await shop.ready_cart({"LIMITED": 1}) for _ in range(50)]
    # when all 50 are checked out at once
    results = await asyncio.gather(*(shop.complete(cart["id"]) for cart in carts))
    # then exactly 10 succeed and 40 are told it is out of stock
    outcomes = Counter("order" if r["order"] else r["userErrors"][0]["code"] for r in results)
    assert outcomes == {"order": 10, "OUT_OF_STOCK": 40}
    assert await stock_of(shop, "LIMITED") == [("Oakland", 10, 10)]
    numbers = sorted(r["order"]["number"] for r in results if r["order"])
    assert numbers == list(range(1, 11))


async def test_the_same_key_sent_twice_at_once_makes_one_order_and_one_payment(
    shop: Shop,
) -> None:
    cart = await shop.ready_cart({"LIMITED": 2})
    key = new_key()
    first, second = await asyncio.gather(
        shop.complete(cart["id"], key=key), shop.complete(cart["id"], key=key)
    )
    assert ok(first)["order"]["id"] == ok(second)["order"]["id"]
    orders = (await shop.merchant.run(ORDERS)).data["orders"]["nodes"]
    assert len(orders) == 1
    assert len(orders[0]["payments"]) == 1
    assert await stock_of(shop, "LIMITED") == [("Oakland", 10, 2)]


async def test_two_workers_sweeping_at_once_release_a_lapsed_order_once(
    shop: Shop, database: Database
) -> None:
    for _ in range(3):
        cart = await shop.ready_cart({"LIMITED": 2})
        ok(await shop.complete(cart["id"], gateway="bank_transfer"))
    assert await stock_of(shop, "LIMITED") == [("Oakland", 10, 6)]
    later = utcnow() + timedelta(hours=2)
    swept = await asyncio.gather(
        OrderSweeper(database).sweep(later), OrderSweeper(database).sweep(later)
    )
    assert sum(swept) == 3
    assert await stock_of(shop, "LIMITED") == [("Oakland", 10, 0)]
    statuses = [o["status"] for o in (await shop.merchant.run(ORDERS)).data["orders"]["nodes"]]
    assert statuses == ["CANCELLED"] * 3
