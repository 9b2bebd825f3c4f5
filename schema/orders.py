"""Orders: completing checkout, the buyer's orders, a guest's order by token, the merchant's
order list and payment confirmation."""

from datetime import datetime
from typing import Annotated

import strawberry

from domain.checkout.completion import PaymentRequest
from domain.ids import encode_global_id
from domain.money import Money as MoneyValue
from domain.orders import orders as domain
from domain.orders.lifecycle import customer_status
from domain.orders.search import OrderQuery
from domain.payments import payments as payment_domain
from domain.payments.gift_cards import GiftCard as GiftCardValue
from domain.permissions import Permission as P
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of
from resolvers.orders import operations, sold_gift_cards
from resolvers.orders import orders as resolvers
from resolvers.pagination import PageArgs
from resolvers.permissions import requires
from schema.checkout.carts import MailingAddress, mailing_address
from schema.connections import After, Before, Connection, First, Last
from schema.errors import UserError
from schema.money import Money
from schema.node import Node, shows
from schema.order_fulfillments import Fulfillment, OrderReturn, OrderTimelineEntry, Refund

ORDERS = requires(P.MANAGE_ORDERS)


@strawberry.type(description="A gift card an order bought.")
class OrderGiftCard:
    last4: str = strawberry.field(description="The last 4 characters of its code.")
    masked_code: str = strawberry.field(description="The code as shown: ****-****-****-AB12.")
    initial_balance: Money = strawberry.field(description="What it is worth.")
    delivered_at: datetime | None = strawberry.field(
        description="When its code was emailed to the buyer."
    )

    @strawberry.field(
        description="The code, for the buyer only (in the storefront: the guest holding the "
        "order's token, or the signed-in customer); null for staff and API keys."
    )
    def code(self, root: GiftCardValue, info: AgoraInfo) -> str | None:
        return sold_gift_cards.code_for_buyer(info, root)


@strawberry.type(description="A line of an order: a snapshot taken at checkout.")
class OrderLine:
    @strawberry.field(description="The line's ID (to fulfill or refund units of it).")
    def id(self, root: domain.OrderLine) -> strawberry.ID:
        return strawberry.ID(encode_global_id("OrderLine", root.id))

    product_name: str = strawberry.field(description="The product's name then.")
    variant_name: str = strawberry.field(description="The variant's name then.")
    sku: str = strawberry.field(description="The SKU then.")
    quantity: int = strawberry.field(description="How many.")
    gift_card: bool = strawberry.field(description="A gift card: each unit issues one when paid.")
    quantity_fulfilled: int = strawberry.field(description="Units in fulfillments.")
    quantity_shipped: int = strawberry.field(description="Units shipped.")
    quantity_delivered: int = strawberry.field(description="Units delivered.")
    quantity_refunded: int = strawberry.field(description="Units refunded.")
    quantity_returned: int = strawberry.field(description="Units back in stock.")

    @strawberry.field(description="Price of one.")
    def unit_price(self, root: domain.OrderLine) -> Money:
        return MoneyValue(root.unit_price_amount, root.currency)  # type: ignore[return-value]

    @strawberry.field(description="Unit price x quantity.")
    def subtotal(self, root: domain.OrderLine) -> Money:
        return MoneyValue(root.subtotal_amount, root.currency)  # type: ignore[return-value]

    @strawberry.field(description="Discount on this line.")
    def discount(self, root: domain.OrderLine) -> Money:
        return MoneyValue(root.discount_amount, root.currency)  # type: ignore[return-value]

    @strawberry.field(description="Tax on this line.")
    def tax(self, root: domain.OrderLine) -> Money:
        return MoneyValue(root.tax_amount, root.currency)  # type: ignore[return-value]

    @strawberry.field(description="What this line added to the total.")
    def total(self, root: domain.OrderLine) -> Money:
        return MoneyValue(root.total_amount, root.currency)  # type: ignore[return-value]

    @strawberry.field(description="The tax rate applied, as a percentage string.")
    def tax_rate(self, root: domain.OrderLine) -> str:
        return f"{root.tax_rate_ppm / 10_000:g}"


@strawberry.type(description="Units of a line to be shipped from one warehouse.")
class FulfillmentLine:
    sku: str = strawberry.field(description="The line's SKU.")
    quantity: int = strawberry.field(description="Units from this warehouse.")


@strawberry.type(description="What one warehouse ships of the order (a parcel to prepare).")
class FulfillmentGroup:
    warehouse_name: str = strawberry.field(description="The warehouse.")
    lines: list[FulfillmentLine] = strawberry.field(description="What it ships.")


@strawberry.type(description="A change in a payment's history.")
class PaymentEvent:
    kind: str = strawberry.field(description="AUTHORIZE, CAPTURE, CONFIRM, VOID, REFUND, DECLINE.")
    success: bool = strawberry.field(description="Whether it went through.")
    reference: str = strawberry.field(description="The gateway's reference.")
    message: str = strawberry.field(description="The gateway's message, if any.")
    at: datetime = strawberry.field(description="When.")


@strawberry.type(description="A payment towards an order.")
@shows(payment_domain.Payment)
class Payment(Node):
    gateway: str = strawberry.field(description="dummy, cash_on_delivery, bank_transfer, ...")
    state: str = strawberry.field(
        description="PENDING, AUTHORIZED, CAPTURED, PARTIALLY_REFUNDED, REFUNDED, VOIDED."
    )
    reference: str = strawberry.field(description="The gateway's reference.")
    created_at: datetime = strawberry.field(description="When it was made.")

    @strawberry.field(description="What it was for.")
    def amount(self, root: payment_domain.Payment) -> Money:
        return root.money  # type: ignore[return-value]

    @strawberry.field(description="What has been captured.")
    def captured(self, root: payment_domain.Payment) -> Money:
        return MoneyValue(root.captured_amount, root.currency)  # type: ignore[return-value]

    @strawberry.field(description="What has been refunded.")
    def refunded(self, root: payment_domain.Payment) -> Money:
        return MoneyValue(root.refunded_amount, root.currency)  # type: ignore[return-value]

    @strawberry.field(description="Its history, oldest first.", extensions=ORDERS)
    async def events(
        self, root: payment_domain.Payment, info: AgoraInfo
    ) -> list[PaymentEvent] | None:
        return await info.context.loaders.events_of_payment.load(root.id)  # type: ignore[return-value]


@strawberry.type(description="How the order is delivered, as chosen at checkout.")
class OrderDelivery:
    kind: str = strawberry.field(
        description="SHIPPING, PICKUP or DIGITAL (gift cards only: their codes are emailed)."
    )
    name: str = strawberry.field(description="The method's (or pickup point's) name then.")
    price: Money = strawberry.field(description="What delivery cost.")
    pickup_address: str | None = strawberry.field(description="Where to collect it (pickup).")


@strawberry.type(description="An order: what was bought, for how much, and where it stands.")
@shows(domain.Order)
class Order(Node):
    number: int = strawberry.field(description="The merchant's order number (1, 2, ...).")
    status: str = strawberry.field(
        description="Where the merchant's work stands: UNPAID, PAID, ALLOCATED (units in "
        "fulfillments), PICKING, PACKED, PARTLY_SHIPPED, SHIPPED, DELIVERED, RETURNED, "
        "COMPLETED, ON_HOLD or CANCELLED (domain/orders/lifecycle.py)."
    )
    payment_status: str = strawberry.field(
        description="UNPAID, PAID, PARTIALLY_REFUNDED or REFUNDED."
    )
    fulfillment_status: str = strawberry.field(
        description="UNFULFILLED, PARTLY_SHIPPED, SHIPPED, PARTLY_DELIVERED or DELIVERED."
    )
    held_from: str | None = strawberry.field(description="The status it was held in (ON_HOLD).")
    email: str = strawberry.field(description="The buyer's email.")
    currency: str = strawberry.field(description="The order's currency.")
    storefront_name: str = strawberry.field(description="Where it was bought.")
    customer_note: str = strawberry.field(description="The buyer's note.")
    prices_include_tax: bool = strawberry.field(description="Whether prices included tax.")
    created_at: datetime = strawberry.field(description="When it was placed.")
    paid_at: datetime | None = strawberry.field(description="When it was paid in full.")
    expires_at: datetime | None = strawberry.field(
        description="When it is cancelled if still unpaid."
    )
    cancelled_at: datetime | None = strawberry.field(description="When it was cancelled.")

    @strawberry.field(description="Lines at their prices as bought.")
    def subtotal(self, root: domain.Order) -> Money:
        return root.money(root.subtotal_amount)  # type: ignore[return-value]

    @strawberry.field(description="Discounts.")
    def discount(self, root: domain.Order) -> Money:
        return root.money(root.discount_amount)  # type: ignore[return-value]

    @strawberry.field(description="Delivery.")
    def shipping(self, root: domain.Order) -> Money:
        return root.money(root.shipping_amount)  # type: ignore[return-value]

    @strawberry.field(
        description="What promotions took off the delivery (`shipping` is after it; "
        "`discount` covers the lines only)."
    )
    def shipping_discount(self, root: domain.Order) -> Money:
        return root.money(root.shipping_discount_amount)  # type: ignore[return-value]

    @strawberry.field(description="Tax.")
    def tax(self, root: domain.Order) -> Money:
        return root.money(root.tax_amount)  # type: ignore[return-value]

    @strawberry.field(description="What was charged.")
    def total(self, root: domain.Order) -> Money:
        return root.total  # type: ignore[return-value]

    @strawberry.field(
        description="What edits left to settle: positive, the customer owes it; negative, it "
        "is due back to them.",
        extensions=ORDERS,
    )
    def balance(self, root: domain.Order) -> Money | None:
        return root.money(root.balance_amount)  # type: ignore[return-value]

    @strawberry.field(description="Where it ships to.")
    def shipping_address(self, root: domain.Order) -> MailingAddress | None:
        return mailing_address(root.shipping_address)

    @strawberry.field(description="Where the bill went.")
    def billing_address(self, root: domain.Order) -> MailingAddress | None:
        return mailing_address(root.billing_address)

    @strawberry.field(description="How it is delivered.")
    def delivery(self, root: domain.Order) -> OrderDelivery:
        found = root.delivery
        house = found.get("warehouse")
        return OrderDelivery(
            kind=found["kind"],
            name=found["name"],
            price=root.money(found["amount"]),  # type: ignore[arg-type]
            pickup_address=None
            if house is None or found["kind"] != "PICKUP"
            else f"{house['street']}, {house['postalCode']} {house['city']}, {house['country']}",
        )

    @strawberry.field(description="What was bought.")
    async def lines(self, root: domain.Order, info: AgoraInfo) -> list[OrderLine]:
        return await resolvers.lines_of(info, root)  # type: ignore[return-value]

    @strawberry.field(description="Which warehouse ships what (one group per warehouse).")
    async def fulfillment_groups(
        self, root: domain.Order, info: AgoraInfo
    ) -> list[FulfillmentGroup]:
        allocations = await resolvers.allocations_of(info, root)
        lines = {line.id: line for line in await resolvers.lines_of(info, root)}
        return [
            FulfillmentGroup(
                warehouse_name=group.warehouse_name,
                lines=[
                    FulfillmentLine(sku=lines[a.order_line_id].sku, quantity=a.quantity)
                    for a in group.allocations
                ],
            )
            for group in resolvers.groups(allocations)
        ]

    @strawberry.field(description="Payments towards it.")
    async def payments(self, root: domain.Order, info: AgoraInfo) -> list[Payment]:
        return await resolvers.payments_of(info, root)  # type: ignore[return-value]

    @strawberry.field(description="Gift cards it bought (issued once it is paid).")
    async def gift_cards(self, root: domain.Order, info: AgoraInfo) -> list[OrderGiftCard]:
        return await sold_gift_cards.sold_on(info, root)  # type: ignore[return-value]

    @strawberry.field(
        description="What the buyer is shown: PLACED, PAID, PROCESSING, SHIPPED, DELIVERED, "
        "CANCELLED or RETURNED."
    )
    def customer_status(self, root: domain.Order) -> str:
        return customer_status(root.status, root.held_from).value

    @strawberry.field(description="Its parcels, with their tracking.")
    async def fulfillments(self, root: domain.Order, info: AgoraInfo) -> list[Fulfillment]:
        return await operations.fulfillments_of(info, root)  # type: ignore[return-value]

    @strawberry.field(description="Returns asked for.")
    async def returns(self, root: domain.Order, info: AgoraInfo) -> list[OrderReturn]:
        return await operations.returns_of(info, root)  # type: ignore[return-value]

    @strawberry.field(description="Money given back.")
    async def refunds(self, root: domain.Order, info: AgoraInfo) -> list[Refund]:
        return await operations.refunds_of(info, root)  # type: ignore[return-value]

    @strawberry.field(
        description="Every change to it, oldest first (`last` for the newest): who, when, "
        "what (staff only).",
        extensions=ORDERS,
    )
    async def timeline(
        self,
        root: domain.Order,
        info: AgoraInfo,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[OrderTimelineEntry]:
        args = PageArgs(first, after, last, before)
        return await operations.timeline_of(info, root, args)  # type: ignore[return-value]


@strawberry.input(description="How to pay what gift cards do not cover.")
class PaymentInput:
    gateway: str = strawberry.field(
        description="dummy, cash_on_delivery or bank_transfer (see `paymentGateways`)."
    )
    token: str | None = strawberry.field(
        default=None,
        description="The gateway's payment token (dummy: tok_success, tok_decline, tok_pending).",
    )


@strawberry.type(description="Result of checkoutComplete.")
class CheckoutCompletePayload:
    order: Order | None = strawberry.field(description="The order.")
    order_token: str | None = strawberry.field(
        description="Lets the buyer look the order up without an account (orderByToken)."
    )
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of paymentConfirm.")
class PaymentConfirmPayload:
    payment: Payment | None = strawberry.field(description="The payment.")
    order: Order | None = strawberry.field(description="Its order.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.input(description="Narrow the order list.")
class OrderFilter:
    status: str | None = strawberry.field(default=None, description="An order status.")
    payment_status: str | None = strawberry.field(
        default=None, description="UNPAID, PAID, PARTIALLY_REFUNDED, REFUNDED."
    )
    fulfillment_status: str | None = strawberry.field(
        default=None,
        description="UNFULFILLED, PARTLY_SHIPPED, SHIPPED, PARTLY_DELIVERED, DELIVERED.",
    )
    storefront_id: strawberry.ID | None = strawberry.field(default=None, description="Storefront.")
    customer_id: strawberry.ID | None = strawberry.field(default=None, description="Customer.")
    created_from: datetime | None = strawberry.field(
        default=None, description="Placed at or after."
    )
    created_until: datetime | None = strawberry.field(
        default=None, description="Placed at or before."
    )
    search: str | None = strawberry.field(
        default=None, description="An order number, part of the buyer's email, or a SKU."
    )

    def query(self) -> OrderQuery:
        return OrderQuery(
            status=self.status,
            payment_status=self.payment_status,
            fulfillment_status=self.fulfillment_status,
            storefront_id=None
            if self.storefront_id is None
            else decode_id_of(self.storefront_id, "Storefront", field="storefrontId"),
            customer_id=None
            if self.customer_id is None
            else decode_id_of(self.customer_id, "Customer", field="customerId"),
            created_from=self.created_from,
            created_until=self.created_until,
            search=None if self.search is None else self.search[:100],
        )


@strawberry.type
class OrderQueryFields:
    @strawberry.field(description="The merchant's orders, newest first.", extensions=ORDERS)
    async def orders(
        self,
        info: AgoraInfo,
        filter: Annotated[OrderFilter | None, strawberry.argument(description="Filters.")] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Order]:
        query = (filter or OrderFilter()).query()
        return await resolvers.search(info, PageArgs(first, after, last, before), query)  # type: ignore[return-value]

    @strawberry.field(description="A guest's order by the token checkout gave (storefront token).")
    async def order_by_token(
        self,
        info: AgoraInfo,
        token: Annotated[str, strawberry.argument(description="The order token.")],
    ) -> Order | None:
        return await resolvers.by_token(info, token)  # type: ignore[return-value]

    @strawberry.field(description="The payment gateways checkout accepts.")
    def payment_gateways(self, info: AgoraInfo) -> list[str]:
        return info.context.gateways.names


@strawberry.type
class OrderMutation:
    @strawberry.mutation(
        description="Check out the cart: validate, price, reserve stock, take the payment and "
        "create the order, all at once or not at all. Repeating it with the same idempotency "
        "key returns the same order and never charges twice."
    )
    async def checkout_complete(
        self,
        info: AgoraInfo,
        cart_id: Annotated[strawberry.ID, strawberry.argument(description="The cart's ID.")],
        idempotency_key: Annotated[
            str, strawberry.argument(description="A unique key per checkout attempt (1-200 chars).")
        ],
        payment: Annotated[
            PaymentInput | None, strawberry.argument(description="How to pay (not needed for 0).")
        ] = None,
    ) -> CheckoutCompletePayload:
        request = (
            PaymentRequest(None, None)
            if payment is None
            else PaymentRequest(payment.gateway, payment.token)
        )
        return await resolvers.checkout_complete(info, cart_id, idempotency_key, request)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Confirm a pending payment that arrived (bank transfer, cash on delivery, "
        "a pending card payment): the order becomes paid and takes its stock.",
        extensions=ORDERS,
    )
    async def payment_confirm(
        self,
        info: AgoraInfo,
        payment_id: Annotated[strawberry.ID, strawberry.argument(description="The payment.")],
    ) -> PaymentConfirmPayload:
        return await resolvers.payment_confirm(info, payment_id)  # type: ignore[return-value]
