"""Draft orders (staff with MANAGE_ORDERS): each mutation finds the draft, calls one domain
function, and answers with the draft as it stands (its quote, priced like any cart)."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from domain.checkout import carts as cart_domain
from domain.checkout.carts import Cart, CartDetails, DeliveryKind, LineInput
from domain.checkout.quotes import CartQuote, choose_delivery, quote_cart
from domain.errors import ErrorCode, UserError
from domain.orders import drafts as domain
from domain.storefronts import Storefront
from domain.unit_of_work import UnitOfWork
from resolvers.context import AgoraInfo, Context
from resolvers.ids import decode_global_id, decode_id_of
from resolvers.pagination import ConnectionData, EdgeData, PageArgs, connection, page_request
from resolvers.payloads import Payload, mutate

_DELIVERY_KINDS = {"ShippingMethod": DeliveryKind.SHIPPING, "Warehouse": DeliveryKind.PICKUP}


@dataclass(frozen=True)
class DraftOrderView:
    """A draft as staff see it: its cart's quote, under its own Node type."""

    quote: CartQuote

    @property
    def id(self) -> UUID:
        return self.quote.cart.id


async def draft_node(context: Context, id: UUID) -> DraftOrderView | None:
    quote = await context.loaders.cart_quote.load(id)
    return DraftOrderView(quote) if quote is not None and quote.cart.is_draft else None


def _lines(lines: list[tuple[str, int]]) -> list[LineInput]:
    return [
        LineInput(decode_id_of(variant, "ProductVariant", field=f"lines.{i}.variantId"), quantity)
        for i, (variant, quantity) in enumerate(lines)
    ]


def _customer(customer_id: str | None) -> UUID | None:
    return (
        None if customer_id is None else decode_id_of(customer_id, "Customer", field="customerId")
    )


async def create(
    info: AgoraInfo,
    storefront_id: str,
    customer_id: str | None,
    lines: list[tuple[str, int]],
    details: CartDetails,
) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        storefront = decode_id_of(storefront_id, "Storefront", field="storefrontId")
        customer, wanted, now = _customer(customer_id), _lines(lines), context.clock()
        async with context.work() as uow:
            created = await domain.create_draft(uow, storefront, customer, wanted, details, now)
            found = await uow.storefronts.get(created.cart.storefront_id)
            assert found is not None
            quote = await quote_cart(uow, created.cart, found, now, known=created)
        return {"draft_order": DraftOrderView(quote)}

    return await mutate(work)


Change = Callable[[UnitOfWork, Cart, Storefront], Awaitable[Cart | CartQuote]]


async def change(info: AgoraInfo, id: str, apply: Change) -> Payload:
    """Run one change on a draft; answer with the draft as it is after."""
    context = info.context

    async def work() -> dict[str, Any]:
        draft_id = decode_id_of(id, "DraftOrder")
        async with context.work() as uow:
            draft, storefront = await domain.draft_of(uow, draft_id)
            changed = await apply(uow, draft, storefront)
            if isinstance(changed, Cart):
                changed = await quote_cart(uow, changed, storefront, context.clock())
        return {"draft_order": DraftOrderView(changed)}

    return await mutate(work)


async def update(
    info: AgoraInfo, id: str, details: CartDetails, customer_id: str | None, set_customer: bool
) -> Payload:
    now = info.context.clock()

    async def apply(uow: UnitOfWork, draft: Cart, _storefront: Storefront) -> Cart:
        if set_customer:
            await domain.set_customer(uow, draft, _customer(customer_id), now)
        return await cart_domain.update_details(uow, draft, details, now)  # commits both

    return await change(info, id, apply)


async def delivery_set(info: AgoraInfo, id: str, option_id: str) -> Payload:
    now = info.context.clock()

    async def apply(uow: UnitOfWork, draft: Cart, storefront: Storefront) -> CartQuote:
        kind, option = _delivery_option(option_id)
        return await choose_delivery(uow, draft, storefront, kind, option, now)

    return await change(info, id, apply)


def _delivery_option(option_id: str) -> tuple[DeliveryKind, UUID]:
    type_name, id = decode_global_id(option_id, field="deliveryOptionId")
    kind = _DELIVERY_KINDS.get(type_name)
    if kind is None:
        raise UserError(
            "Expected the ID of a delivery option.",
            field="deliveryOptionId",
            code=ErrorCode.INVALID_ID,
        )
    return kind, id


async def lines_add(info: AgoraInfo, id: str, lines: list[tuple[str, int]]) -> Payload:
    now = info.context.clock()
    return await change(
        info, id, lambda uow, d, _s: cart_domain.add_lines(uow, d, _lines(lines), now)
    )


async def lines_update(info: AgoraInfo, id: str, lines: list[tuple[str, int]]) -> Payload:
    now = info.context.clock()
    return await change(
        info, id, lambda uow, d, _s: cart_domain.update_lines(uow, d, _lines(lines), now)
    )


async def lines_remove(info: AgoraInfo, id: str, variant_ids: list[str]) -> Payload:
    now = info.context.clock()

    async def apply(uow: UnitOfWork, draft: Cart, _storefront: Storefront) -> Cart:
        ids = [decode_id_of(v, "ProductVariant", field="variantIds") for v in variant_ids]
        return await cart_domain.remove_lines(uow, draft, ids, now)

    return await change(info, id, apply)


async def complete(info: AgoraInfo, id: str, gateway: str, mark_paid: bool) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        draft_id = decode_id_of(id, "DraftOrder")
        async with context.work() as uow:
            draft, storefront = await domain.draft_of(uow, draft_id)
            order = await domain.complete_draft(
                uow, draft, storefront, gateway, mark_paid, context.gateways,
                context.secret_sealer, context.clock(), context.principal,
            )  # fmt: skip
        return {"order": order}

    return await mutate(work)


async def delete(info: AgoraInfo, id: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        draft_id = decode_id_of(id, "DraftOrder")
        async with context.work() as uow:
            draft, _storefront = await domain.draft_of(uow, draft_id)
            await domain.delete_draft(uow, draft)
        return {"deleted_id": id}

    return await mutate(work)


async def search(info: AgoraInfo, args: PageArgs) -> ConnectionData[DraftOrderView]:
    request = page_request(args.first, args.after, args.last, args.before)
    async with info.context.work() as uow:
        page = connection(await uow.carts.drafts(request))
    quotes = await info.context.loaders.cart_quote.load_many([e.node.id for e in page.edges])
    edges = [
        EdgeData(edge.cursor, DraftOrderView(quote))
        for edge, quote in zip(page.edges, quotes, strict=True)
        if quote is not None
    ]
    return ConnectionData(edges, page.page_info)
