"""Draft orders: staff build an order for a customer (phone orders) and complete it. Drafts
are read and changed by staff with MANAGE_ORDERS only; no storefront token reaches them."""

from datetime import datetime
from typing import Annotated

import strawberry

from domain.permissions import Permission as P
from resolvers.checkout.carts import line_views
from resolvers.context import AgoraInfo
from resolvers.ids import encode_global_id
from resolvers.orders import drafts as resolvers
from resolvers.orders.drafts import DraftOrderView
from resolvers.pagination import PageArgs
from resolvers.payloads import user_error_data
from resolvers.permissions import requires
from schema.checkout.carts import (
    CartCost,
    CartDetailsInput,
    CartLine,
    CartLineInput,
    DeliveryOption,
    MailingAddress,
    mailing_address,
)
from schema.connections import After, Before, Connection, First, Last
from schema.errors import UserError
from schema.node import Node, shows
from schema.orders import Order

ORDERS = requires(P.MANAGE_ORDERS)


@strawberry.type(description="An order staff are building for a customer, priced like a cart.")
@shows(DraftOrderView)
class DraftOrder(Node):
    @strawberry.field(description="OPEN, or COMPLETED once it became an order.")
    def status(self, root: DraftOrderView) -> str:
        return root.quote.cart.status

    @strawberry.field(description="The buyer's email.")
    def email(self, root: DraftOrderView) -> str:
        return root.quote.cart.email

    @strawberry.field(description="The customer it is for (null: a guest).")
    def customer_id(self, root: DraftOrderView) -> strawberry.ID | None:
        customer = root.quote.cart.customer_id
        return None if customer is None else strawberry.ID(encode_global_id("Customer", customer))

    @strawberry.field(description="The storefront it is sold in (prices, currency, stock).")
    def storefront_id(self, root: DraftOrderView) -> strawberry.ID:
        return strawberry.ID(encode_global_id("Storefront", root.quote.cart.storefront_id))

    @strawberry.field(description="A note for the order.")
    def note(self, root: DraftOrderView) -> str:
        return root.quote.cart.note

    @strawberry.field(description="Its lines, oldest first.")
    def lines(self, root: DraftOrderView) -> list[CartLine]:
        return line_views(root.quote)  # type: ignore[return-value]

    @strawberry.field(description="What it costs now (as checkout will charge it).")
    def cost(self, root: DraftOrderView) -> CartCost:
        return root.quote.cost  # type: ignore[return-value]

    @strawberry.field(description="Where it ships to.")
    def shipping_address(self, root: DraftOrderView) -> MailingAddress | None:
        return mailing_address(root.quote.cart.shipping_address)

    @strawberry.field(description="Where the bill goes (the shipping address when empty).")
    def billing_address(self, root: DraftOrderView) -> MailingAddress | None:
        return mailing_address(root.quote.cart.billing_address)

    @strawberry.field(description="Delivery options for its address and contents.")
    def delivery_options(self, root: DraftOrderView) -> list[DeliveryOption]:
        return list(root.quote.options)  # type: ignore[arg-type]

    @strawberry.field(description="The chosen delivery option, if still offered.")
    def selected_delivery_option(self, root: DraftOrderView) -> DeliveryOption | None:
        return root.quote.delivery  # type: ignore[return-value]

    @strawberry.field(description="What must be fixed before it can be completed.")
    def problems(self, root: DraftOrderView) -> list[UserError]:
        return [user_error_data(e) for e in root.quote.problems()]  # type: ignore[misc]

    @strawberry.field(description="When it was started.")
    def created_at(self, root: DraftOrderView) -> datetime:
        return root.quote.cart.created_at


@strawberry.input(description="Details of a draft order; omitted fields stay as they are.")
class DraftOrderInput(CartDetailsInput):
    customer_id: strawberry.ID | None = strawberry.field(
        default=None, description="The customer it is for (their email, unless one is given)."
    )


@strawberry.input(description="A new draft order.")
class DraftOrderCreateInput(DraftOrderInput):
    storefront_id: strawberry.ID = strawberry.field(
        description="The storefront it is sold in (its prices, currency and warehouses)."
    )
    lines: list[CartLineInput] = strawberry.field(
        default_factory=list, description="What to put in it."
    )


@strawberry.type(description="Result of a draft order mutation.")
class DraftOrderPayload:
    draft_order: DraftOrder | None = strawberry.field(description="The draft as it is now.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of draftOrderComplete.")
class DraftOrderCompletePayload:
    order: Order | None = strawberry.field(description="The order the draft became.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of draftOrderDelete.")
class DraftOrderDeletePayload:
    deleted_id: strawberry.ID | None = strawberry.field(description="The deleted draft's ID.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


Id = Annotated[strawberry.ID, strawberry.argument(description="The draft order's ID.")]
Lines = Annotated[list[CartLineInput], strawberry.argument(description="Variants and quantities.")]


def _pairs(lines: list[CartLineInput]) -> list[tuple[str, int]]:
    return [(str(line.variant_id), line.quantity) for line in lines]


@strawberry.type
class DraftOrderQuery:
    @strawberry.field(description="Open draft orders.", extensions=ORDERS)
    async def draft_orders(
        self,
        info: AgoraInfo,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[DraftOrder]:
        return await resolvers.search(info, PageArgs(first, after, last, before))  # type: ignore[return-value]


@strawberry.type
class DraftOrderMutation:
    @strawberry.mutation(description="Start a draft order for a customer.", extensions=ORDERS)
    async def draft_order_create(
        self,
        info: AgoraInfo,
        input: Annotated[DraftOrderCreateInput, strawberry.argument(description="The draft.")],
    ) -> DraftOrderPayload:
        customer = None if input.customer_id is None else str(input.customer_id)
        return await resolvers.create(  # type: ignore[return-value]
            info, str(input.storefront_id), customer, _pairs(input.lines), input.details()
        )

    @strawberry.mutation(
        description="Change a draft's customer, email, addresses, note or codes.",
        extensions=ORDERS,
    )
    async def draft_order_update(
        self,
        info: AgoraInfo,
        id: Id,
        input: Annotated[DraftOrderInput, strawberry.argument(description="The changes.")],
    ) -> DraftOrderPayload:
        customer = None if input.customer_id is None else str(input.customer_id)
        return await resolvers.update(  # type: ignore[return-value]
            info, id, input.details(), customer, input.customer_id is not None
        )

    @strawberry.mutation(description="Add lines to a draft.", extensions=ORDERS)
    async def draft_order_lines_add(
        self, info: AgoraInfo, id: Id, lines: Lines
    ) -> DraftOrderPayload:
        return await resolvers.lines_add(info, id, _pairs(lines))  # type: ignore[return-value]

    @strawberry.mutation(
        description="Set a draft's quantities (0 removes a line).", extensions=ORDERS
    )
    async def draft_order_lines_update(
        self, info: AgoraInfo, id: Id, lines: Lines
    ) -> DraftOrderPayload:
        return await resolvers.lines_update(info, id, _pairs(lines))  # type: ignore[return-value]

    @strawberry.mutation(description="Remove variants from a draft.", extensions=ORDERS)
    async def draft_order_lines_remove(
        self,
        info: AgoraInfo,
        id: Id,
        variant_ids: Annotated[
            list[strawberry.ID], strawberry.argument(description="The variants to remove.")
        ],
    ) -> DraftOrderPayload:
        return await resolvers.lines_remove(info, id, [str(v) for v in variant_ids])  # type: ignore[return-value]

    @strawberry.mutation(
        description="Choose a draft's shipping method or pickup point (one it is offered).",
        extensions=ORDERS,
    )
    async def draft_order_delivery_option_set(
        self,
        info: AgoraInfo,
        id: Id,
        delivery_option_id: Annotated[
            strawberry.ID, strawberry.argument(description="A `deliveryOptions` ID.")
        ],
    ) -> DraftOrderPayload:
        return await resolvers.delivery_set(info, id, str(delivery_option_id))  # type: ignore[return-value]

    @strawberry.mutation(
        description="Turn the draft into an order, priced and stocked exactly as checkout "
        "does: UNPAID with its payment to collect through a manual gateway (bank_transfer, "
        "cash_on_delivery), or paid at once with `markPaid`.",
        extensions=ORDERS,
    )
    async def draft_order_complete(
        self,
        info: AgoraInfo,
        id: Id,
        gateway: Annotated[
            str, strawberry.argument(description="bank_transfer or cash_on_delivery.")
        ],
        mark_paid: Annotated[
            bool, strawberry.argument(description="Staff already took the money.")
        ] = False,
    ) -> DraftOrderCompletePayload:
        return await resolvers.complete(info, id, gateway, mark_paid)  # type: ignore[return-value]

    @strawberry.mutation(description="Delete a draft not yet completed.", extensions=ORDERS)
    async def draft_order_delete(self, info: AgoraInfo, id: Id) -> DraftOrderDeletePayload:
        return await resolvers.delete(info, id)  # type: ignore[return-value]
