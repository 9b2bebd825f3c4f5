"""Who sees which part of the catalog.

A merchant's staff and apps see the whole catalog (archived products included, marked as such).
A storefront visitor sees only products published on its storefront and available now, their
live variants, and that storefront's prices.
"""

from uuid import UUID

from domain.catalog.products import Product
from domain.catalog.variants import ProductVariant
from domain.errors import Unauthenticated
from domain.principals import AppPrincipal, StaffPrincipal
from resolvers.context import Context


def is_member(context: Context) -> bool:
    return isinstance(context.principal, StaffPrincipal | AppPrincipal)


def require_catalog_reader(context: Context) -> None:
    if not is_member(context) and context.storefront is None:
        raise Unauthenticated("Send a storefront token (or sign in) to read the catalog.")


async def product_visible(context: Context, product: Product | None) -> bool:
    if product is None:
        return False
    if is_member(context):
        return True
    if context.storefront is None or product.is_archived:
        return False
    listing = await context.loaders.listing.load((product.id, context.storefront.id))
    return listing is not None and listing.visible_at(context.clock())


async def visible_product(context: Context, product_id: UUID) -> Product | None:
    product = await context.loaders.product.load(product_id)
    return product if await product_visible(context, product) else None


async def visible_variant(context: Context, variant_id: UUID) -> ProductVariant | None:
    variant = await context.loaders.variant.load(variant_id)
    if variant is None:
        return None
    if is_member(context):
        return variant
    if variant.archived_at is not None:
        return None
    return variant if await visible_product(context, variant.product_id) else None
