"""The warehouse works on a paid order before it ships: units in fulfillments (ALLOCATED),
picked (PICKING), packed (PACKED); a fulfillment not shipped yet can be cancelled and the
order steps back. The buyer sees all of it as PROCESSING."""

from typing import Any

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import Shop, stock_of
from tests.support.orders import (
    PAYLOAD,
    TIMELINE,
    errors,
    fulfill,
    order_state,
    place_order,
    ship,
    tee_and_mug_shop,
)

PICK = f"""
mutation($id: ID!) {{ fulfillmentPick(fulfillmentId: $id) {{ fulfillment {{ id status }} {PAYLOAD} }} }}
"""
PACK = f"""
mutation($id: ID!) {{ fulfillmentPack(fulfillmentId: $id) {{ fulfillment {{ id status }} {PAYLOAD} }} }}
"""
CANCEL_PARCEL = f"""
mutation($id: ID!) {{
  fulfillmentCancel(fulfillmentId: $id) {{ fulfillment {{ id status }} {PAYLOAD} }}
}}
"""


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    return await tee_and_mug_shop(merchant_a)


async def step(shop: Shop, document: str, fulfillment_id: str) -> dict[str, Any]:
    data = await shop.admin(document, {"id": fulfillment_id})
    payload: dict[str, Any] = next(iter(data.values()))
    return payload


def statuses(payload: dict[str, Any]) -> tuple[str, str, str]:
    order = payload["order"]
    return payload["fulfillment"]["status"], order["status"], order["customerStatus"]


async def test_a_paid_order_is_allocated_picked_packed_then_shipped(shop: Shop) -> None:
    # given a paid order of 2 tees and a mug, all put in one fulfillment
    order = await place_order(shop, {"TEE": 2, "MUG": 1})
    assert (order["status"], order["customerStatus"]) == ("PAID", "PAID")
    parcel = await fulfill(shop, order, {"TEE": 2, "MUG": 1})
    assert (await order_state(shop, order["id"]))["status"] == "ALLOCATED"
    # when the warehouse picks it, then packs it
    picked = ok(await step(shop, PICK, parcel))
    packed = ok(await step(shop, PACK, parcel))
    # then the order follows, and the buyer sees it being processed
    assert statuses(picked) == ("PICKING", "PICKING", "PROCESSING")
    assert statuses(packed) == ("PACKED", "PACKED", "PROCESSING")
    # and the packed parcel ships
    shipped = await ship(shop, parcel)
    assert (shipped["fulfillment"]["status"], shipped["order"]["status"]) == ("SHIPPED", "SHIPPED")
    timeline = await shop.admin(TIMELINE, {"id": order["id"]})
    kinds = [entry["kind"] for entry in timeline["node"]["timeline"]["nodes"]]
    assert kinds[-3:] == ["fulfillment_picked", "fulfillment_packed", "fulfillment_shipped"]


async def test_an_order_is_packed_only_once_every_parcel_is(shop: Shop) -> None:
    order = await place_order(shop, {"TEE": 2, "MUG": 1})
    tees = await fulfill(shop, order, {"TEE": 2})
    mug = await fulfill(shop, order, {"MUG": 1})
    ok(await step(shop, PICK, tees))
    packed = ok(await step(shop, PACK, tees))
    assert packed["order"]["status"] == "PICKING"  # the mug's parcel waits to be picked
    ok(await step(shop, PICK, mug))
    assert ok(await step(shop, PACK, mug))["order"]["status"] == "PACKED"


async def test_a_parcel_being_picked_cannot_ship_nor_be_packed_before_it_is_picked(
    shop: Shop,
) -> None:
    order = await place_order(shop, {"TEE": 1})
    parcel = await fulfill(shop, order, {"TEE": 1})
    refused = await step(shop, PACK, parcel)
    assert errors(refused) == [(["fulfillmentId"], "INVALID_STATE")]
    ok(await step(shop, PICK, parcel))
    again = await step(shop, PICK, parcel)
    assert errors(again) == [(["fulfillmentId"], "INVALID_STATE")]
    data = await shop.admin(
        "mutation($id: ID!) { fulfillmentShip(fulfillmentId: $id) "
        "{ fulfillment { status } userErrors { field code } } }",
        {"id": parcel},
    )
    assert errors(data["fulfillmentShip"]) == [(["fulfillmentId"], "INVALID_STATE")]
    assert (await order_state(shop, order["id"]))["status"] == "PICKING"
    assert await stock_of(shop, "TEE") == [("Oakland", 10, 1)]  # nothing left the shelf


async def test_cancelling_a_parcel_not_shipped_leaves_its_units_to_fulfill_again(
    shop: Shop,
) -> None:
    # given a paid order whose tees were picked and packed
    order = await place_order(shop, {"TEE": 2, "MUG": 1})
    parcel = await fulfill(shop, order, {"TEE": 2})
    ok(await step(shop, PICK, parcel))
    ok(await step(shop, PACK, parcel))
    # when the fulfillment is cancelled
    cancelled = ok(await step(shop, CANCEL_PARCEL, parcel))
    # then the order is back to PAID, its units unfulfilled and still reserved for it
    assert statuses(cancelled) == ("CANCELLED", "PAID", "PAID")
    tee = next(line for line in cancelled["order"]["lines"] if line["sku"] == "TEE")
    assert tee["quantityFulfilled"] == 0
    assert await stock_of(shop, "TEE") == [("Oakland", 10, 2)]
    timeline = await shop.admin(TIMELINE, {"id": order["id"]})
    last = timeline["node"]["timeline"]["nodes"][-1]
    assert (last["kind"], last["data"]["units"]) == ("fulfillment_cancelled", 2)
    # and the tees can go in a new fulfillment, which ships
    again = await fulfill(shop, order, {"TEE": 2, "MUG": 1})
    assert (await ship(shop, again))["order"]["status"] == "SHIPPED"


async def test_cancelling_one_of_two_parcels_steps_the_order_back_to_what_is_left(
    shop: Shop,
) -> None:
    order = await place_order(shop, {"TEE": 2, "MUG": 1})
    tees = await fulfill(shop, order, {"TEE": 2})
    mug = await fulfill(shop, order, {"MUG": 1})
    ok(await step(shop, PICK, mug))
    assert ok(await step(shop, CANCEL_PARCEL, mug))["order"]["status"] == "ALLOCATED"
    await ship(shop, tees)
    assert (await order_state(shop, order["id"]))["status"] == "PARTLY_SHIPPED"


async def test_a_shipped_parcel_cannot_be_cancelled(shop: Shop) -> None:
    order = await place_order(shop, {"TEE": 1})
    parcel = await fulfill(shop, order, {"TEE": 1})
    await ship(shop, parcel)
    refused = await step(shop, CANCEL_PARCEL, parcel)
    assert errors(refused) == [(["fulfillmentId"], "INVALID_STATE")]
    assert (await order_state(shop, order["id"]))["status"] == "SHIPPED"
