"""A customer's order count, total spent and tier follow their orders after checkout: a
refund takes its amount off, a cancelled order no longer counts (and is counted off once)."""

import asyncio
from typing import Any

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import Shop, open_shop
from tests.support.customers import Shopper, shopper
from tests.support.orders import CANCEL, errors, order_state, place_customer_order, refund

TIER_CREATE = """
mutation($input: CustomerTierInput!) {
  customerTierCreate(input: $input) { tier { id } userErrors { field message code } }
}
"""
SPENDING = "{ me { ... on Customer { orderCount totalSpent { amount } tier { name } } } }"


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    shop = await open_shop(merchant_a)  # shipping 5.00
    await shop.sell("TEE", "10.00", stock=10)
    await shop.sell("MUG", "5.00", stock=10)
    for tier in ({"name": "Member", "level": 0},
                 {"name": "Gold", "level": 1,
                  "thresholds": [{"amount": "30.00", "currencyCode": "USD"}]}):  # fmt: skip
        ok((await shop.admin(TIER_CREATE, {"input": tier}))["customerTierCreate"])
    return shop


async def spending(customer: Shopper) -> tuple[int, list[str], str]:
    me: dict[str, Any] = (await customer.run(SPENDING)).data["me"]
    return me["orderCount"], [m["amount"] for m in me["totalSpent"]], me["tier"]["name"]


async def test_a_refund_takes_its_amount_off_the_spending_and_the_tier_follows(shop: Shop) -> None:
    # given a Gold customer through one paid order of 35.00
    customer = await shopper(shop.merchant, shop.token)
    order = await order_state(shop, await place_customer_order(shop, customer, {"TEE": 3}))
    assert await spending(customer) == (1, ["35.00"], "Gold")
    # when staff refund one tee
    ok(await refund(shop, order, lines={"TEE": 1}))
    # then 10.00 comes off: 25.00 is below Gold; the order still counts
    assert await spending(customer) == (1, ["25.00"], "Member")
    # and a refund that is refused changes nothing
    refused = await refund(shop, order, amount="100.00")
    assert errors(refused) == [(["orderId"], "INVALID_STATE")]
    assert await spending(customer) == (1, ["25.00"], "Member")


async def test_a_cancelled_order_no_longer_counts_and_is_counted_off_once(shop: Shop) -> None:
    # given two paid orders (35.00 and 15.00), the first partly refunded (10.00)
    customer = await shopper(shop.merchant, shop.token)
    first = await order_state(shop, await place_customer_order(shop, customer, {"TEE": 3}))
    await place_customer_order(shop, customer, {"MUG": 2})
    ok(await refund(shop, first, lines={"TEE": 1}))
    assert await spending(customer) == (2, ["40.00"], "Gold")
    # when staff cancel the first
    ok((await shop.admin(CANCEL, {"id": first["id"]}))["orderCancel"])
    # then only the second counts: its 15.00
    assert await spending(customer) == (1, ["15.00"], "Member")
    # and cancelling again is refused and counts nothing off
    again = (await shop.admin(CANCEL, {"id": first["id"]}))["orderCancel"]
    assert errors(again) == [(["orderId"], "INVALID_STATE")]
    assert await spending(customer) == (1, ["15.00"], "Member")


async def test_an_unpaid_order_cancelled_was_never_counted(shop: Shop) -> None:
    # given a customer's paid order and a bank transfer order not paid yet
    customer = await shopper(shop.merchant, shop.token)
    await place_customer_order(shop, customer, {"MUG": 1})
    unpaid = await place_customer_order(shop, customer, {"TEE": 3}, gateway="bank_transfer")
    assert await spending(customer) == (1, ["10.00"], "Member")
    # when staff cancel the unpaid order
    ok((await shop.admin(CANCEL, {"id": unpaid}))["orderCancel"])
    # then the paid order still counts in full
    assert await spending(customer) == (1, ["10.00"], "Member")


@pytest.mark.postgres_only
async def test_two_refunds_at_once_take_the_money_off_once(shop: Shop) -> None:
    # given a Gold customer's order of 35.00
    customer = await shopper(shop.merchant, shop.token)
    order = await order_state(shop, await place_customer_order(shop, customer, {"TEE": 3}))
    # when two staff refund the same tee at the same moment
    results = await asyncio.gather(
        refund(shop, order, lines={"TEE": 1}), refund(shop, order, lines={"TEE": 1})
    )
    # then one refund applies, and 10.00 comes off the spending once
    assert sorted(bool(r["refund"]) for r in results) == [False, True]
    assert await spending(customer) == (1, ["25.00"], "Member")


@pytest.mark.postgres_only
async def test_two_cancellations_at_once_count_the_order_off_once(shop: Shop) -> None:
    customer = await shopper(shop.merchant, shop.token)
    await place_customer_order(shop, customer, {"MUG": 2})
    order = await place_customer_order(shop, customer, {"TEE": 3})
    results = await asyncio.gather(
        shop.admin(CANCEL, {"id": order}), shop.admin(CANCEL, {"id": order})
    )
    assert sorted(bool(r["orderCancel"]["order"]) for r in results) == [False, True]
    assert await spending(customer) == (1, ["15.00"], "Member")
