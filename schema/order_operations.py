"""Merchant order operations after checkout (MANAGE_ORDERS): fulfillments, holds,
cancellation, notes, refunds and returns; the buyer's own cancellation and return requests."""

from typing import Annotated

import strawberry

from domain.orders.fulfillments import Tracking
from domain.orders.lifecycle import Action
from domain.permissions import Permission as P
from resolvers.context import AgoraInfo
from resolvers.orders import fulfillments as fulfillment_resolvers
from resolvers.orders import operations as resolvers
from resolvers.orders import returns as return_resolvers
from resolvers.permissions import customers_only, customers_or, requires
from schema.errors import UserError
from schema.order_fulfillments import Fulfillment, OrderReturn, Refund
from schema.orders import Order

ORDERS = requires(P.MANAGE_ORDERS)
OrderId = Annotated[strawberry.ID, strawberry.argument(description="The order.")]
OrderToken = Annotated[
    str, strawberry.argument(description="The order's token, as checkoutComplete gave it.")
]
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
        description="Start picking a CREATED fulfillment's units in the warehouse (PICKING); "
        "the order is PICKING.",
        extensions=ORDERS,
    )
    async def fulfillment_pick(
        self, info: AgoraInfo, fulfillment_id: FulfillmentId
    ) -> FulfillmentPayload:
        return await fulfillment_resolvers.fulfillment_step(  # type: ignore[return-value]
            info, str(fulfillment_id), Action.PICK
        )

    @strawberry.mutation(
        description="Mark a PICKING fulfillment packed (PACKED), ready to ship; the order is "
        "PACKED once every unit in its fulfillments is.",
        extensions=ORDERS,
    )
    async def fulfillment_pack(
        self, info: AgoraInfo, fulfillment_id: FulfillmentId
    ) -> FulfillmentPayload:
        return await fulfillment_resolvers.fulfillment_step(  # type: ignore[return-value]
            info, str(fulfillment_id), Action.PACK
        )

    @strawberry.mutation(
        description="Cancel a fulfillment not shipped yet (CREATED, PICKING or PACKED): its "
        "units are left to fulfill again and the order steps back accordingly.",
        extensions=ORDERS,
    )
    async def fulfillment_cancel(
        self, info: AgoraInfo, fulfillment_id: FulfillmentId
    ) -> FulfillmentPayload:
        return await fulfillment_resolvers.fulfillment_cancel(info, str(fulfillment_id))  # type: ignore[return-value]

    @strawberry.mutation(
        description="Mark a CREATED or PACKED fulfillment shipped (its units leave the "
        "warehouse's stock); one being picked must be packed first.",
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
        description="Close a delivered (and paid) order: COMPLETED.", extensions=ORDERS
    )
    async def order_complete(self, info: AgoraInfo, order_id: OrderId) -> OrderPayload:
        return await resolvers.order_complete(info, str(order_id))  # type: ignore[return-value]

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

    @strawberry.mutation(
        description="Cancel one's order as a guest, with the order token checkout gave (send "
        "the storefront's token): the same rules as orderCancel for a signed-in buyer (while "
        "the merchant allows it and nothing is fulfilled). A wrong token, or another order's, "
        "finds nothing (NOT_FOUND)."
    )
    async def order_cancel_by_token(
        self,
        info: AgoraInfo,
        order_id: OrderId,
        token: OrderToken,
        reason: Annotated[str, strawberry.argument(description="Why.")] = "",
    ) -> OrderPayload:
        return await resolvers.order_cancel_by_token(info, str(order_id), token, reason)  # type: ignore[return-value]

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


@strawberry.input(description="Units of a delivered line to send back, and why.")
class ReturnLineInput:
    order_line_id: strawberry.ID = strawberry.field(description="The order line.")
    quantity: int = strawberry.field(description="How many units.")
    reason: str = strawberry.field(description="Why.")


@strawberry.type(description="Result of a return mutation.")
class OrderReturnPayload:
    order_return: OrderReturn | None = strawberry.field(description="The return.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


ReturnId = Annotated[strawberry.ID, strawberry.argument(description="The return.")]


@strawberry.type
class OrderReturnMutation:
    @strawberry.mutation(
        description="Ask to return delivered units of one's own order, within the merchant's "
        "return window (signed-in customers).",
        extensions=customers_only(),
    )
    async def order_return_request(
        self,
        info: AgoraInfo,
        order_id: OrderId,
        lines: Annotated[list[ReturnLineInput], strawberry.argument(description="What and why.")],
    ) -> OrderReturnPayload:
        wanted = [(str(x.order_line_id), x.quantity, x.reason) for x in lines]
        return await return_resolvers.order_return_request(info, str(order_id), wanted)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Ask to return delivered units of one's order as a guest, with the order "
        "token checkout gave (send the storefront's token), within the merchant's return "
        "window: the same rules as orderReturnRequest. A wrong token, or another order's, "
        "finds nothing (NOT_FOUND)."
    )
    async def order_return_request_by_token(
        self,
        info: AgoraInfo,
        order_id: OrderId,
        token: OrderToken,
        lines: Annotated[list[ReturnLineInput], strawberry.argument(description="What and why.")],
    ) -> OrderReturnPayload:
        wanted = [(str(x.order_line_id), x.quantity, x.reason) for x in lines]
        return await return_resolvers.order_return_request_by_token(  # type: ignore[return-value]
            info, str(order_id), token, wanted
        )

    @strawberry.mutation(description="Approve a requested return.", extensions=ORDERS)
    async def order_return_approve(
        self,
        info: AgoraInfo,
        return_id: ReturnId,
        note: Annotated[str, strawberry.argument(description="A note for it.")] = "",
    ) -> OrderReturnPayload:
        return await return_resolvers.order_return_decide(info, str(return_id), True, note)  # type: ignore[return-value]

    @strawberry.mutation(description="Reject a requested return.", extensions=ORDERS)
    async def order_return_reject(
        self,
        info: AgoraInfo,
        return_id: ReturnId,
        note: Annotated[str, strawberry.argument(description="Why.")] = "",
    ) -> OrderReturnPayload:
        return await return_resolvers.order_return_decide(info, str(return_id), False, note)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Receive an approved return's parcel, restocking its units or not, and "
        "refunding them now (`refund: true`) or later with orderRefund. The order is RETURNED "
        "once every delivered unit came back.",
        extensions=ORDERS,
    )
    async def order_return_receive(
        self,
        info: AgoraInfo,
        return_id: ReturnId,
        restock: Annotated[bool, strawberry.argument(description="Put the units back.")],
        refund: Annotated[
            bool,
            strawberry.argument(
                description="Refund the returned units in the same operation: what they were "
                "paid (tax and discounts included), never more than is captured and not yet "
                "refunded, through the gateways that took the money."
            ),
        ] = False,
    ) -> OrderReturnPayload:
        return await return_resolvers.order_return_receive(  # type: ignore[return-value]
            info, str(return_id), restock, refund
        )
