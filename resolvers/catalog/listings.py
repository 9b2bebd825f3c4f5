"""Publishing products on storefronts and pricing variants there (MANAGE_PRODUCTS)."""

from datetime import datetime
from typing import Any

from domain.catalog.listings import PriceInput, set_listing, set_variant_price
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of
from resolvers.payloads import Payload, mutate


async def listing_set(
    info: AgoraInfo,
    product_id: str,
    storefront_id: str,
    is_published: bool,
    available_from: datetime | None,
) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        product = decode_id_of(product_id, "Product", field="productId")
        storefront = decode_id_of(storefront_id, "Storefront", field="storefrontId")
        async with context.work() as uow:
            listing = await set_listing(
                uow,
                product,
                storefront,
                is_published=is_published,
                available_from=available_from,
                now=context.clock(),
            )
        return {"listing": listing}

    return await mutate(work)


async def price_set(
    info: AgoraInfo, variant_id: str, storefront_id: str, command: PriceInput
) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        variant = decode_id_of(variant_id, "ProductVariant", field="variantId")
        storefront = decode_id_of(storefront_id, "Storefront", field="storefrontId")
        async with context.work() as uow:
            price = await set_variant_price(uow, variant, storefront, command, context.clock())
        return {"price": price}

    return await mutate(work)
