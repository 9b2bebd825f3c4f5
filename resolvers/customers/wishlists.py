"""A customer's wishlists, and a shared one read through its link token."""

from typing import Any

from domain.catalog.variants import ProductVariant
from domain.customers.accounts import Customer
from domain.customers.wishlists import (
    Offer,
    Wishlist,
    WishlistItem,
    add_item,
    back_in_stock,
    create_wishlist,
    delete_wishlist,
    on_sale,
    remove_item,
    rename_wishlist,
    share_wishlist,
    shared_wishlist,
)
from domain.errors import ErrorCode, UserError
from resolvers.catalog import variant_facts
from resolvers.catalog.visibility import visible_variant
from resolvers.context import AgoraInfo
from resolvers.customers.accounts import storefront_merchant
from resolvers.ids import decode_id_of, encode_global_id
from resolvers.payloads import Payload, mutate
from resolvers.permissions import shopper


async def offer_of(info: AgoraInfo, variant: ProductVariant) -> Offer | None:
    """What the request's storefront offers the variant at now (None: no storefront)."""
    if info.context.storefront is None:
        return None
    await variant_facts.learn(info, [variant])
    facts = info.context.variant_facts[variant.id]
    price = facts.price
    return Offer(
        price=None if price is None else price.price,
        compare_at_price=None if price is None else price.compare_at_price,
        in_stock=None if facts.available is None else facts.available > 0,
    )


async def wishlist_create(info: AgoraInfo, name: str) -> Payload:
    context = info.context
    principal = shopper(info)

    async def work() -> dict[str, Any]:
        async with context.work() as uow:
            wishlist = await create_wishlist(
                uow, principal.merchant_id, principal.customer_id, name, context.clock()
            )
        return {"wishlist": wishlist}

    return await mutate(work)


async def wishlist_rename(info: AgoraInfo, id: str, name: str) -> Payload:
    context = info.context
    principal = shopper(info)

    async def work() -> dict[str, Any]:
        wishlist_id = decode_id_of(id, "Wishlist")
        async with context.work() as uow:
            wishlist = await rename_wishlist(
                uow, principal.customer_id, wishlist_id, name, context.clock()
            )
        return {"wishlist": wishlist}

    return await mutate(work)


async def wishlist_delete(info: AgoraInfo, id: str) -> Payload:
    context = info.context
    principal = shopper(info)

    async def work() -> dict[str, Any]:
        wishlist_id = decode_id_of(id, "Wishlist")
        async with context.work() as uow:
            await delete_wishlist(uow, principal.customer_id, wishlist_id)
        return {"deleted_id": encode_global_id("Wishlist", wishlist_id)}

    return await mutate(work)


async def wishlist_share(info: AgoraInfo, id: str, shared: bool) -> Payload:
    context = info.context
    principal = shopper(info)

    async def work() -> dict[str, Any]:
        wishlist_id = decode_id_of(id, "Wishlist")
        async with context.work() as uow:
            wishlist = await share_wishlist(
                uow, principal.customer_id, wishlist_id, shared, context.clock()
            )
        return {"wishlist": wishlist}

    return await mutate(work)


async def _visible_variant(info: AgoraInfo, id: str) -> ProductVariant:
    variant = await visible_variant(
        info.context, decode_id_of(id, "ProductVariant", field="variantId")
    )
    if variant is None:
        raise UserError("No variant with this id.", field="variantId", code=ErrorCode.NOT_FOUND)
    return variant


async def wishlist_item_add(info: AgoraInfo, wishlist_id: str, variant_id: str) -> Payload:
    context = info.context
    principal = shopper(info)

    async def work() -> dict[str, Any]:
        list_id = decode_id_of(wishlist_id, "Wishlist", field="wishlistId")
        variant = await _visible_variant(info, variant_id)
        offer = await offer_of(info, variant)
        async with context.work() as uow:
            wishlist = await add_item(
                uow, principal.customer_id, list_id, variant.id, offer, context.clock()
            )
        return {"wishlist": wishlist}

    return await mutate(work)


async def wishlist_item_remove(info: AgoraInfo, wishlist_id: str, variant_id: str) -> Payload:
    context = info.context
    principal = shopper(info)

    async def work() -> dict[str, Any]:
        list_id = decode_id_of(wishlist_id, "Wishlist", field="wishlistId")
        variant = decode_id_of(variant_id, "ProductVariant", field="variantId")
        async with context.work() as uow:
            wishlist = await remove_item(
                uow, principal.customer_id, list_id, variant, context.clock()
            )
        return {"wishlist": wishlist}

    return await mutate(work)


async def shared(info: AgoraInfo, token: str) -> Wishlist | None:
    """A shared list by its link token, for anyone with a storefront token of its merchant."""
    context = info.context
    storefront_merchant(context)
    async with context.work() as uow:
        return await shared_wishlist(uow, token.strip()[:100])


async def wishlists_of(info: AgoraInfo, customer: Customer) -> list[Wishlist]:
    return await info.context.loaders.wishlists_of_customer.load(customer.id)


async def items_of(info: AgoraInfo, wishlist: Wishlist) -> list[WishlistItem]:
    return await info.context.loaders.items_of_wishlist.load(wishlist.id)


async def variant_of(info: AgoraInfo, item: WishlistItem) -> ProductVariant | None:
    """The variant, if the viewer's storefront still shows it (archived or unpublished: null)."""
    return await visible_variant(info.context, item.variant_id)


async def item_news(info: AgoraInfo, item: WishlistItem) -> tuple[bool, bool]:
    """(back in stock, on sale) in the viewer's storefront; both false without one."""
    variant = await variant_of(info, item)
    offer = None if variant is None else await offer_of(info, variant)
    if offer is None:
        return False, False
    return back_in_stock(item, offer), on_sale(item, offer)
