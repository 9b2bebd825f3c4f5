"""Completing checkout, and reading orders: the buyer's own, a guest's by token, the merchant's."""

from dataclasses import dataclass
from typing import Any

from domain.checkout.carts import check_access
from domain.checkout.completion import PaymentRequest, complete_checkout
from domain.orders.orders import Order, OrderAllocation, OrderLine
from domain.orders.payment_confirmation import confirm_payment
from domain.orders.search import OrderQuery
from domain.payments.payments import Payment
from domain.principals import CustomerPrincipal
from resolvers.checkout.carts import shopper_of
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of
from resolvers.pagination import ConnectionData, PageArgs, connection, page_request
from resolvers.payloads import Payload, mutate


async def checkout_complete(
    info: AgoraInfo, cart_id: str, idempotency_key: str, payment: PaymentRequest
) -> Payload:
    context = info.context
    shopper = shopper_of(context)

    async def work() -> dict[str, Any]:
        id = decode_id_of(cart_id, "Cart", field="cartId")
        async with context.work() as uow:
            cart = check_access(await uow.carts.get(id), shopper.storefront, shopper.customer_id)
            order = await complete_checkout(
                uow, cart, shopper.storefront, shopper.customer_id, idempotency_key, payment,
                context.gateways, context.secret_sealer, context.clock(),
            )  # fmt: skip
        return {"order": order, "order_token": order.token}

    return await mutate(work)


async def by_token(info: AgoraInfo, token: str) -> Order | None:
    """A guest's order by the token shown at checkout, in the token's storefront's merchant."""
    shopper_of(info.context)
    token = token.strip()
    if not token or len(token) > 64:
        return None
    async with info.context.work() as uow:
        return await uow.orders.by_token(token)


async def of_customer(info: AgoraInfo, customer_id: Any, args: PageArgs) -> ConnectionData[Order]:
    request = page_request(args.first, args.after, args.last, args.before)
    async with info.context.work() as uow:
        return connection(await uow.orders.search(OrderQuery(customer_id=customer_id), request))


async def search(info: AgoraInfo, args: PageArgs, query: OrderQuery) -> ConnectionData[Order]:
    request = page_request(args.first, args.after, args.last, args.before)
    async with info.context.work() as uow:
        return connection(await uow.orders.search(query, request))


def visible_to(info: AgoraInfo, order: Order) -> bool:
    principal = info.context.principal
    if isinstance(principal, CustomerPrincipal):
        return order.customer_id == principal.customer_id
    return True


async def lines_of(info: AgoraInfo, order: Order) -> list[OrderLine]:
    return await info.context.loaders.lines_of_order.load(order.id)


async def allocations_of(info: AgoraInfo, order: Order) -> list[OrderAllocation]:
    return await info.context.loaders.allocations_of_order.load(order.id)


async def payments_of(info: AgoraInfo, order: Order) -> list[Payment]:
    return await info.context.loaders.payments_of_order.load(order.id)


async def order_of_cart(info: AgoraInfo, order_id: Any) -> Order | None:
    return None if order_id is None else await info.context.loaders.order.load(order_id)


async def payment_confirm(info: AgoraInfo, payment_id: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        id = decode_id_of(payment_id, "Payment", field="paymentId")
        async with context.work() as uow:
            payment, order = await confirm_payment(
                uow, id, context.gateways, context.secret_sealer, context.clock(), context.principal
            )
        return {"payment": payment, "order": order}

    return await mutate(work)


@dataclass(frozen=True)
class FulfillmentGroup:
    warehouse_id: Any
    warehouse_name: str
    allocations: list[OrderAllocation]


def groups(allocations: list[OrderAllocation]) -> list[FulfillmentGroup]:
    by_warehouse: dict[Any, list[OrderAllocation]] = {}
    for allocation in allocations:
        by_warehouse.setdefault(allocation.warehouse_id, []).append(allocation)
    return [
        FulfillmentGroup(warehouse, found[0].warehouse_name, found)
        for warehouse, found in by_warehouse.items()
    ]
