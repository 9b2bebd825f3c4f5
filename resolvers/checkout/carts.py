"""Carts for storefront visitors and customers: read through a per-request quote, changed by
one domain function per mutation."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from domain.checkout import carts as domain
from domain.checkout.carts import Cart, CartDetails, DeliveryKind, LineInput
from domain.checkout.pricing import LineCost
from domain.checkout.quotes import CartQuote, QuotedLine, choose_delivery, quote_cart
from domain.errors import ErrorCode, NotFound, Unauthenticated, UserError
from domain.money import Money
from domain.payments.gift_cards import GiftCard
from domain.principals import CustomerPrincipal
from domain.storefronts import Storefront
from domain.unit_of_work import UnitOfWork
from resolvers.context import AgoraInfo, Context
from resolvers.ids import decode_global_id, decode_id_of
from resolvers.payloads import Payload, mutate

_DELIVERY_KINDS = {"ShippingMethod": DeliveryKind.SHIPPING, "Warehouse": DeliveryKind.PICKUP}


@dataclass(frozen=True)
class Shopper:
    storefront: Storefront
    customer_id: UUID | None


def shopper_of(context: Context) -> Shopper:
    """Carts live in a storefront: the request must carry its token."""
    if context.storefront is None:
        raise Unauthenticated("Send the storefront's token (Agora-Storefront-Token).")
    principal = context.principal
    customer = principal.customer_id if isinstance(principal, CustomerPrincipal) else None
    return Shopper(context.storefront, customer)


@dataclass(frozen=True)
class CartLineView:
    quoted: QuotedLine
    cost: LineCost | None  # None: the line cannot be priced now (see `problem`)


def line_views(quote: CartQuote) -> list[CartLineView]:
    costs = {cost.variant_id: cost for cost in quote.cost.lines}
    return [CartLineView(q, costs.get(q.line.variant_id)) for q in quote.lines]


@dataclass(frozen=True)
class AppliedCard:
    card: GiftCard
    applied: Money


def applied_cards(quote: CartQuote) -> list[AppliedCard]:
    paying = {card.id: amount for card, amount in quote.gift_card_payments}
    zero = Money(0, quote.cart.currency)
    return [AppliedCard(card, paying.get(card.id, zero)) for card in quote.reads.gift_cards]


async def quote_of(info: AgoraInfo, cart_id: UUID) -> CartQuote:
    """The cart as it stands, if the caller may see it."""
    shopper = shopper_of(info.context)
    quote = await info.context.loaders.cart_quote.load(cart_id)
    domain.check_access(
        None if quote is None else quote.cart, shopper.storefront, shopper.customer_id
    )
    assert quote is not None
    return quote


async def cart(info: AgoraInfo, id: str) -> CartQuote | None:
    try:
        return await quote_of(info, decode_id_of(id, "Cart"))
    except NotFound:
        return None


def _lines(lines: list[tuple[str, int]]) -> list[LineInput]:
    return [
        LineInput(decode_id_of(variant, "ProductVariant", field=f"lines.{i}.variantId"), quantity)
        for i, (variant, quantity) in enumerate(lines)
    ]


async def create(info: AgoraInfo, lines: list[tuple[str, int]], details: CartDetails) -> Payload:
    context = info.context
    shopper = shopper_of(context)

    async def work() -> dict[str, Any]:
        wanted = _lines(lines)
        async with context.work() as uow:
            created = await domain.create_cart(
                uow, shopper.storefront, shopper.customer_id, wanted, details, context.clock()
            )
            quote = await quote_cart(
                uow, created.cart, shopper.storefront, context.clock(), known=created
            )
            return {"cart": quote}

    return await mutate(work)


async def change(
    info: AgoraInfo,
    cart_id: str,
    apply: Callable[[UnitOfWork, Cart], Awaitable[Cart | CartQuote]],
) -> Payload:
    """Run one change on a cart the caller may use; answer with the cart as it is after (the
    change's own quote when it made one, else one read in the same unit of work)."""
    context = info.context
    shopper = shopper_of(context)

    async def work() -> dict[str, Any]:
        id = decode_id_of(cart_id, "Cart", field="cartId")
        async with context.work() as uow:
            found = domain.check_access(
                await uow.carts.get(id), shopper.storefront, shopper.customer_id
            )
            changed = await apply(uow, found)
            if isinstance(changed, Cart):
                changed = await quote_cart(uow, changed, shopper.storefront, context.clock())
        return {"cart": changed}

    return await mutate(work)


async def lines_add(info: AgoraInfo, cart_id: str, lines: list[tuple[str, int]]) -> Payload:
    now = info.context.clock()
    return await change(info, cart_id, lambda uow, c: domain.add_lines(uow, c, _lines(lines), now))


async def lines_update(info: AgoraInfo, cart_id: str, lines: list[tuple[str, int]]) -> Payload:
    now = info.context.clock()
    return await change(
        info, cart_id, lambda uow, c: domain.update_lines(uow, c, _lines(lines), now)
    )


async def lines_remove(info: AgoraInfo, cart_id: str, variant_ids: list[str]) -> Payload:
    now = info.context.clock()

    async def apply(uow: UnitOfWork, found: Cart) -> Cart:
        ids = [decode_id_of(v, "ProductVariant", field="variantIds") for v in variant_ids]
        return await domain.remove_lines(uow, found, ids, now)

    return await change(info, cart_id, apply)


async def update(info: AgoraInfo, cart_id: str, details: CartDetails) -> Payload:
    now = info.context.clock()
    return await change(info, cart_id, lambda uow, c: domain.update_details(uow, c, details, now))


async def delivery_set(info: AgoraInfo, cart_id: str, option_id: str) -> Payload:
    now = info.context.clock()
    storefront = shopper_of(info.context).storefront

    async def apply(uow: UnitOfWork, found: Cart) -> CartQuote:
        type_name, id = decode_global_id(option_id, field="deliveryOptionId")
        kind = _DELIVERY_KINDS.get(type_name)
        if kind is None:
            raise UserError(
                "Expected the ID of a delivery option.",
                field="deliveryOptionId",
                code=ErrorCode.INVALID_ID,
            )
        return await choose_delivery(uow, found, storefront, kind, id, now)

    return await change(info, cart_id, apply)


async def merge(info: AgoraInfo, cart_id: str) -> Payload:
    """A signed-in customer takes over a guest cart (merged into their own open cart)."""
    context = info.context
    shopper = shopper_of(context)
    customer_id = shopper.customer_id
    if customer_id is None:
        raise Unauthenticated("Sign in as a customer to keep this cart.")
    now = context.clock()
    return await change(
        info, cart_id, lambda uow, c: domain.merge_into_customer_cart(uow, c, customer_id, now)
    )


async def gift_card_add(info: AgoraInfo, cart_id: str, code: str) -> Payload:
    now = info.context.clock()
    return await change(info, cart_id, lambda uow, c: domain.add_gift_card(uow, c, code, now))


async def gift_card_remove(info: AgoraInfo, cart_id: str, gift_card_id: str) -> Payload:
    now = info.context.clock()

    async def apply(uow: UnitOfWork, found: Cart) -> Cart:
        card = decode_id_of(gift_card_id, "GiftCard", field="giftCardId")
        return await domain.remove_gift_card(uow, found, card, now)

    return await change(info, cart_id, apply)
