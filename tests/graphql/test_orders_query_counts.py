"""Reading orders with everything that hangs off them (lines, parcels, refunds, returns, gift
cards bought, payments and, for staff, the timeline) costs the same number of SQL statements
for 2 orders as for 10: the buyer's `me.orders` and the merchant's `orders` list."""

from typing import Any

import pytest
from starlette.applications import Starlette

from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import Shop, open_shop
from tests.support.customers import Shopper, shopper
from tests.support.orders import (
    RETURN_REQUEST,
    deliver,
    fulfill,
    line_id,
    order_state,
    place_customer_order,
    refund,
    ship,
)
from tests.support.statements import recorded_statements

MY_ORDERS_BUDGET = 11  # SQLite and PostgreSQL alike
ALL_ORDERS_BUDGET = 12  # the same, and the timeline
GIFT_CARD_TYPE = """
mutation($input: ProductTypeInput!) {
  productTypeCreate(input: $input) { productType { id } userErrors { field code } }
}
"""
ORDER_FIELDS = """
id number status customerStatus total { amount }
lines { sku quantity quantityRefunded }
fulfillments { status trackingNumber lines { sku quantity } }
refunds { amount { amount } lines { sku quantity } }
returns { status lines { sku quantity reason } }
giftCards { last4 maskedCode code initialBalance { amount } }
payments { state captured { amount } }
"""
MY_ORDERS = (
    f"{{ me {{ ... on Customer {{ orders(first: 20) {{ nodes {{ {ORDER_FIELDS} }} }} }} }} }}"
)
ALL_ORDERS = f"""
{{ orders(first: 20) {{ nodes {{
  {ORDER_FIELDS} timeline(first: 50) {{ nodes {{ kind actorKind actorId }} }}
}} }} }}
"""


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    shop = await open_shop(merchant_a)
    created = await shop.admin(
        GIFT_CARD_TYPE, {"input": {"name": "Gift card", "kind": "GIFT_CARD"}}
    )
    card_product = await shop.catalog.product(
        "Gift card", productTypeId=ok(created["productTypeCreate"])["productType"]["id"]
    )
    await shop.sell("GIFT-50", "50.00", stock=None, product=card_product)
    await shop.sell("TEE", "10.00", stock=100)
    return shop


async def busy_orders(shop: Shop, customer: Shopper, count: int) -> None:
    """Orders with every relation filled: a gift card bought, a parcel delivered, a refund,
    a return asked for (and so a timeline)."""
    for _ in range(count):
        placed = await place_customer_order(shop, customer, {"TEE": 2, "GIFT-50": 1})
        order = await order_state(shop, placed)
        parcel = await fulfill(shop, order, {"TEE": 2})
        await ship(shop, parcel, trackingNumber="TRK")
        await deliver(shop, parcel)
        ok(await refund(shop, order, lines={"TEE": 1}))
        lines = [{"orderLineId": line_id(order, "TEE"), "quantity": 1, "reason": "Too big"}]
        asked = await customer.run(RETURN_REQUEST, {"id": order["id"], "lines": lines})
        ok(asked.data["orderReturnRequest"])


async def statements_of(app: Starlette, read: Any) -> tuple[int, list[dict[str, Any]]]:
    engine = app.state.agora.database.engine.sync_engine
    await read()  # warm caches (storefront, session, cost buckets)
    with recorded_statements(engine) as statements:
        result = await read()
    assert result.errors == [], result.body
    data = result.data
    orders = data["me"]["orders"] if "me" in data else data["orders"]
    return len(statements), orders["nodes"]


def check_filled(orders: list[dict[str, Any]], count: int) -> None:
    assert len(orders) == count
    for order in orders:
        assert [f["status"] for f in order["fulfillments"]] == ["DELIVERED"]
        assert [r["lines"] for r in order["refunds"]] == [[{"sku": "TEE", "quantity": 1}]]
        assert [r["status"] for r in order["returns"]] == ["REQUESTED"]
        assert [c["initialBalance"]["amount"] for c in order["giftCards"]] == ["50.00"]


async def test_my_orders_cost_the_same_statements_for_2_or_10_orders(
    app: Starlette, shop: Shop
) -> None:
    # given a customer with 2 orders holding every relation
    customer = await shopper(shop.merchant, shop.token)
    await busy_orders(shop, customer, 2)
    two, orders = await statements_of(app, lambda: customer.run(MY_ORDERS))
    check_filled(orders, 2)
    assert all(card["code"] for order in orders for card in order["giftCards"])  # theirs
    # when they have 10
    await busy_orders(shop, customer, 8)
    ten, orders = await statements_of(app, lambda: customer.run(MY_ORDERS))
    # then the page costs the same, one statement per relation (and the request's own)
    check_filled(orders, 10)
    assert ten == two, (two, ten)
    assert two <= MY_ORDERS_BUDGET, two


async def test_the_merchants_order_list_costs_the_same_statements_for_2_or_10_orders(
    app: Starlette, shop: Shop
) -> None:
    customer = await shopper(shop.merchant, shop.token)
    await busy_orders(shop, customer, 2)
    two, orders = await statements_of(app, lambda: shop.merchant.run(ALL_ORDERS))
    check_filled(orders, 2)
    assert all(order["timeline"]["nodes"] for order in orders)
    await busy_orders(shop, customer, 8)
    ten, orders = await statements_of(app, lambda: shop.merchant.run(ALL_ORDERS))
    check_filled(orders, 10)
    kinds = {entry["kind"] for order in orders for entry in order["timeline"]["nodes"]}
    assert {"fulfillment_delivered", "refunded", "return_requested"} <= kinds
    assert ten == two, (two, ten)
    assert two <= ALL_ORDERS_BUDGET, two
