"""Cancelling an order before it ships: staff at any time, the buyer while the merchant
allows it; exactly the reserved stock is released and the money goes back."""

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import SETTINGS_UPDATE, Shop, open_shop, stock_of
from tests.support.customers import shopper
from tests.support.orders import (
    CANCEL,
    errors,
    fulfill,
    order_state,
    place_customer_order,
    place_order,
    ship,
)
from tests.support.webhooks import events

MY_ORDERS = """
{ me { ... on Customer { orders(first: 10) { nodes {
  id status customerStatus lines { sku quantity quantityShipped }
  fulfillments { status trackingNumber carrier } total { amount } } } } } }
"""
ORDER_BY_TOKEN = """
query($t: String!) {
  orderByToken(token: $t) { customerStatus fulfillments { status trackingNumber carrier } }
}
"""
TIMELINE_AS_CUSTOMER = (
    "query($id: ID!) { node(id: $id) { ... on Order { timeline { nodes { kind } } } } }"
)


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    shop = await open_shop(merchant_a)
    await shop.sell("TEE", "10.00", stock=10)
    await shop.sell("MUG", "5.00", stock=4)
    return shop


async def test_staff_cancel_releases_exactly_the_reserved_stock_and_refunds(shop: Shop) -> None:
    # given two paid orders holding stock, one with a parcel packed but not shipped
    keep = await place_order(shop, {"TEE": 1})
    order = await place_order(shop, {"TEE": 3, "MUG": 2})
    await fulfill(shop, order, {"TEE": 1})
    assert await stock_of(shop, "TEE") == [("Oakland", 10, 4)]
    # when staff cancel the second
    cancelled = ok(
        (await shop.admin(CANCEL, {"id": order["id"], "reason": "Customer asked"}))["orderCancel"]
    )["order"]
    # then only its units are released, its parcel cancelled, its money refunded
    assert await stock_of(shop, "TEE") == [("Oakland", 10, 1)]
    assert await stock_of(shop, "MUG") == [("Oakland", 4, 0)]
    assert (cancelled["status"], cancelled["paymentStatus"]) == ("CANCELLED", "REFUNDED")
    assert [f["status"] for f in cancelled["fulfillments"]] == ["CANCELLED"]
    assert cancelled["payments"][0]["refunded"] == cancelled["payments"][0]["captured"]
    types = [e["type"] for e in await events(shop.merchant, types=["ORDER_CANCELLED"])]
    assert types == ["ORDER_CANCELLED"]
    assert (await order_state(shop, keep["id"]))["status"] == "PAID"
    # and cancelling again changes nothing
    again = (await shop.admin(CANCEL, {"id": order["id"]}))["orderCancel"]
    assert errors(again) == [(["orderId"], "INVALID_STATE")]
    assert await stock_of(shop, "TEE") == [("Oakland", 10, 1)]


async def test_an_unpaid_order_cancelled_voids_its_payment(shop: Shop) -> None:
    order = await place_order(shop, {"MUG": 1}, gateway="bank_transfer")
    cancelled = ok((await shop.admin(CANCEL, {"id": order["id"]}))["orderCancel"])["order"]
    assert [p["state"] for p in cancelled["payments"]] == ["VOIDED"]
    assert await stock_of(shop, "MUG") == [("Oakland", 4, 0)]


async def test_a_shipped_order_cannot_be_cancelled(shop: Shop) -> None:
    order = await place_order(shop, {"MUG": 1})
    await ship(shop, await fulfill(shop, order, {"MUG": 1}))
    refused = (await shop.admin(CANCEL, {"id": order["id"]}))["orderCancel"]
    assert errors(refused) == [(["orderId"], "INVALID_STATE")]
    assert "SHIPPED" in refused["userErrors"][0]["message"]


async def test_a_buyer_follows_their_order_and_its_tracking(shop: Shop) -> None:
    customer = await shopper(shop.merchant, shop.token)
    order_id = await place_customer_order(shop, customer, {"TEE": 2})
    order = await order_state(shop, order_id)
    await ship(shop, await fulfill(shop, order, {"TEE": 2}), trackingNumber="TRK", carrier="DHL")
    mine = (await customer.run(MY_ORDERS)).data["me"]["orders"]["nodes"]
    assert [(o["status"], o["customerStatus"]) for o in mine] == [("SHIPPED", "SHIPPED")]
    assert mine[0]["lines"] == [{"sku": "TEE", "quantity": 2, "quantityShipped": 2}]
    assert mine[0]["fulfillments"] == [
        {"status": "SHIPPED", "trackingNumber": "TRK", "carrier": "DHL"}
    ]
    # the staff timeline is not theirs to read
    hidden = await customer.run(TIMELINE_AS_CUSTOMER, {"id": order_id})
    assert hidden.error_codes == ["FORBIDDEN"]


async def test_a_guest_sees_the_same_through_the_order_token(shop: Shop) -> None:
    order = await place_order(shop, {"MUG": 1})
    await ship(shop, await fulfill(shop, order, {"MUG": 1}), trackingNumber="T1", carrier="UPS")
    found = (await shop.visitor(ORDER_BY_TOKEN, {"t": order["token"]})).data["orderByToken"]
    assert found == {
        "customerStatus": "SHIPPED",
        "fulfillments": [{"status": "SHIPPED", "trackingNumber": "T1", "carrier": "UPS"}],
    }


async def test_a_buyer_cancels_only_while_the_merchant_allows_it(shop: Shop) -> None:
    customer = await shopper(shop.merchant, shop.token)
    order_id = await place_customer_order(shop, customer, {"TEE": 1})
    # not allowed by default
    refused = (await customer.run(CANCEL, {"id": order_id})).data["orderCancel"]
    assert errors(refused) == [(["orderId"], "NOT_AVAILABLE")]
    # allowed once the merchant says so, until something is fulfilled
    settings = await shop.admin(SETTINGS_UPDATE, {"input": {"customerCancelAllowed": True}})
    ok(settings["merchantCheckoutSettingsUpdate"])
    cancelled = ok((await customer.run(CANCEL, {"id": order_id})).data["orderCancel"])
    assert cancelled["order"]["customerStatus"] == "CANCELLED"
    second = await place_customer_order(shop, customer, {"TEE": 1})
    await fulfill(shop, await order_state(shop, second), {"TEE": 1})
    late = (await customer.run(CANCEL, {"id": second})).data["orderCancel"]
    assert errors(late) == [(["orderId"], "INVALID_STATE")]


async def test_a_buyer_cannot_touch_another_buyers_order(shop: Shop) -> None:
    owner = await shopper(shop.merchant, shop.token)
    order_id = await place_customer_order(shop, owner, {"TEE": 1})
    await shop.admin(SETTINGS_UPDATE, {"input": {"customerCancelAllowed": True}})
    intruder = await shopper(shop.merchant, shop.token)
    result = await intruder.run(CANCEL, {"id": order_id})
    assert result.error_codes == ["NOT_FOUND"]
    assert (await order_state(shop, order_id))["status"] == "PAID"


async def test_another_merchants_order_is_not_found(shop: Shop, merchant_b: MerchantWorld) -> None:
    order = await place_order(shop, {"TEE": 1})
    result = await merchant_b.run(CANCEL, {"id": order["id"]})
    assert result.error_codes == ["NOT_FOUND"]
    assert (await order_state(shop, order["id"]))["status"] == "PAID"
