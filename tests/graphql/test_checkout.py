"""Checkout: a cart becomes an order in one step, priced by the server, paid once, with its
stock reserved; or nothing changes at all."""

import json
from datetime import timedelta

import pytest

from persistence.database import Database
from server.order_sweeper import OrderSweeper
from server.state import utcnow
from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import (
    ADDRESS,
    CART,
    CART_CREATE,
    CART_UPDATE,
    COMPLETE,
    DELIVERY_SET,
    PAYMENT_CONFIRM,
    SETTINGS_UPDATE,
    Shop,
    new_key,
    open_shop,
    stock_of,
)
from tests.support.customers import shopper
from tests.support.webhooks import events

ORDER_BY_TOKEN = "query($t: String!) { orderByToken(token: $t) { number status total { amount } } }"
MY_ORDERS = """
{ me { ... on Customer { orderCount totalSpent { amount currencyCode }
  orders(first: 10) { nodes { number status total { amount } } } } } }
"""
ORDERS = """
query($filter: OrderFilter) {
  orders(first: 10, filter: $filter) { nodes { number email status } }
}
"""
RENAME = """
mutation($id: ID!) { productUpdate(id: $id, input: {name: "Renamed"}) { userErrors { code } } }
"""


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    shop = await open_shop(merchant_a)
    await shop.sell("TEE-M", "20.00", stock=10, weightGrams=200)
    await shop.sell("MUG", "12.50", stock=3)
    return shop


async def test_a_guest_checks_out_and_gets_a_paid_order_with_a_snapshot(shop: Shop) -> None:
    # given a cart with two lines, an address and standard shipping
    cart = await shop.ready_cart({"TEE-M": 2, "MUG": 1})
    assert cart["cost"]["total"] == {"amount": "57.50", "currencyCode": "USD"}
    assert cart["checkoutProblems"] == []
    # when it is checked out with a card that succeeds
    done = ok(await shop.complete(cart["id"]))
    # then the order is paid, priced as the cart was, and remembers what was bought
    order = done["order"]
    assert (order["number"], order["status"], order["email"]) == (1, "PAID", "ada@example.com")
    assert order["total"] == {"amount": "57.50", "currencyCode": "USD"}
    assert order["shipping"] == {"amount": "5.00"}
    assert order["delivery"] == {
        "kind": "SHIPPING",
        "name": "Standard",
        "price": {"amount": "5.00"},
        "pickupAddress": None,
    }
    bought = [
        (line["sku"], line["quantity"], line["unitPrice"]["amount"]) for line in order["lines"]
    ]
    assert bought == [("TEE-M", 2, "20.00"), ("MUG", 1, "12.50")]
    assert order["fulfillmentGroups"] == [
        {
            "warehouseName": "Oakland",
            "lines": [{"sku": "TEE-M", "quantity": 2}, {"sku": "MUG", "quantity": 1}],
        }
    ]
    assert [(p["gateway"], p["state"], p["captured"]) for p in order["payments"]] == [
        ("dummy", "CAPTURED", {"amount": "57.50"})
    ]
    # and the stock is reserved, the cart closed, and integrators told
    assert await stock_of(shop, "TEE-M") == [("Oakland", 10, 2)]
    closed = await shop.visitor(CART, {"id": cart["id"]})
    assert closed.data["cart"]["status"] == "COMPLETED"
    types = [e["type"] for e in await events(shop.merchant, types=["ORDER_CREATED", "ORDER_PAID"])]
    assert types == ["ORDER_CREATED", "ORDER_PAID"]
    # a guest finds it by the token checkout gave
    found = await shop.visitor(ORDER_BY_TOKEN, {"t": done["orderToken"]})
    assert found.data["orderByToken"] == {
        "number": 1,
        "status": "PAID",
        "total": {"amount": "57.50"},
    }


async def test_the_same_idempotency_key_returns_the_same_order_and_charges_once(shop: Shop) -> None:
    cart = await shop.ready_cart({"MUG": 1})
    key = new_key()
    first = ok(await shop.complete(cart["id"], key=key))
    again = ok(await shop.complete(cart["id"], key=key))
    assert again["order"]["id"] == first["order"]["id"]
    assert len(again["order"]["payments"]) == 1
    assert await stock_of(shop, "MUG") == [("Oakland", 3, 1)]
    other = await shop.complete(cart["id"], key=new_key())
    assert [(e["field"], e["code"]) for e in other["userErrors"]] == [
        (["cartId"], "ALREADY_COMPLETED")
    ]


async def test_a_declined_card_leaves_no_order_no_reservation_and_the_cart_intact(
    shop: Shop,
) -> None:
    cart = await shop.ready_cart({"TEE-M": 1})
    declined = await shop.complete(cart["id"], card="tok_decline")
    assert [(e["field"], e["code"]) for e in declined["userErrors"]] == [
        (["payment"], "PAYMENT_DECLINED")
    ]
    assert await stock_of(shop, "TEE-M") == [("Oakland", 10, 0)]
    again = (await shop.visitor(CART, {"id": cart["id"]})).data["cart"]
    assert again["status"] == "OPEN"
    assert again["totalQuantity"] == 1
    # and it can be paid with another card afterwards
    assert ok(await shop.complete(cart["id"]))["order"]["number"] == 1


async def test_stock_sold_meanwhile_stops_the_checkout_with_out_of_stock(shop: Shop) -> None:
    cart = await shop.ready_cart({"TEE-M": 1, "MUG": 3})
    await shop.catalog.stock(shop.variants["MUG"], shop.warehouse_id, 2)
    result = await shop.complete(cart["id"])
    assert [(e["field"], e["code"]) for e in result["userErrors"]] == [
        (["lines", "1", "quantity"], "OUT_OF_STOCK")
    ]
    assert await stock_of(shop, "TEE-M") == [("Oakland", 10, 0)]


async def test_a_cart_missing_details_cannot_be_checked_out(shop: Shop) -> None:
    cart = await shop.cart({"MUG": 1})
    result = await shop.complete(cart["id"])
    assert result["userErrors"][0]["code"] == "REQUIRED"
    assert result["order"] is None


async def test_an_unknown_gateway_is_refused(shop: Shop) -> None:
    cart = await shop.ready_cart({"MUG": 1})
    result = await shop.complete(cart["id"], gateway="bitcoin")
    assert [(e["field"], e["code"]) for e in result["userErrors"]] == [
        (["payment", "gateway"], "INVALID")
    ]


async def test_stock_is_split_over_warehouses_when_none_has_everything(shop: Shop) -> None:
    # given a second warehouse, each holding only part of what is ordered
    east = await shop.catalog.warehouse("Newark", "US")
    await shop.catalog.link_warehouses(shop.storefront_id, [shop.warehouse_id, east])
    await shop.catalog.stock(shop.variants["TEE-M"], shop.warehouse_id, 2)
    await shop.catalog.stock(shop.variants["TEE-M"], east, 5)
    await shop.catalog.stock(shop.variants["MUG"], east, 1)
    cart = await shop.ready_cart({"TEE-M": 6, "MUG": 4})
    # when it is checked out
    order = ok(await shop.complete(cart["id"]))["order"]
    # then the warehouse holding most ships first and the rest comes from the other
    assert order["fulfillmentGroups"] == [
        {
            "warehouseName": "Newark",
            "lines": [{"sku": "TEE-M", "quantity": 5}, {"sku": "MUG", "quantity": 1}],
        },
        {
            "warehouseName": "Oakland",
            "lines": [{"sku": "TEE-M", "quantity": 1}, {"sku": "MUG", "quantity": 3}],
        },
    ]
    assert await stock_of(shop, "TEE-M") == [("Newark", 5, 5), ("Oakland", 2, 1)]


async def test_a_warehouse_that_does_not_serve_the_country_does_not_ship(shop: Shop) -> None:
    berlin = await shop.catalog.warehouse("Berlin", "DE")
    await shop.catalog.link_warehouses(shop.storefront_id, [shop.warehouse_id, berlin])
    await shop.catalog.stock(shop.variants["MUG"], berlin, 50)
    cart = await shop.ready_cart({"MUG": 3})
    order = ok(await shop.complete(cart["id"]))["order"]
    assert [g["warehouseName"] for g in order["fulfillmentGroups"]] == ["Oakland"]


async def test_the_order_keeps_its_snapshot_when_the_catalog_changes(shop: Shop) -> None:
    cart = await shop.ready_cart({"MUG": 1})
    order = ok(await shop.complete(cart["id"]))["order"]
    await shop.merchant.run(RENAME, {"id": shop.products["MUG"]})
    await shop.catalog.price(shop.variants["MUG"], shop.storefront_id, "99.00")
    await shop.catalog.archive_product(shop.products["MUG"])
    again = (await shop.merchant.run(ORDERS, {})).data["orders"]["nodes"]
    assert again == [{"number": 1, "email": "ada@example.com", "status": "PAID"}]
    node = await shop.merchant.run(
        "query($id: ID!) { node(id: $id) { ... on Order { lines { productName unitPrice { amount } } } } }",
        {"id": order["id"]},
    )
    assert node.data["node"]["lines"] == [
        {"productName": "Product MUG", "unitPrice": {"amount": "12.50"}}
    ]


async def test_a_customers_orders_count_towards_their_history(shop: Shop) -> None:
    customer = await shopper(shop.merchant, shop.token)
    created = await customer.run(
        CART_CREATE,
        {
            "input": {
                "lines": shop.lines({"MUG": 2}),
                "email": customer.email,
                "shippingAddress": ADDRESS,
            }
        },
    )
    cart = ok(created.data["cartCreate"])["cart"]
    await customer.run(
        DELIVERY_SET, {"cart": cart["id"], "option": cart["deliveryOptions"][0]["id"]}
    )
    done = await customer.run(
        COMPLETE,
        {
            "cart": cart["id"],
            "key": new_key(),
            "payment": {"gateway": "dummy", "token": "tok_success"},
        },
    )
    ok(done.data["checkoutComplete"])
    me = (await customer.run(MY_ORDERS)).data["me"]
    assert me["orderCount"] == 1
    assert me["totalSpent"] == [{"amount": "30.00", "currencyCode": "USD"}]
    assert me["orders"]["nodes"] == [{"number": 1, "status": "PAID", "total": {"amount": "30.00"}}]
    # another customer sees none of it
    other = await shopper(shop.merchant, shop.token)
    assert (await other.run(MY_ORDERS)).data["me"]["orders"]["nodes"] == []


async def test_a_bank_transfer_waits_unpaid_until_staff_confirm_it(shop: Shop) -> None:
    cart = await shop.ready_cart({"MUG": 2})
    order = ok(await shop.complete(cart["id"], gateway="bank_transfer"))["order"]
    assert order["status"] == "UNPAID"
    assert order["expiresAt"] is not None
    assert order["payments"][0]["state"] == "PENDING"
    assert await stock_of(shop, "MUG") == [("Oakland", 3, 2)]  # held for it (ON_ORDER)
    confirmed = await shop.merchant.run(PAYMENT_CONFIRM, {"id": order["payments"][0]["id"]})
    payload = ok(confirmed.data["paymentConfirm"])
    assert payload["payment"] == {"state": "CAPTURED", "captured": {"amount": "30.00"}}
    assert payload["order"]["status"] == "PAID"
    assert payload["order"]["expiresAt"] is None
    twice = await shop.merchant.run(PAYMENT_CONFIRM, {"id": order["payments"][0]["id"]})
    assert twice.data["paymentConfirm"]["userErrors"][0]["code"] == "INVALID_STATE"


async def test_cash_on_delivery_orders_never_lapse(shop: Shop) -> None:
    cart = await shop.ready_cart({"MUG": 1})
    order = ok(await shop.complete(cart["id"], gateway="cash_on_delivery"))["order"]
    assert (order["status"], order["expiresAt"]) == ("UNPAID", None)


async def test_an_unpaid_order_past_its_timeout_is_cancelled_and_its_stock_released_once(
    shop: Shop, database: Database
) -> None:
    # given an order waiting for a bank transfer
    cart = await shop.ready_cart({"MUG": 2})
    ok(await shop.complete(cart["id"], gateway="bank_transfer"))
    assert await stock_of(shop, "MUG") == [("Oakland", 3, 2)]
    sweeper = OrderSweeper(database)
    # when the sweep runs before the timeout nothing happens; after it, the order is cancelled
    assert await sweeper.sweep(utcnow()) == 0
    later = utcnow() + timedelta(minutes=61)
    assert await sweeper.sweep(later) == 1
    assert await sweeper.sweep(later) == 0
    # then the stock is back, once, and integrators hear of it
    assert await stock_of(shop, "MUG") == [("Oakland", 3, 0)]
    orders = (await shop.merchant.run(ORDERS, {})).data["orders"]["nodes"]
    assert [o["status"] for o in orders] == ["CANCELLED"]
    cancelled = await events(shop.merchant, types=["ORDER_CANCELLED"])
    assert len(cancelled) == 1


async def test_with_stock_taken_on_payment_an_unpaid_order_holds_none(shop: Shop) -> None:
    ok(
        (
            await shop.admin(
                SETTINGS_UPDATE,
                {"input": {"stockReservation": "ON_PAYMENT", "unpaidOrderMinutes": 30}},
            )
        )["merchantCheckoutSettingsUpdate"]
    )
    cart = await shop.ready_cart({"MUG": 2})
    order = ok(await shop.complete(cart["id"], gateway="bank_transfer"))["order"]
    assert await stock_of(shop, "MUG") == [("Oakland", 3, 0)]
    confirmed = await shop.merchant.run(PAYMENT_CONFIRM, {"id": order["payments"][0]["id"]})
    ok(confirmed.data["paymentConfirm"])
    assert await stock_of(shop, "MUG") == [("Oakland", 3, 2)]


async def test_staff_find_orders_by_number_email_and_status(shop: Shop) -> None:
    for email in ("ada@example.com", "bob@example.com"):
        cart = await shop.ready_cart({"MUG": 1})
        await shop.visitor(CART_UPDATE, {"cart": cart["id"], "input": {"email": email}})
        ok(await shop.complete(cart["id"]))
    everything = (await shop.merchant.run(ORDERS, {})).data["orders"]["nodes"]
    assert [o["number"] for o in everything] == [2, 1]
    by_email = (await shop.merchant.run(ORDERS, {"filter": {"search": "bob"}})).data
    assert [o["email"] for o in by_email["orders"]["nodes"]] == ["bob@example.com"]
    by_number = (await shop.merchant.run(ORDERS, {"filter": {"search": "#1"}})).data
    assert [o["number"] for o in by_number["orders"]["nodes"]] == [1]
    unpaid = (await shop.merchant.run(ORDERS, {"filter": {"status": "UNPAID"}})).data
    assert unpaid["orders"]["nodes"] == []


async def test_an_order_taking_the_last_units_tells_integrators_it_is_out_of_stock(
    shop: Shop,
) -> None:
    cart = await shop.ready_cart({"MUG": 3})
    ok(await shop.complete(cart["id"]))
    gone = await events(shop.merchant, types=["INVENTORY_OUT_OF_STOCK"])
    assert [json.loads(e["payload"])["variant"]["sku"] for e in gone] == ["MUG"]
