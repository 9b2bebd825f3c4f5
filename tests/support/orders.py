"""Orders after checkout: placing one (as a guest or a signed-in customer) and the staff
operations on it, each as the GraphQL request the admin or storefront sends."""

from typing import Any

from tests.support.actors import MerchantWorld, ok
from tests.support.checkout import (
    ADDRESS,
    CART_CREATE,
    COMPLETE,
    DELIVERY_SET,
    Shop,
    new_key,
    open_shop,
)
from tests.support.customers import Shopper, shopper

ORDER_STATE = """
id number status paymentStatus fulfillmentStatus customerStatus heldFrom
total { amount } shipping { amount }
lines { id sku quantity quantityFulfilled quantityShipped quantityDelivered quantityRefunded
        quantityReturned total { amount } }
fulfillments { id status warehouseName trackingNumber carrier lines { sku quantity } }
refunds { id amount { amount } shipping { amount } restock lines { sku quantity amount { amount } } }
payments { id state captured { amount } refunded { amount } }
"""
ORDER = f"query($id: ID!) {{ node(id: $id) {{ ... on Order {{ {ORDER_STATE} }} }} }}"
TIMELINE = """
query($id: ID!) {
  node(id: $id) { ... on Order { timeline(first: 100) { nodes { kind actorKind actorId data } } } }
}
"""
PAYLOAD = f"order {{ {ORDER_STATE} }} userErrors {{ field message code }}"
FULFILLMENT_CREATE = f"""
mutation($input: FulfillmentCreateInput!) {{
  fulfillmentCreate(input: $input) {{ fulfillment {{ id status trackingNumber }} {PAYLOAD} }}
}}
"""
FULFILLMENT_SHIP = f"""
mutation($id: ID!, $tracking: TrackingInput) {{
  fulfillmentShip(fulfillmentId: $id, tracking: $tracking) {{
    fulfillment {{ id status trackingNumber carrier }} {PAYLOAD}
  }}
}}
"""
FULFILLMENT_DELIVER = f"""
mutation($id: ID!) {{
  fulfillmentDeliver(fulfillmentId: $id) {{ fulfillment {{ id status }} {PAYLOAD} }}
}}
"""
TRACKING_UPDATE = f"""
mutation($id: ID!, $tracking: TrackingInput!) {{
  fulfillmentTrackingUpdate(fulfillmentId: $id, tracking: $tracking) {{
    fulfillment {{ id trackingNumber carrier }} {PAYLOAD}
  }}
}}
"""
HOLD = f"""
mutation($id: ID!, $reason: String!) {{ orderHold(orderId: $id, reason: $reason) {{ {PAYLOAD} }} }}
"""
COMPLETE_ORDER = f"mutation($id: ID!) {{ orderComplete(orderId: $id) {{ {PAYLOAD} }} }}"
RELEASE = f"mutation($id: ID!) {{ orderRelease(orderId: $id) {{ {PAYLOAD} }} }}"
CANCEL = f"""
mutation($id: ID!, $reason: String! = "") {{
  orderCancel(orderId: $id, reason: $reason) {{ {PAYLOAD} }}
}}
"""
NOTE_ADD = f"""
mutation($id: ID!, $body: String!) {{ orderNoteAdd(orderId: $id, body: $body) {{ {PAYLOAD} }} }}
"""
REFUND = f"""
mutation($input: OrderRefundInput!) {{
  orderRefund(input: $input) {{ refund {{ id amount {{ amount }} }} {PAYLOAD} }}
}}
"""


async def tee_and_mug_shop(merchant: MerchantWorld) -> Shop:
    """The order tests' shop: tees at 20.00 (10 in stock) and mugs at 12.50 (5 in stock)."""
    shop = await open_shop(merchant)
    await shop.sell("TEE", "20.00", stock=10)
    await shop.sell("MUG", "12.50", stock=5)
    return shop


async def place_order(
    shop: Shop, lines: dict[str, int], gateway: str = "dummy", card: str = "tok_success"
) -> dict[str, Any]:
    """A guest's order for these SKUs, as staff see it (with the token checkout gave)."""
    cart = await shop.ready_cart(lines)
    done = ok(await shop.complete(cart["id"], card=card, gateway=gateway))
    return {**await order_state(shop, done["order"]["id"]), "token": done["orderToken"]}


async def place_customer_order(
    shop: Shop, customer: Shopper, lines: dict[str, int], gateway: str = "dummy"
) -> str:
    """A signed-in customer's order (paid, unless `gateway` waits for the money); its ID."""
    input = {"lines": shop.lines(lines), "email": customer.email, "shippingAddress": ADDRESS}
    cart = ok((await customer.run(CART_CREATE, {"input": input})).data["cartCreate"])["cart"]
    option = cart["deliveryOptions"][0]["id"]
    await customer.run(DELIVERY_SET, {"cart": cart["id"], "option": option})
    payment = {"gateway": gateway, "token": "tok_success"}
    variables = {"cart": cart["id"], "key": new_key(), "payment": payment}
    done = (await customer.run(COMPLETE, variables)).data["checkoutComplete"]
    return str(ok(done)["order"]["id"])


async def order_state(shop: Shop, order_id: str) -> dict[str, Any]:
    result = await shop.merchant.run(ORDER, {"id": order_id})
    assert result.errors == [], result.body
    node: dict[str, Any] = result.data["node"]
    return node


def line_id(order: dict[str, Any], sku: str) -> str:
    return str(next(line["id"] for line in order["lines"] if line["sku"] == sku))


async def fulfill(shop: Shop, order: dict[str, Any], lines: dict[str, int], **more: Any) -> str:
    """A new fulfillment of these units; its global ID."""
    input = {
        "orderId": order["id"],
        "lines": [{"orderLineId": line_id(order, sku), "quantity": n} for sku, n in lines.items()],
        **more,
    }
    data = await shop.admin(FULFILLMENT_CREATE, {"input": input})
    return str(ok(data["fulfillmentCreate"])["fulfillment"]["id"])


async def ship(shop: Shop, fulfillment_id: str, **tracking: Any) -> dict[str, Any]:
    data = await shop.admin(FULFILLMENT_SHIP, {"id": fulfillment_id, "tracking": tracking or None})
    return ok(data["fulfillmentShip"])


async def deliver(shop: Shop, fulfillment_id: str) -> dict[str, Any]:
    return ok((await shop.admin(FULFILLMENT_DELIVER, {"id": fulfillment_id}))["fulfillmentDeliver"])


async def refund(shop: Shop, order: dict[str, Any], **input: Any) -> dict[str, Any]:
    """The orderRefund payload (user errors included) for this input."""
    lines = input.pop("lines", {})
    input["lines"] = [{"orderLineId": line_id(order, s), "quantity": n} for s, n in lines.items()]
    data = await shop.admin(REFUND, {"input": {"orderId": order["id"], **input}})
    payload: dict[str, Any] = data["orderRefund"]
    return payload


RETURN_REQUEST = """
mutation($id: ID!, $lines: [ReturnLineInput!]!) {
  orderReturnRequest(orderId: $id, lines: $lines) {
    orderReturn { id status } userErrors { field message code }
  }
}
"""


async def requested_return(shop: Shop, sku: str) -> str:
    """A customer's delivered order of one `sku`, and their request to return it (its ID)."""
    customer = await shopper(shop.merchant, shop.token)
    order = await order_state(shop, await place_customer_order(shop, customer, {sku: 1}))
    parcel = await fulfill(shop, order, {sku: 1})
    await ship(shop, parcel)
    await deliver(shop, parcel)
    lines = [{"orderLineId": line_id(order, sku), "quantity": 1, "reason": "Too small"}]
    result = await customer.run(RETURN_REQUEST, {"id": order["id"], "lines": lines})
    return str(ok(result.data["orderReturnRequest"])["orderReturn"]["id"])


def errors(payload: dict[str, Any]) -> list[tuple[list[str] | None, str]]:
    return [(e["field"], e["code"]) for e in payload["userErrors"]]
