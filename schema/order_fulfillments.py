"""What happened to an order after checkout: its fulfillments, refunds, returns and timeline."""

from datetime import datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON

from domain.money import Money as MoneyValue
from domain.orders import fulfillments as fulfillment_domain
from domain.orders import refunds as refund_domain
from domain.orders import returns as return_domain
from domain.orders import timeline as timeline_domain
from domain.permissions import Permission
from resolvers.context import AgoraInfo
from resolvers.ids import encode_global_id
from resolvers.orders import fulfillments as resolvers
from resolvers.permissions import requires
from schema.money import Money
from schema.node import Node, shows

ORDERS = requires(Permission.MANAGE_ORDERS)


@strawberry.type(description="Units of one order line in a fulfillment.")
class FulfillmentItem:
    order_line_id: strawberry.ID = strawberry.field(description="The order line.")
    sku: str = strawberry.field(description="Its SKU.")
    quantity: int = strawberry.field(description="Units in this parcel.")


@strawberry.type(description="A parcel of an order from one warehouse: created, picked, "
                 "packed, shipped, delivered (or cancelled before it shipped).")  # fmt: skip
@shows(fulfillment_domain.Fulfillment)
class Fulfillment(Node):
    status: str = strawberry.field(
        description="CREATED, PICKING, PACKED, SHIPPED, DELIVERED or CANCELLED."
    )
    warehouse_name: str = strawberry.field(description="Where it ships from.")
    tracking_number: str = strawberry.field(description="The carrier's tracking number.")
    carrier: str = strawberry.field(description="Who carries it.")
    created_at: datetime = strawberry.field(description="When it was created.")
    shipped_at: datetime | None = strawberry.field(description="When it shipped.")
    delivered_at: datetime | None = strawberry.field(description="When it arrived.")

    @strawberry.field(description="What it holds.")
    async def lines(
        self, root: fulfillment_domain.Fulfillment, info: AgoraInfo
    ) -> list[FulfillmentItem]:
        return await resolvers.items_of(info, root)  # type: ignore[return-value]


@strawberry.type(description="Units of an order line refunded, and what they were worth.")
class RefundLine:
    order_line_id: strawberry.ID = strawberry.field(description="The order line.")
    sku: str = strawberry.field(description="Its SKU.")
    quantity: int = strawberry.field(description="Units refunded.")
    amount: Money = strawberry.field(description="What they gave back.")


@strawberry.type(description="Money given back on an order.")
@shows(refund_domain.Refund)
class Refund(Node):
    @strawberry.field(description="Why, as staff wrote it (staff only).", extensions=ORDERS)
    def reason(self, root: refund_domain.Refund) -> str:
        return root.reason

    restock: bool = strawberry.field(description="Whether delivered units went back in stock.")
    created_at: datetime = strawberry.field(description="When.")

    @strawberry.field(description="Everything it gave back.")
    def amount(self, root: refund_domain.Refund) -> Money:
        return MoneyValue(root.amount, root.currency)  # type: ignore[return-value]

    @strawberry.field(description="Of which for the shipping.")
    def shipping(self, root: refund_domain.Refund) -> Money:
        return MoneyValue(root.shipping_amount, root.currency)  # type: ignore[return-value]

    @strawberry.field(description="Lines and units refunded.")
    def lines(self, root: refund_domain.Refund) -> list[RefundLine]:
        return [
            RefundLine(
                order_line_id=strawberry.ID(encode_global_id("OrderLine", e["orderLineId"])),
                sku=e["sku"],
                quantity=e["quantity"],
                amount=MoneyValue(e["amount"], root.currency),  # type: ignore[arg-type]
            )
            for e in root.lines
        ]


@strawberry.type(description="One change to an order: what, who and when (its audit trail).")
class OrderTimelineEntry:
    kind: str = strawberry.field(
        description="fulfillment_created, fulfillment_picked, fulfillment_packed, "
        "fulfillment_cancelled, fulfillment_shipped, fulfillment_delivered, tracking_updated, "
        "return_received, held, released, cancelled, refunded, payment_confirmed, note, ..."
    )
    actor_kind: str = strawberry.field(
        description="STAFF, API_KEY, CUSTOMER, GUEST (holding the order token), PLATFORM_ADMIN "
        "or SYSTEM."
    )
    at: datetime = strawberry.field(description="When.")

    @strawberry.field(description="Who: the staff user's, key's or customer's global ID.")
    def actor_id(self, root: timeline_domain.TimelineEntry) -> strawberry.ID | None:
        return resolvers.actor_id(root)  # type: ignore[return-value]

    @strawberry.field(description="What changed (depends on the kind).")
    def data(self, root: timeline_domain.TimelineEntry) -> JSON:
        value: Any = root.data
        return value  # type: ignore[no-any-return]


@strawberry.type(description="Units of an order line the buyer sends back, and why.")
class ReturnLine:
    order_line_id: strawberry.ID = strawberry.field(description="The order line.")
    sku: str = strawberry.field(description="Its SKU.")
    quantity: int = strawberry.field(description="Units.")
    reason: str = strawberry.field(description="The buyer's reason.")


@strawberry.type(description="A buyer's request to send units back: REQUESTED, APPROVED, "
                 "REJECTED or RECEIVED.")  # fmt: skip
@shows(return_domain.OrderReturn)
class OrderReturn(Node):
    status: str = strawberry.field(description="REQUESTED, APPROVED, REJECTED or RECEIVED.")
    staff_note: str = strawberry.field(description="The merchant's note (e.g. why rejected).")
    restocked: bool = strawberry.field(description="Whether received units went back in stock.")
    created_at: datetime = strawberry.field(description="When it was asked for.")
    received_at: datetime | None = strawberry.field(description="When the parcel came back.")

    @strawberry.field(description="What is sent back.")
    def lines(self, root: return_domain.OrderReturn) -> list[ReturnLine]:
        return [
            ReturnLine(
                order_line_id=strawberry.ID(encode_global_id("OrderLine", e["orderLineId"])),
                sku=e["sku"],
                quantity=e["quantity"],
                reason=e["reason"],
            )
            for e in root.lines
        ]
