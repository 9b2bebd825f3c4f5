"""Order editing: staff change an order's lines and discount before it ships, seeing first
(`dryRun`) what it will cost and what to charge or refund."""

from typing import Annotated

import strawberry

from domain.money import Money as MoneyValue
from domain.orders.editing import EditResult
from domain.orders.repricing import PlannedLine
from domain.permissions import Permission as P
from resolvers.context import AgoraInfo
from resolvers.orders import editing as resolvers
from resolvers.permissions import requires
from schema.errors import UserError
from schema.money import Money
from schema.orders import Order

ORDERS = requires(P.MANAGE_ORDERS)


@strawberry.input(description="A line of the order as it should be after the edit.")
class OrderLineEditInput:
    variant_id: strawberry.ID = strawberry.field(
        description="The variant (one not on the order adds a line)."
    )
    quantity: int = strawberry.field(description="Its new quantity; 0 removes the line.")


@strawberry.input(description="What to change on an order; what is not named stays.")
class OrderEditInput:
    lines: list[OrderLineEditInput] = strawberry.field(
        default_factory=list, description="Lines to add, change or remove (each variant once)."
    )
    discount: str | None = strawberry.field(
        default=None,
        description='Staff\'s discount on the whole order, in its currency ("5.00"; "0" '
        "removes it; null leaves it as it is). It is split over the lines.",
    )


@strawberry.type(description="A line of the order as the edit makes it.")
class OrderEditLine:
    @strawberry.field(description="The SKU.")
    def sku(self, root: PlannedLine) -> str:
        return root.source.sku if root.source else root.offer.sku if root.offer else ""

    @strawberry.field(description="The product's name.")
    def product_name(self, root: PlannedLine) -> str:
        source, offer = root.source, root.offer
        return source.product_name if source else offer.product_name if offer else ""

    @strawberry.field(description="How many.")
    def quantity(self, root: PlannedLine) -> int:
        return root.quantity

    @strawberry.field(description="Price of one (as bought; a new line: the current price).")
    def unit_price(self, root: PlannedLine) -> Money:
        return root.cost.unit_price  # type: ignore[return-value]

    @strawberry.field(description="Discounts on this line (promotions and staff's share).")
    def discount(self, root: PlannedLine) -> Money:
        return root.cost.discount  # type: ignore[return-value]

    @strawberry.field(description="Tax on this line.")
    def tax(self, root: PlannedLine) -> Money:
        return root.cost.tax  # type: ignore[return-value]

    @strawberry.field(description="What this line adds to the total.")
    def total(self, root: PlannedLine) -> Money:
        return root.cost.total  # type: ignore[return-value]


@strawberry.type(description="The order as the edit makes it, and what to charge or refund.")
class OrderEditResult:
    @strawberry.field(description="True: saved; false: a dry run, nothing changed.")
    def committed(self, root: EditResult) -> bool:
        return root.committed

    @strawberry.field(description="The lines after the edit.")
    def lines(self, root: EditResult) -> list[OrderEditLine]:
        return list(root.repriced.lines)  # type: ignore[arg-type]

    @strawberry.field(description="Lines at their prices.")
    def subtotal(self, root: EditResult) -> Money:
        return root.repriced.cost.subtotal  # type: ignore[return-value]

    @strawberry.field(description="Discounts.")
    def discount(self, root: EditResult) -> Money:
        return root.repriced.cost.discount  # type: ignore[return-value]

    @strawberry.field(description="Delivery.")
    def shipping(self, root: EditResult) -> Money:
        return root.repriced.cost.shipping  # type: ignore[return-value]

    @strawberry.field(description="Tax.")
    def tax(self, root: EditResult) -> Money:
        return root.repriced.cost.tax  # type: ignore[return-value]

    @strawberry.field(description="The new total.")
    def total(self, root: EditResult) -> Money:
        return root.repriced.cost.total  # type: ignore[return-value]

    @strawberry.field(
        description="The new total less the old: positive, the customer owes it; negative, "
        "it is due back to them."
    )
    def difference(self, root: EditResult) -> Money:
        return root.repriced.difference  # type: ignore[return-value]

    @strawberry.field(description="The order's balance after the edit (see `Order.balance`).")
    def balance(self, root: EditResult) -> Money:
        return MoneyValue(root.balance, root.repriced.order.currency)  # type: ignore[return-value]


@strawberry.type(description="Result of orderEdit.")
class OrderEditPayload:
    order: Order | None = strawberry.field(description="The order (unchanged after a dry run).")
    edit: OrderEditResult | None = strawberry.field(description="What the edit makes of it.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type
class OrderEditingMutation:
    @strawberry.mutation(
        description="Change an order before it ships: add, remove or change lines and give a "
        "discount on the whole order. It is priced as checkout prices, its stock moves by "
        "exactly the difference, and the difference to charge or refund is added to its "
        "balance. With `dryRun` nothing changes: see the result first.",
        extensions=ORDERS,
    )
    async def order_edit(
        self,
        info: AgoraInfo,
        id: Annotated[strawberry.ID, strawberry.argument(description="The order's ID.")],
        input: Annotated[OrderEditInput, strawberry.argument(description="The changes.")],
        dry_run: Annotated[
            bool, strawberry.argument(description="Only show the result; change nothing.")
        ] = False,
    ) -> OrderEditPayload:
        lines = [(str(line.variant_id), line.quantity) for line in input.lines]
        return await resolvers.order_edit(info, id, lines, input.discount, dry_run)  # type: ignore[return-value]
