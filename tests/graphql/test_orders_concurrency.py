"""Order operations under real concurrency (PostgreSQL): two staff actions taken from the
same state never both apply (compare-and-set on the order's version)."""

import asyncio

import pytest

from tests.support.actors import MerchantWorld
from tests.support.checkout import Shop, open_shop, stock_of
from tests.support.orders import CANCEL, order_state, place_order, refund

pytestmark = pytest.mark.postgres_only


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    shop = await open_shop(merchant_a)
    await shop.sell("TEE", "10.00", stock=10)
    return shop


async def test_two_refunds_of_everything_at_once_refund_it_once(shop: Shop) -> None:
    # given a paid order of 15.00
    order = await place_order(shop, {"TEE": 1})
    # when two staff refund the whole of it at the same moment
    results = await asyncio.gather(
        refund(shop, order, amount="15.00"), refund(shop, order, amount="15.00")
    )
    # then exactly one succeeds; the other is refused and nothing more went back
    assert sorted(bool(r["refund"]) for r in results) == [False, True]
    assert [e["code"] for r in results for e in r["userErrors"]] == ["INVALID_STATE"]
    state = await order_state(shop, order["id"])
    assert state["payments"][0]["refunded"] == {"amount": "15.00"}
    assert len(state["refunds"]) == 1


async def test_two_cancellations_at_once_release_the_stock_once(shop: Shop) -> None:
    keep = await place_order(shop, {"TEE": 2})
    order = await place_order(shop, {"TEE": 3})
    results = await asyncio.gather(
        shop.merchant.run(CANCEL, {"id": order["id"]}),
        shop.merchant.run(CANCEL, {"id": order["id"]}),
    )
    outcomes = sorted(bool(r.data["orderCancel"]["order"]) for r in results)
    assert outcomes == [False, True]
    assert await stock_of(shop, "TEE") == [("Oakland", 10, 2)]
    assert (await order_state(shop, keep["id"]))["status"] == "PAID"
