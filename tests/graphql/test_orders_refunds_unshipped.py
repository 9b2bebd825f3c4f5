"""Refunding units that have not shipped takes them off what must still ship: a fulfillment
never takes refunded units, a refund never takes units that are in a fulfillment, and an
order whose other units all shipped moves on as shipped."""

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import Shop
from tests.support.orders import (
    FULFILLMENT_CREATE,
    deliver,
    errors,
    fulfill,
    line_id,
    order_state,
    place_order,
    refund,
    ship,
    tee_and_mug_shop,
)

CANCEL_PARCEL = """
mutation($id: ID!) { fulfillmentCancel(fulfillmentId: $id) { userErrors { field code } } }
"""


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    return await tee_and_mug_shop(merchant_a)


async def test_refunding_the_units_left_to_ship_makes_the_order_shipped(shop: Shop) -> None:
    # given an order of 3 tees and a mug: 2 tees and the mug shipped
    order = await place_order(shop, {"TEE": 3, "MUG": 1})
    await ship(shop, parcel := await fulfill(shop, order, {"TEE": 2, "MUG": 1}))
    assert (await order_state(shop, order["id"]))["status"] == "PARTLY_SHIPPED"
    # when the third tee is refunded
    refunded = ok(await refund(shop, order, lines={"TEE": 1}))["order"]
    # then nothing is left to ship: the order is shipped, and delivered with its parcel
    assert (refunded["status"], refunded["fulfillmentStatus"]) == ("SHIPPED", "SHIPPED")
    assert (await deliver(shop, parcel))["order"]["status"] == "DELIVERED"


async def test_a_fully_refunded_line_needs_no_fulfillment(shop: Shop) -> None:
    order = await place_order(shop, {"TEE": 1, "MUG": 1})
    ok(await refund(shop, order, lines={"MUG": 1}))
    shipped = await ship(shop, await fulfill(shop, order, {"TEE": 1}))
    assert shipped["order"]["status"] == "SHIPPED"


async def test_a_fulfillment_never_takes_refunded_units(shop: Shop) -> None:
    order = await place_order(shop, {"TEE": 2})
    ok(await refund(shop, order, lines={"TEE": 1}))
    lines = [{"orderLineId": line_id(order, "TEE"), "quantity": 2}]
    data = await shop.admin(FULFILLMENT_CREATE, {"input": {"orderId": order["id"], "lines": lines}})
    assert errors(data["fulfillmentCreate"]) == [(["lines", "0", "quantity"], "INVALID")]
    assert (await ship(shop, await fulfill(shop, order, {"TEE": 1})))["order"]["status"] == (
        "SHIPPED"
    )


async def test_a_refund_never_takes_units_in_a_fulfillment_not_shipped(shop: Shop) -> None:
    # given both tees of an order in a fulfillment not shipped
    order = await place_order(shop, {"TEE": 2})
    parcel = await fulfill(shop, order, {"TEE": 2})
    # when a tee is refunded, it is refused: nothing is refunded
    refused = await refund(shop, order, lines={"TEE": 1})
    assert errors(refused) == [(["lines", "0", "quantity"], "INVALID_STATE")]
    after = await order_state(shop, order["id"])
    assert (after["refunds"], after["lines"][0]["quantityRefunded"]) == ([], 0)
    assert after["payments"][0]["refunded"] == {"amount": "0.00"}
    # once the fulfillment is cancelled the tee can be refunded, and the other one shipped
    ok((await shop.admin(CANCEL_PARCEL, {"id": parcel}))["fulfillmentCancel"])
    ok(await refund(shop, order, lines={"TEE": 1}))
    assert (await ship(shop, await fulfill(shop, order, {"TEE": 1})))["order"]["status"] == (
        "SHIPPED"
    )
