"""Merchant order operations after checkout (MANAGE_ORDERS): fulfillments, holds,
cancellation, notes and refunds; and the buyer's own cancellation."""

from typing import Annotated

import strawberry

from domain.orders.fulfillments import Tracking
from domain.permissions import Permission as P
from resolvers.context import AgoraInfo
from resolvers.orders import fulfillments as fulfillment_resolvers
from resolvers.orders import operations as resolvers
from resolvers.permissions import customers_or, requires
from schema.errors import UserError
from schema.order_fulfillments import Fulfillment, Refund
from schema.orders import Order

ORDERS = requires(P.MANAGE_ORDERS)
OrderId = Annotated[strawberry.ID, strawberry.argument(description="The order.")]
FulfillmentId = Annotated[strawberry.ID, strawberry.argument(description="The fulfillment.")]


@strawberry.input(description="Units of one order line.")
class OrderLineQuantityInput:
    order_line_id: strawberry.ID = strawberry.field(description="The order line (`OrderLine.id`).")
    quantity: int = strawberry.field(description="How many units.")


@strawberry.input(description="A carrier's tracking details; omitted fields stay as they are.")
class TrackingInput:
    tracking_number: str | None = strawberry.field(default=None, description="Tracking number.")
    carrier: str | None = strawberry.field(default=None, description="The carrier.")

    def tracking(self) -> Tracking:
        return Tracking(self.tracking_number, self.carrier)


def _tracking(input: TrackingInput | None) -> Tracking:
    return Tracking() if input is None else input.tracking()


@strawberry.input(description="A new fulfillment: which lines, how many units, from where.")
class FulfillmentCreateInput:
    order_id: strawberry.ID = strawberry.field(description="The order.")
    warehouse_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The warehouse group it ships from (optional when the order has one).",
    )
    lines: list[OrderLineQuantityInput] = strawberry.field(description="Lines and units.")
    tracking: TrackingInput | None = strawberry.field(default=None, description="Tracking.")


@strawberry.input(description="What to refund: lines and units, the shipping, an amount.")
class OrderRefundInput:
    order_id: strawberry.ID = strawberry.field(description="The order.")
    lines: list[OrderLineQuantityInput] = strawberry.field(
        default_factory=list, description="Units of lines, at what they were paid."
    )
    shipping: bool = strawberry.field(default=False, description="Refund the shipping too.")
    amount: str | None = strawberry.field(
        default=None, description='A further amount in the order\'s currency, e.g. "5.00".'
    )
    restock: bool = strawberry.field(
        default=False, description="Put the refunded (delivered) units back in stock."
    )
    reason: str = strawberry.field(default="", description="Why (kept on the refund).")


@strawberry.type(description="Result of a fulfillment mutation.")
class FulfillmentPayload:
    fulfillment: Fulfillment | None = strawberry.field(description="The fulfillment.")
    order: Order | None = strawberry.field(description="Its order, as it is now.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of an order mutation.")
class OrderPayload:
    order: Order | None = strawberry.field(description="The order, as it is now.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of orderRefund.")
class OrderRefundPayload:
    refund: Refund | None = strawberry.field(description="The refund.")
    order: Order | None = strawberry.field(description="The order, as it is now.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


def _lines(lines: list[OrderLineQuantityInput]) -> list[tuple[str, int]]:
    return [(str(line.order_line_id), line.quantity) for line in lines]


@strawberry.type
class OrderOperationsMutation:
    @strawberry.mutation(
        description="Put units of a warehouse group's lines in a new fulfillment (partial "
        "fulfillment: several per group). Refused while the order is held, cancelled, or "
        "unpaid (unless cash on delivery).",
        extensions=ORDERS,
    )
    async def fulfillment_create(
        self,
        info: AgoraInfo,
        input: Annotated[FulfillmentCreateInput, strawberry.argument(description="What.")],
    ) -> FulfillmentPayload:
        warehouse = None if input.warehouse_id is None else str(input.warehouse_id)
        return await fulfillment_resolvers.fulfillment_create(  # type: ignore[return-value]
            info, str(input.order_id), warehouse, _lines(input.lines), _tracking(input.tracking)
        )

    @strawberry.mutation(
        description="Mark a fulfillment shipped (its units leave the warehouse's stock).",
        extensions=ORDERS,
    )
    async def fulfillment_ship(
        self,
        info: AgoraInfo,
        fulfillment_id: FulfillmentId,
        tracking: Annotated[
            TrackingInput | None, strawberry.argument(description="Tracking.")
        ] = None,
    ) -> FulfillmentPayload:
        return await fulfillment_resolvers.fulfillment_ship(  # type: ignore[return-value]
            info, str(fulfillment_id), _tracking(tracking)
        )

    @strawberry.mutation(description="Mark a shipped fulfillment delivered.", extensions=ORDERS)
    async def fulfillment_deliver(
        self, info: AgoraInfo, fulfillment_id: FulfillmentId
    ) -> FulfillmentPayload:
        return await fulfillment_resolvers.fulfillment_deliver(info, str(fulfillment_id))  # type: ignore[return-value]

    @strawberry.mutation(description="Change a fulfillment's tracking.", extensions=ORDERS)
    async def fulfillment_tracking_update(
        self,
        info: AgoraInfo,
        fulfillment_id: FulfillmentId,
        tracking: Annotated[TrackingInput, strawberry.argument(description="Tracking.")],
    ) -> FulfillmentPayload:
        return await fulfillment_resolvers.fulfillment_tracking_update(  # type: ignore[return-value]
            info, str(fulfillment_id), tracking.tracking()
        )

    @strawberry.mutation(
        description="Hold an order: nothing is fulfilled or shipped until it is released.",
        extensions=ORDERS,
    )
    async def order_hold(
        self,
        info: AgoraInfo,
        order_id: OrderId,
        reason: Annotated[str, strawberry.argument(description="Why (on the timeline).")],
    ) -> OrderPayload:
        return await resolvers.order_hold(info, str(order_id), reason)  # type: ignore[return-value]

    @strawberry.mutation(description="Release a held order.", extensions=ORDERS)
    async def order_release(self, info: AgoraInfo, order_id: OrderId) -> OrderPayload:
        return await resolvers.order_release(info, str(order_id))  # type: ignore[return-value]

    @strawberry.mutation(
        description="Cancel an order before anything shipped: its reserved stock is released, "
        "open payments voided and captured ones refunded. Staff with MANAGE_ORDERS, or the "
        "buyer for their own order while the merchant allows it and nothing is fulfilled.",
        extensions=customers_or(P.MANAGE_ORDERS),
    )
    async def order_cancel(
        self,
        info: AgoraInfo,
        order_id: OrderId,
        reason: Annotated[str, strawberry.argument(description="Why.")] = "",
    ) -> OrderPayload:
        return await resolvers.order_cancel(info, str(order_id), reason)  # type: ignore[return-value]

    @strawberry.mutation(description="Add a staff note to an order's timeline.", extensions=ORDERS)
    async def order_note_add(
        self,
        info: AgoraInfo,
        order_id: OrderId,
        body: Annotated[str, strawberry.argument(description="The note.")],
    ) -> OrderPayload:
        return await resolvers.order_note_add(info, str(order_id), body)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Refund lines and units, the shipping and/or an amount, through the "
        "gateways that took the money; never more than was captured.",
        extensions=ORDERS,
    )
    async def order_refund(
        self,
        info: AgoraInfo,
        input: Annotated[OrderRefundInput, strawberry.argument(description="What.")],
    ) -> OrderRefundPayload:
        return await resolvers.order_refund(  # type: ignore[return-value]
            info, str(input.order_id), _lines(input.lines), input.shipping,
            input.amount or "", input.restock, input.reason,
        )  # fmt: skip
