"""Products and variants: merchant mutations, and reads shaped by who is asking."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from domain.catalog.categories import Category, descendants
from domain.catalog.listings import ProductListing, VariantPrice
from domain.catalog.products import (
    MediaInput,
    Product,
    ProductInput,
    archive_product,
    create_product,
    update_product,
)
from domain.catalog.variants import (
    ProductVariant,
    VariantInput,
    archive_variant,
    create_variant,
    update_variant,
)
from domain.errors import UserError
from domain.money import Money
from resolvers.catalog.visibility import (
    is_member,
    product_visible,
    require_catalog_reader,
    visible_product,
)
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of
from resolvers.pagination import ConnectionData, PageArgs, connection, page_request, paginate
from resolvers.payloads import Payload, mutate
from resolvers.permissions import actor


@dataclass(frozen=True)
class ProductFields:
    """The product input as the client sent it (None: leave as it is)."""

    name: str | None = None
    slug: str | None = None
    description_html: str | None = None
    category_id: str | None = None
    set_category: bool = False
    seo_title: str | None = None
    seo_description: str | None = None
    tags: Sequence[str] | None = None
    metadata: Mapping[str, str] | None = None
    private_metadata: Mapping[str, str] | None = None
    media: Sequence[MediaInput] | None = None


def _command(info: AgoraInfo, fields: ProductFields) -> ProductInput:
    category = (
        decode_id_of(fields.category_id, "Category", field="categoryId")
        if fields.category_id is not None
        else None
    )
    return ProductInput(
        name=fields.name,
        slug=fields.slug,
        description_html=fields.description_html,
        category_id=category,
        set_category=fields.set_category,
        seo_title=fields.seo_title,
        seo_description=fields.seo_description,
        tags=fields.tags,
        metadata=fields.metadata,
        private_metadata=fields.private_metadata,
        media=fields.media,
        sanitize=info.context.sanitize_html,
    )


async def product_create(info: AgoraInfo, fields: ProductFields) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        command = _command(info, fields)
        async with context.work() as uow:
            product = await create_product(uow, actor(info).merchant_id, command, context.clock())
        return {"product": product}

    return await mutate(work)


async def product_update(info: AgoraInfo, id: str, fields: ProductFields) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        product_id = decode_id_of(id, "Product")
        command = _command(info, fields)
        async with context.work() as uow:
            product = await update_product(uow, product_id, command, context.clock())
        context.loaders.product.prime(product.id, product, force=True)
        return {"product": product}

    return await mutate(work)


async def product_archive(info: AgoraInfo, id: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        product_id = decode_id_of(id, "Product")
        async with context.work() as uow:
            product = await archive_product(uow, product_id, context.clock())
        context.loaders.product.prime(product.id, product, force=True)
        return {"product": product}

    return await mutate(work)


async def variant_create(info: AgoraInfo, product_id: str, command: VariantInput) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        owner = decode_id_of(product_id, "Product", field="productId")
        async with context.work() as uow:
            variant = await create_variant(uow, owner, command, context.clock())
        return {"variant": variant}

    return await mutate(work)


async def variant_update(info: AgoraInfo, id: str, command: VariantInput) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        variant_id = decode_id_of(id, "ProductVariant")
        async with context.work() as uow:
            variant = await update_variant(uow, variant_id, command, context.clock())
        context.loaders.variant.prime(variant.id, variant, force=True)
        return {"variant": variant}

    return await mutate(work)


async def variant_archive(info: AgoraInfo, id: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        variant_id = decode_id_of(id, "ProductVariant")
        async with context.work() as uow:
            variant = await archive_variant(uow, variant_id, context.clock())
        context.loaders.variant.prime(variant.id, variant, force=True)
        return {"variant": variant}

    return await mutate(work)


async def products(
    info: AgoraInfo, args: PageArgs, category_id: str | None, search: str | None
) -> ConnectionData[Product]:
    """Staff and apps: every product. Visitors: what their storefront publishes now."""
    context = info.context
    require_catalog_reader(context)
    if is_member(context) and category_id is None and not search:
        return await paginate(context.work(), lambda uow: uow.products, args)
    request = page_request(args.first, args.after, args.last, args.before)
    async with context.work() as uow:
        category_ids = None
        if category_id is not None:
            root = decode_id_of(category_id, "Category", field="categoryId")
            category_ids = descendants([root], await uow.categories.all())
        if context.storefront is None:
            raise UserError(
                "Filters apply to a storefront's listing: send its token to filter.",
                field="categoryId" if category_id is not None else "search",
            )
        page = await uow.products.published(
            context.storefront.id,
            context.clock(),
            request,
            category_ids=category_ids,
            search=(search or "").strip()[:200] or None,
        )
    return connection(page)


async def product_by(info: AgoraInfo, id: str | None, slug: str | None) -> Product | None:
    context = info.context
    require_catalog_reader(context)
    if id is not None:
        return await visible_product(context, decode_id_of(id, "Product"))
    if slug is None:
        raise UserError("Give the product's id or slug.", field="slug")
    async with context.work() as uow:
        product = await uow.products.by_slug(slug)
    return product if await product_visible(context, product) else None


async def category_of(info: AgoraInfo, product: Product) -> Category | None:
    if product.category_id is None:
        return None
    return await info.context.loaders.category.load(product.category_id)


async def variants_of(info: AgoraInfo, product: Product) -> list[ProductVariant]:
    return await info.context.loaders.variants_of_product.load(product.id)


async def price_of(info: AgoraInfo, variant: ProductVariant) -> VariantPrice | None:
    """The variant's price in the request's storefront (none without a storefront token)."""
    storefront = info.context.storefront
    if storefront is None:
        return None
    price = await info.context.loaders.price.load((variant.id, storefront.id))
    return price if price is not None and price.applies_in(storefront) else None


@dataclass(frozen=True)
class PriceRangeData:
    start: Money
    stop: Money


async def price_range_of(info: AgoraInfo, product: Product) -> PriceRangeData | None:
    storefront = info.context.storefront
    if storefront is None:
        return None
    variants = await variants_of(info, product)
    # load_many, not one await per variant: the loads must share a batch.
    found = await info.context.loaders.price.load_many([(v.id, storefront.id) for v in variants])
    prices = [p for p in found if p is not None and p.applies_in(storefront)]
    if not prices:
        return None
    amounts = sorted(p.amount for p in prices)
    currency = prices[0].currency
    return PriceRangeData(Money(amounts[0], currency), Money(amounts[-1], currency))


async def listings_of(info: AgoraInfo, product: Product) -> list[ProductListing]:
    return await info.context.loaders.listings_of_product.load(product.id)


async def prices_of(info: AgoraInfo, variant: ProductVariant) -> list[VariantPrice]:
    return await info.context.loaders.prices_of_variant.load(variant.id)
