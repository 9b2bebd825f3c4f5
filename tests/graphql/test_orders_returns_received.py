"""Receiving a return can refund it in the same operation (what the returned units were
paid, never more than is captured), and an order whose delivered units all came back is
RETURNED."""

from typing import Any

import pytest

from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import Shop, open_shop, stock_of
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

RETURN_FIELDS = "orderReturn { id status } userErrors { field message code }"
REQUEST = f"""
mutation($id: ID!, $lines: [ReturnLineInput!]!) {{
  orderReturnRequest(orderId: $id, lines: $lines) {{ {RETURN_FIELDS} }}
}}
"""
APPROVE = f"mutation($id: ID!) {{ orderReturnApprove(returnId: $id) {{ {RETURN_FIELDS} }} }}"
RECEIVE = f"""
mutation($id: ID!, $restock: Boolean!, $refund: Boolean!) {{
  orderReturnReceive(returnId: $id, restock: $restock, refund: $refund) {{ {RETURN_FIELDS} }}
}}
"""


@pytest.fixture
async def shop(merchant_a: MerchantWorld) -> Shop:
    shop = await open_shop(merchant_a)
    await shop.sell("TEE", "10.00", stock=10)
    return shop


async def delivered_order(shop: Shop, customer: Shopper, units: int) -> dict[str, Any]:
    order = await order_state(shop, await place_customer_order(shop, customer, {"TEE": units}))
    parcel = await fulfill(shop, order, {"TEE": units})
    await ship(shop, parcel)
    await deliver(shop, parcel)
    return order


async def approved_return(shop: Shop, customer: Shopper, order: dict[str, Any], units: int) -> str:
    lines = [{"orderLineId": line_id(order, "TEE"), "quantity": units, "reason": "Too small"}]
    result = await customer.run(REQUEST, {"id": order["id"], "lines": lines})
    return_id = str(ok(result.data["orderReturnRequest"])["orderReturn"]["id"])
    ok((await shop.admin(APPROVE, {"id": return_id}))["orderReturnApprove"])
    return return_id


async def receive(shop: Shop, return_id: str, refund: bool, restock: bool = True) -> Any:
    variables = {"id": return_id, "restock": restock, "refund": refund}
    return (await shop.admin(RECEIVE, variables))["orderReturnReceive"]


async def test_receiving_a_return_refunds_what_the_returned_units_were_paid(shop: Shop) -> None:
    # given a delivered order of 3 tees, one of which comes back
    customer = await shopper(shop.merchant, shop.token)
    order = await delivered_order(shop, customer, 3)
    tee_total = int(next(line for line in order["lines"])["total"]["amount"].replace(".", ""))
    return_id = await approved_return(shop, customer, order, 1)
    # when staff receive it, refunding it in the same operation
    ok(await receive(shop, return_id, refund=True))
    # then the unit's share of the line's total (tax included) went back through the gateway
    after = await order_state(shop, order["id"])
    [made] = after["refunds"]
    assert made["lines"] == [
        {"sku": "TEE", "quantity": 1, "amount": {"amount": f"{tee_total // 3 / 100:.2f}"}}
    ]
    assert made["amount"] == made["lines"][0]["amount"]
    assert after["payments"][0]["refunded"] == made["amount"]
    line = after["lines"][0]
    assert (line["quantityReturned"], line["quantityRefunded"]) == (1, 1)
    assert (after["status"], after["paymentStatus"]) == ("DELIVERED", "PARTIALLY_REFUNDED")
    assert await stock_of(shop, "TEE") == [("Oakland", 8, 0)]


async def test_an_order_whose_delivered_units_all_came_back_is_returned(shop: Shop) -> None:
    customer = await shopper(shop.merchant, shop.token)
    order = await delivered_order(shop, customer, 2)
    # when one unit comes back, then the other
    ok(await receive(shop, await approved_return(shop, customer, order, 1), refund=False))
    assert (await order_state(shop, order["id"]))["status"] == "DELIVERED"
    ok(await receive(shop, await approved_return(shop, customer, order, 1), refund=True))
    # then the order is RETURNED, for the merchant and for the buyer
    after = await order_state(shop, order["id"])
    assert (after["status"], after["customerStatus"]) == ("RETURNED", "RETURNED")
    # and what was not refunded on receipt can still be refunded
    refunded = await refund(shop, order, lines={"TEE": 1})
    assert ok(refunded)["order"]["status"] == "RETURNED"
    assert refunded["order"]["paymentStatus"] == "PARTIALLY_REFUNDED"  # the shipping is left


async def test_the_refund_on_receipt_never_exceeds_what_is_captured(shop: Shop) -> None:
    # given a delivered order of 1 tee, most of it refunded already as a custom amount
    customer = await shopper(shop.merchant, shop.token)
    order = await delivered_order(shop, customer, 1)
    total = order["total"]["amount"]
    ok(await refund(shop, order, amount=f"{float(total) - 1:.2f}"))
    return_id = await approved_return(shop, customer, order, 1)
    # when the return is received with its refund
    ok(await receive(shop, return_id, refund=True))
    # then only what was left is refunded: the order is fully refunded, never more
    after = await order_state(shop, order["id"])
    assert after["refunds"][-1]["amount"] == {"amount": "1.00"}
    assert after["paymentStatus"] == "REFUNDED"
    assert after["payments"][0]["refunded"] == {"amount": total}
    # and its only unit being back, the order is RETURNED
    assert after["status"] == "RETURNED"


async def test_a_refused_refund_on_receipt_receives_nothing(shop: Shop) -> None:
    customer = await shopper(shop.merchant, shop.token)
    order = await delivered_order(shop, customer, 2)
    ok(await refund(shop, order, amount=order["total"]["amount"]))
    return_id = await approved_return(shop, customer, order, 1)
    refused = await receive(shop, return_id, refund=True)
    assert errors(refused) == [(["refund"], "INVALID_STATE")]
    after = await order_state(shop, order["id"])
    assert after["lines"][0]["quantityReturned"] == 0
    assert await stock_of(shop, "TEE") == [("Oakland", 8, 0)]
    ok(await receive(shop, return_id, refund=False))  # received without a refund it is fine
