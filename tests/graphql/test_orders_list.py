"""Staff find orders by status, storefront, dates, customer, payment and fulfillment state,
and search them by number, email or SKU."""

import pytest

from tests.support.actors import MerchantWorld
from tests.support.checkout import Shop, open_shop
from tests.support.customers import shopper
from tests.support.orders import fulfill, place_customer_order, place_order, refund, ship

ORDERS = """
query($filter: OrderFilter) { orders(first: 20, filter: $filter) { nodes { number } } }
"""


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    shop = await open_shop(merchant_a)
    await shop.sell("TEE-RED", "10.00", stock=20)
    await shop.sell("MUG", "5.00", stock=20)
    return shop


async def numbers(shop: Shop, **filter: object) -> list[int]:
    result = await shop.merchant.run(ORDERS, {"filter": filter})
    assert result.errors == [], result.body
    return [node["number"] for node in result.data["orders"]["nodes"]]


async def test_orders_are_found_by_state_customer_and_sku(shop: Shop) -> None:
    # given: 1 paid tee, 2 shipped mug, 3 refunded tee, 4 a customer's mug, 5 unpaid mug
    await place_order(shop, {"TEE-RED": 1})
    shipped = await place_order(shop, {"MUG": 1})
    await ship(shop, await fulfill(shop, shipped, {"MUG": 1}))
    refunded = await place_order(shop, {"TEE-RED": 1})
    await refund(shop, refunded, amount="15.00")
    customer = await shopper(shop.merchant, shop.token)
    await place_customer_order(shop, customer, {"MUG": 1})
    await place_order(shop, {"MUG": 1}, gateway="bank_transfer")
    # then each filter narrows the list (newest first)
    assert await numbers(shop, status="SHIPPED") == [2]
    assert await numbers(shop, fulfillmentStatus="UNFULFILLED") == [5, 4, 3, 1]
    assert await numbers(shop, paymentStatus="REFUNDED") == [3]
    assert await numbers(shop, paymentStatus="UNPAID") == [5]
    assert await numbers(shop, customerId=customer.id) == [4]
    assert await numbers(shop, storefrontId=shop.storefront_id) == [5, 4, 3, 2, 1]
    assert (
        await numbers(shop, createdFrom="2000-01-01T00:00:00Z", createdUntil="2000-12-31T00:00:00Z")
        == []
    )
    # and search finds a number, an email or a SKU (any case)
    assert await numbers(shop, search="tee-red") == [3, 1]
    assert await numbers(shop, search="#2") == [2]
    assert await numbers(shop, search=customer.email[:12]) == [4]
