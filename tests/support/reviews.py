"""Reviews as shoppers and staff make them, and the one shortcut: an order's goods delivered.

Delivery belongs to the order lifecycle (fulfillments); to reach a delivered order in one
step, `mark_order` sets the order's status, and for a delivered one its lines' delivered
units, with direct SQL UPDATEs.
"""

from typing import Any

from sqlalchemy import update

from persistence import tables
from persistence.database import Database
from resolvers.ids import decode_global_id
from tests.support.actors import ok
from tests.support.checkout import ADDRESS, CART_CREATE, COMPLETE, DELIVERY_SET, Shop, new_key
from tests.support.client import GraphQLClient
from tests.support.customers import Shopper

REVIEW_CREATE = """
mutation($input: ProductReviewCreateInput!) {
  productReviewCreate(input: $input) {
    review { id rating title body status authorName } userErrors { field message code }
  }
}
"""
REVIEW_MODERATE = """
mutation($id: ID!, $status: ReviewStatus!) {
  productReviewModerate(id: $id, status: $status) {
    review { id status } userErrors { field message code }
  }
}
"""
PRODUCT_REVIEWS = """
query($id: ID!, $first: Int, $after: String) {
  product(id: $id) {
    rating { average count }
    reviews(first: $first, after: $after) {
      nodes { title rating authorName } pageInfo { hasNextPage endCursor }
    }
  }
}
"""


def database_of(client: GraphQLClient) -> Database:
    """The app's own database (for the status shortcut only): the app behind the test client."""
    app: Any = client.http._transport.app  # type: ignore[attr-defined]
    database: Database = app.state.agora.database
    return database


async def mark_order(client: GraphQLClient, order_id: str, status: str) -> None:
    """Set an order's status as the order lifecycle will (DELIVERED, COMPLETED, ...)."""
    _type, id = decode_global_id(order_id)
    async with database_of(client).engine.begin() as connection:
        await connection.execute(
            update(tables.orders).where(tables.orders.c.id == id).values(status=status)
        )
        if status in ("DELIVERED", "COMPLETED"):
            lines = tables.order_lines
            quantity = lines.c.quantity
            await connection.execute(
                update(lines)
                .where(lines.c.order_id == id)
                .values(
                    quantity_fulfilled=quantity,
                    quantity_shipped=quantity,
                    quantity_delivered=quantity,
                )
            )


async def buy(shop: Shop, buyer: Shopper, lines: dict[str, int]) -> dict[str, Any]:
    """The customer checks out these SKUs (paid by card); returns the order."""
    created = await buyer.run(
        CART_CREATE,
        {"input": {"lines": shop.lines(lines), "email": buyer.email, "shippingAddress": ADDRESS}},
    )
    cart = ok(created.data["cartCreate"])["cart"]
    option = cart["deliveryOptions"][0]["id"]
    ok((await buyer.run(DELIVERY_SET, {"cart": cart["id"], "option": option})).data[
        "cartDeliveryOptionSet"
    ])  # fmt: skip
    payment = {"gateway": "dummy", "token": "tok_success"}
    done = await buyer.run(COMPLETE, {"cart": cart["id"], "key": new_key(), "payment": payment})
    order: dict[str, Any] = ok(done.data["checkoutComplete"])["order"]
    return order


async def received(shop: Shop, buyer: Shopper, sku: str) -> dict[str, Any]:
    """The customer bought one of `sku` and it was delivered."""
    order = await buy(shop, buyer, {sku: 1})
    await mark_order(buyer.client, order["id"], "DELIVERED")
    return order


async def review(buyer: Shopper, product_id: str, rating: int = 5, **fields: Any) -> dict[str, Any]:
    """The payload of the customer's review (it may hold userErrors)."""
    values = {"productId": product_id, "rating": rating, "title": "Great", "body": "Works well."}
    result = await buyer.run(REVIEW_CREATE, {"input": {**values, **fields}})
    payload: dict[str, Any] = result.data["productReviewCreate"]
    return payload
