"""A guest holds their order's token (checkout shows it once): with it, and only with it, they
cancel the order and ask to return delivered units, under the same rules as a signed-in
buyer. Another order's token, a wrong one or another merchant's storefront finds nothing."""

from typing import Any

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import SETTINGS_UPDATE, Shop, open_shop, stock_of
from tests.support.orders import (
    TIMELINE,
    deliver,
    errors,
    fulfill,
    line_id,
    order_state,
    place_order,
    ship,
)

CANCEL_BY_TOKEN = """
mutation($id: ID!, $token: String!) {
  orderCancelByToken(orderId: $id, token: $token, reason: "Changed my mind") {
    order { status customerStatus } userErrors { field message code }
  }
}
"""
RETURN_BY_TOKEN = """
mutation($id: ID!, $token: String!, $lines: [ReturnLineInput!]!) {
  orderReturnRequestByToken(orderId: $id, token: $token, lines: $lines) {
    orderReturn { id status lines { sku quantity reason } } userErrors { field message code }
  }
}
"""


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    shop = await open_shop(merchant_a)
    await shop.sell("TEE", "10.00", stock=10)
    return shop


async def allow_buyers_to_cancel(shop: Shop) -> None:
    settings = await shop.admin(SETTINGS_UPDATE, {"input": {"customerCancelAllowed": True}})
    ok(settings["merchantCheckoutSettingsUpdate"])


async def cancel(shop: Shop, order_id: str, token: str, **kw: Any) -> dict[str, Any]:
    result = await shop.visitor(CANCEL_BY_TOKEN, {"id": order_id, "token": token}, **kw)
    assert result.errors == [], result.body
    payload: dict[str, Any] = result.data["orderCancelByToken"]
    return payload


async def ask_return(shop: Shop, order: dict[str, Any], token: str, units: int = 1) -> Any:
    lines = [{"orderLineId": line_id(order, "TEE"), "quantity": units, "reason": "Too big"}]
    result = await shop.visitor(RETURN_BY_TOKEN, {"id": order["id"], "token": token,
                                                  "lines": lines})  # fmt: skip
    assert result.errors == [], result.body
    return result.data["orderReturnRequestByToken"]


async def delivered(shop: Shop, units: int = 2) -> dict[str, Any]:
    order = await place_order(shop, {"TEE": units})
    parcel = await fulfill(shop, order, {"TEE": units})
    await ship(shop, parcel)
    await deliver(shop, parcel)
    return order


async def test_a_guest_cancels_with_the_token_only_while_the_merchant_allows_it(shop: Shop) -> None:
    # given a guest's paid order holding 2 tees
    order = await place_order(shop, {"TEE": 2})
    assert await stock_of(shop, "TEE") == [("Oakland", 10, 2)]
    # when they cancel it with its token before the merchant allows buyers to
    refused = await cancel(shop, order["id"], order["token"])
    # then it is refused as for a signed-in buyer
    assert errors(refused) == [(["orderId"], "NOT_AVAILABLE")]
    # and once allowed, it is cancelled: stock released, money back, the guest on the timeline
    await allow_buyers_to_cancel(shop)
    done = ok(await cancel(shop, order["id"], order["token"]))["order"]
    assert (done["status"], done["customerStatus"]) == ("CANCELLED", "CANCELLED")
    assert await stock_of(shop, "TEE") == [("Oakland", 10, 0)]
    assert (await order_state(shop, order["id"]))["paymentStatus"] == "REFUNDED"
    timeline = (await shop.merchant.run(TIMELINE, {"id": order["id"]})).data["node"]["timeline"][
        "nodes"
    ]
    cancelled = [entry for entry in timeline if entry["kind"] == "cancelled"]
    assert [(e["actorKind"], e["actorId"]) for e in cancelled] == [("GUEST", None)]


async def test_a_guest_cannot_cancel_once_something_is_fulfilled(shop: Shop) -> None:
    await allow_buyers_to_cancel(shop)
    order = await place_order(shop, {"TEE": 2})
    await fulfill(shop, order, {"TEE": 1})
    refused = await cancel(shop, order["id"], order["token"])
    assert errors(refused) == [(["orderId"], "INVALID_STATE")]
    assert (await order_state(shop, order["id"]))["status"] == "ALLOCATED"


async def test_another_orders_token_or_a_wrong_one_finds_nothing(shop: Shop) -> None:
    # given two guests' orders, cancellable by their buyers
    await allow_buyers_to_cancel(shop)
    mine = await place_order(shop, {"TEE": 1})
    theirs = await place_order(shop, {"TEE": 1})
    # when one guest tries the other's order with their own token, or guessed tokens
    for token in [mine["token"], theirs["token"][:-1], theirs["token"] + "x", "", "x" * 500]:
        refused = await cancel(shop, theirs["id"], token)
        # then nothing is found and nothing changes
        assert errors(refused) == [(["token"], "NOT_FOUND")], token
        assert refused["order"] is None
    assert (await order_state(shop, theirs["id"]))["status"] == "PAID"
    # and an order id that does not exist answers the same
    missing = "T3JkZXI6MDE5MDAwMDAtMDAwMC03MDAwLTgwMDAtMDAwMDAwMDAwMDAw"  # Order:<unused uuid>
    assert errors(await cancel(shop, missing, mine["token"])) == [(["token"], "NOT_FOUND")]


async def test_another_merchants_storefront_never_reaches_the_order(
    shop: Shop, merchant_b: MerchantWorld
) -> None:
    await allow_buyers_to_cancel(shop)
    order = await place_order(shop, {"TEE": 1})
    other = await open_shop(merchant_b)
    refused = await cancel(other, order["id"], order["token"])
    assert errors(refused) == [(["token"], "NOT_FOUND")]
    assert (await order_state(shop, order["id"]))["status"] == "PAID"


async def test_the_token_is_asked_with_a_storefront_token(shop: Shop) -> None:
    order = await place_order(shop, {"TEE": 1})
    variables = {"id": order["id"], "token": order["token"]}
    result = await shop.merchant.client.execute(CANCEL_BY_TOKEN, variables)
    assert result.error_codes == ["UNAUTHENTICATED"]


async def test_a_guest_asks_to_return_delivered_units_with_the_token(shop: Shop) -> None:
    # given a guest's order of 2 tees, not yet delivered
    order = await place_order(shop, {"TEE": 2})
    early = await ask_return(shop, order, order["token"])
    assert errors(early) == [(["orderId"], "INVALID_STATE")]
    # when it is delivered and they ask to return one with its token
    parcel = await fulfill(shop, order, {"TEE": 2})
    await ship(shop, parcel)
    await deliver(shop, parcel)
    asked = ok(await ask_return(shop, order, order["token"]))["orderReturn"]
    # then the return is requested, and never more units than were delivered
    assert (asked["status"], asked["lines"]) == (
        "REQUESTED", [{"sku": "TEE", "quantity": 1, "reason": "Too big"}],
    )  # fmt: skip
    too_many = await ask_return(shop, order, order["token"], units=2)
    assert errors(too_many) == [(["lines", "0", "quantity"], "INVALID")]


async def test_a_guest_return_is_refused_after_the_window_or_with_another_token(
    shop: Shop,
) -> None:
    order = await delivered(shop)
    other = await delivered(shop)
    # another delivered order's token does not open this one
    refused = await ask_return(shop, order, other["token"])
    assert errors(refused) == [(["token"], "NOT_FOUND")]
    assert (await order_state(shop, order["id"]))["lines"][0]["quantityReturned"] == 0
    # and once the window closed, the right token is refused as for a signed-in buyer
    await shop.admin(SETTINGS_UPDATE, {"input": {"returnWindowDays": 0}})
    assert errors(await ask_return(shop, order, order["token"])) == [(["orderId"], "EXPIRED")]
