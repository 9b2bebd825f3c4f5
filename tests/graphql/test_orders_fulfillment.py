"""Staff fulfil orders: parcels per warehouse group, partial shipments, tracking, delivery;
holds stop them; every step is on the order's timeline and told to integrators."""

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import Shop, stock_of
from tests.support.orders import (
    COMPLETE_ORDER,
    FULFILLMENT_CREATE,
    HOLD,
    NOTE_ADD,
    RELEASE,
    TIMELINE,
    TRACKING_UPDATE,
    deliver,
    errors,
    fulfill,
    line_id,
    order_state,
    place_order,
    ship,
    tee_and_mug_shop,
)
from tests.support.webhooks import events


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    return await tee_and_mug_shop(merchant_a)


async def test_an_order_ships_in_two_parcels_and_is_delivered(shop: Shop) -> None:
    # given a paid order of 3 tees and a mug
    order = await place_order(shop, {"TEE": 3, "MUG": 1})
    assert await stock_of(shop, "TEE") == [("Oakland", 10, 3)]
    # when staff pack and ship 2 tees first, with tracking
    first = await fulfill(shop, order, {"TEE": 2})
    shipped = await ship(shop, first, trackingNumber="1Z999", carrier="UPS")
    # then the order is partly shipped and the 2 tees left the warehouse
    assert shipped["fulfillment"] == {
        "id": first, "status": "SHIPPED", "trackingNumber": "1Z999", "carrier": "UPS"
    }  # fmt: skip
    state = shipped["order"]
    assert (state["status"], state["fulfillmentStatus"], state["customerStatus"]) == (
        "PARTLY_SHIPPED", "PARTLY_SHIPPED", "PROCESSING",
    )  # fmt: skip
    assert await stock_of(shop, "TEE") == [("Oakland", 8, 1)]
    # when the rest ships and everything is delivered
    rest = await fulfill(shop, order, {"TEE": 1, "MUG": 1})
    assert (await ship(shop, rest))["order"]["status"] == "SHIPPED"
    await deliver(shop, first)
    delivered = (await deliver(shop, rest))["order"]
    # then the order is DELIVERED, line by line
    assert (delivered["status"], delivered["customerStatus"]) == ("DELIVERED", "DELIVERED")
    assert [(line["sku"], line["quantityDelivered"]) for line in delivered["lines"]] == [
        ("TEE", 3), ("MUG", 1),
    ]  # fmt: skip
    assert await stock_of(shop, "MUG") == [("Oakland", 4, 0)]
    # and once closed it is COMPLETED, still delivered for the buyer
    closed = ok((await shop.admin(COMPLETE_ORDER, {"id": order["id"]}))["orderComplete"])
    assert (closed["order"]["status"], closed["order"]["customerStatus"]) == (
        "COMPLETED", "DELIVERED",
    )  # fmt: skip
    # integrators heard of each shipment and delivery
    kinds = [
        e["type"] for e in await events(shop.merchant, types=["ORDER_FULFILLED", "ORDER_DELIVERED"])
    ]
    assert kinds == ["ORDER_FULFILLED", "ORDER_FULFILLED", "ORDER_DELIVERED", "ORDER_DELIVERED"]


async def test_a_fulfillment_never_takes_more_than_its_warehouse_group_holds(shop: Shop) -> None:
    order = await place_order(shop, {"TEE": 2})
    await fulfill(shop, order, {"TEE": 1})
    input = {
        "orderId": order["id"],
        "lines": [{"orderLineId": line_id(order, "TEE"), "quantity": 2}],
    }
    payload = (await shop.admin(FULFILLMENT_CREATE, {"input": input}))["fulfillmentCreate"]
    assert errors(payload) == [(["lines", "0", "quantity"], "INVALID")]
    state = await order_state(shop, order["id"])
    assert [line["quantityFulfilled"] for line in state["lines"]] == [1]


async def test_a_held_order_cannot_be_fulfilled_until_released(shop: Shop) -> None:
    # given a held order
    order = await place_order(shop, {"MUG": 1})
    held = ok((await shop.admin(HOLD, {"id": order["id"], "reason": "Fraud check"}))["orderHold"])
    assert (held["order"]["status"], held["order"]["heldFrom"]) == ("ON_HOLD", "PAID")
    assert held["order"]["customerStatus"] == "PROCESSING"
    # when staff try to fulfil it
    input = {
        "orderId": order["id"],
        "lines": [{"orderLineId": line_id(order, "MUG"), "quantity": 1}],
    }
    refused = (await shop.admin(FULFILLMENT_CREATE, {"input": input}))["fulfillmentCreate"]
    # then it is refused with the current state, and nothing changed
    assert errors(refused) == [(["orderId"], "INVALID_STATE")]
    assert "ON_HOLD" in refused["userErrors"][0]["message"]
    assert (await order_state(shop, order["id"]))["fulfillments"] == []
    # once released, it can be
    released = ok((await shop.admin(RELEASE, {"id": order["id"]}))["orderRelease"])
    assert released["order"]["status"] == "PAID"
    await fulfill(shop, order, {"MUG": 1})


async def test_an_unpaid_bank_transfer_cannot_ship_but_cash_on_delivery_can(shop: Shop) -> None:
    transfer = await place_order(shop, {"MUG": 1}, gateway="bank_transfer")
    input = {
        "orderId": transfer["id"],
        "lines": [{"orderLineId": line_id(transfer, "MUG"), "quantity": 1}],
    }
    refused = (await shop.admin(FULFILLMENT_CREATE, {"input": input}))["fulfillmentCreate"]
    assert errors(refused) == [(["orderId"], "INVALID_STATE")]
    # cash on delivery ships unpaid and is confirmed when the courier collects
    cod = await place_order(shop, {"MUG": 1}, gateway="cash_on_delivery")
    parcel = await fulfill(shop, cod, {"MUG": 1})
    await ship(shop, parcel)
    delivered = (await deliver(shop, parcel))["order"]
    assert (delivered["status"], delivered["paymentStatus"]) == ("DELIVERED", "UNPAID")


async def test_every_change_is_on_the_timeline_with_who_made_it(shop: Shop) -> None:
    order = await place_order(shop, {"MUG": 1})
    parcel = await fulfill(shop, order, {"MUG": 1})
    ok(
        (await shop.admin(TRACKING_UPDATE, {"id": parcel, "tracking": {"trackingNumber": "TR-1"}}))[
            "fulfillmentTrackingUpdate"
        ]
    )
    ok(
        (await shop.admin(NOTE_ADD, {"id": order["id"], "body": "Gift wrap please"}))[
            "orderNoteAdd"
        ]
    )
    timeline = (await shop.merchant.run(TIMELINE, {"id": order["id"]})).data["node"]["timeline"][
        "nodes"
    ]
    assert [(e["kind"], e["actorKind"]) for e in timeline] == [
        ("fulfillment_created", "STAFF"),
        ("tracking_updated", "STAFF"),
        ("note", "STAFF"),
    ]
    assert timeline[2]["data"] == {"body": "Gift wrap please"}
    assert all(e["actorId"] for e in timeline)
