"""Buyers ask to return delivered units within the merchant's window; staff approve or
reject, receive the parcel (restocking or not) and refund it."""

from typing import Any

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import SETTINGS_UPDATE, Shop, open_shop, stock_of
from tests.support.customers import Shopper, shopper
from tests.support.orders import (
    deliver,
    errors,
    fulfill,
    line_id,
    order_state,
    place_customer_order,
    refund,
    ship,
)
from tests.support.webhooks import events

RETURN_FIELDS = "orderReturn { id status restocked lines { sku quantity reason } } userErrors { field message code }"
REQUEST = f"""
mutation($id: ID!, $lines: [ReturnLineInput!]!) {{
  orderReturnRequest(orderId: $id, lines: $lines) {{ {RETURN_FIELDS} }}
}}
"""
APPROVE = f"mutation($id: ID!) {{ orderReturnApprove(returnId: $id) {{ {RETURN_FIELDS} }} }}"
REJECT = f"""
mutation($id: ID!) {{ orderReturnReject(returnId: $id, note: "Worn") {{ {RETURN_FIELDS} }} }}
"""
RECEIVE = f"""
mutation($id: ID!, $restock: Boolean!) {{
  orderReturnReceive(returnId: $id, restock: $restock) {{ {RETURN_FIELDS} }}
}}
"""


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    shop = await open_shop(merchant_a)
    await shop.sell("TEE", "10.00", stock=10)
    return shop


async def delivered_order(shop: Shop, customer: Shopper, units: int = 2) -> dict[str, Any]:
    order = await order_state(shop, await place_customer_order(shop, customer, {"TEE": units}))
    parcel = await fulfill(shop, order, {"TEE": units})
    await ship(shop, parcel)
    await deliver(shop, parcel)
    return order


async def ask(customer: Shopper, order: dict[str, Any], units: int) -> dict[str, Any]:
    lines = [{"orderLineId": line_id(order, "TEE"), "quantity": units, "reason": "Too small"}]
    result = await customer.run(REQUEST, {"id": order["id"], "lines": lines})
    assert result.errors == [], result.body
    payload: dict[str, Any] = result.data["orderReturnRequest"]
    return payload


async def test_a_return_is_asked_approved_received_restocked_and_refunded(shop: Shop) -> None:
    # given a customer's delivered order of 2 tees
    customer = await shopper(shop.merchant, shop.token)
    order = await delivered_order(shop, customer)
    assert await stock_of(shop, "TEE") == [("Oakland", 8, 0)]
    # when they ask to return one
    asked = ok(await ask(customer, order, 1))["orderReturn"]
    assert (asked["status"], asked["lines"]) == (
        "REQUESTED", [{"sku": "TEE", "quantity": 1, "reason": "Too small"}],
    )  # fmt: skip
    # and staff approve it, receive it back into stock and refund it
    ok((await shop.admin(APPROVE, {"id": asked["id"]}))["orderReturnApprove"])
    received = ok(
        (await shop.admin(RECEIVE, {"id": asked["id"], "restock": True}))["orderReturnReceive"]
    )["orderReturn"]
    assert (received["status"], received["restocked"]) == ("RECEIVED", True)
    assert await stock_of(shop, "TEE") == [("Oakland", 9, 0)]
    refunded = await refund(shop, order, lines={"TEE": 1})
    assert refunded["order"]["lines"][0]["quantityReturned"] == 1
    assert refunded["order"]["paymentStatus"] == "PARTIALLY_REFUNDED"
    assert [e["type"] for e in await events(shop.merchant, types=["ORDER_RETURNED"])] == [
        "ORDER_RETURNED"
    ]
    # and a received return cannot be received again
    again = (await shop.admin(RECEIVE, {"id": asked["id"], "restock": True}))["orderReturnReceive"]
    assert errors(again) == [(["returnId"], "INVALID_STATE")]


async def test_a_return_never_asks_for_more_than_was_delivered(shop: Shop) -> None:
    customer = await shopper(shop.merchant, shop.token)
    order = await delivered_order(shop, customer)
    assert errors(await ask(customer, order, 3)) == [(["lines", "0", "quantity"], "INVALID")]
    ok(await ask(customer, order, 2))
    # what an open return asks for cannot be asked for again
    assert errors(await ask(customer, order, 1)) == [(["lines", "0", "quantity"], "INVALID")]


async def test_a_rejected_return_frees_its_units_to_be_asked_again(shop: Shop) -> None:
    customer = await shopper(shop.merchant, shop.token)
    order = await delivered_order(shop, customer)
    asked = ok(await ask(customer, order, 2))["orderReturn"]
    rejected = ok((await shop.admin(REJECT, {"id": asked["id"]}))["orderReturnReject"])
    assert rejected["orderReturn"]["status"] == "REJECTED"
    ok(await ask(customer, order, 2))


async def test_returns_close_with_the_merchants_window(shop: Shop) -> None:
    customer = await shopper(shop.merchant, shop.token)
    order = await delivered_order(shop, customer)
    settings = await shop.admin(SETTINGS_UPDATE, {"input": {"returnWindowDays": 0}})
    ok(settings["merchantCheckoutSettingsUpdate"])
    assert errors(await ask(customer, order, 1)) == [(["orderId"], "EXPIRED")]


async def test_only_delivered_orders_of_ones_own_can_be_returned(shop: Shop) -> None:
    owner = await shopper(shop.merchant, shop.token)
    undelivered = await order_state(shop, await place_customer_order(shop, owner, {"TEE": 1}))
    assert errors(await ask(owner, undelivered, 1)) == [(["orderId"], "INVALID_STATE")]
    order = await delivered_order(shop, owner)
    intruder = await shopper(shop.merchant, shop.token)
    lines = [{"orderLineId": line_id(order, "TEE"), "quantity": 1, "reason": "Mine now"}]
    result = await intruder.run(REQUEST, {"id": order["id"], "lines": lines})
    assert result.error_codes == ["NOT_FOUND"]
    assert (await order_state(shop, order["id"]))["lines"][0]["quantityReturned"] == 0
