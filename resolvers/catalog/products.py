"""Products and variants: merchant mutations, and reads shaped by who is asking."""

from collections import OrderedDict
from collections.abc import Awaitable, Mapping, Sequence
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import Any

from strawberry.types.nodes import SelectedField

from domain.catalog.categories import Category
from domain.catalog.facets import (
    AttributeFacet,
    CategoryCount,
    PriceBucket,
    attribute_facets,
    category_facets,
    price_buckets,
)
from domain.catalog.listings import ProductListing, VariantPrice
from domain.catalog.product_search import ProductFilterInput, product_query
from domain.catalog.products import (
    MediaInput,
    Product,
    ProductInput,
    archive_product,
    create_product,
    update_product,
)
from domain.catalog.variants import (
    VariantInput,
    VariantView,
    archive_variant,
    create_variant,
    update_variant,
)
from domain.errors import UserError
from domain.money import Money
from domain.storefronts import Storefront
from resolvers.catalog import variant_facts
from resolvers.catalog.attributes import AttributeValueFields, value_inputs
from resolvers.catalog.visibility import (
    product_visible,
    require_catalog_reader,
    visible_product,
)
from resolvers.context import AgoraInfo, Context
from resolvers.ids import decode_id_of
from resolvers.pagination import ConnectionData, PageArgs, connection, page_request
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
    product_type_id: str | None = None
    attributes: Sequence[AttributeValueFields] | None = None
    tax_class_id: str | None = None
    set_tax_class: bool = False


def product_command(info: AgoraInfo, fields: ProductFields) -> ProductInput:
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
        product_type_id=(
            None
            if fields.product_type_id is None
            else decode_id_of(fields.product_type_id, "ProductType", field="productTypeId")
        ),
        attributes=value_inputs(fields.attributes),
        sanitize=info.context.sanitize_html,
        tax_class_id=(
            decode_id_of(fields.tax_class_id, "TaxClass", field="taxClassId")
            if fields.set_tax_class and fields.tax_class_id is not None
            else None
        ),
        set_tax_class=fields.set_tax_class,
    )


def variant_command(
    info: AgoraInfo, command: VariantInput, attributes: Sequence[AttributeValueFields] | None
) -> VariantInput:
    return replace(
        command, attributes=value_inputs(attributes), sanitize=info.context.sanitize_html
    )


async def product_create(info: AgoraInfo, fields: ProductFields) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        command = product_command(info, fields)
        async with context.work() as uow:
            product = await create_product(uow, actor(info).merchant_id, command, context.clock())
        return {"product": product}

    return await mutate(work)


async def product_update(info: AgoraInfo, id: str, fields: ProductFields) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        product_id = decode_id_of(id, "Product")
        command = product_command(info, fields)
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


async def variant_create(
    info: AgoraInfo,
    product_id: str,
    command: VariantInput,
    attributes: Sequence[AttributeValueFields] | None,
) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        owner = decode_id_of(product_id, "Product", field="productId")
        full = variant_command(info, command, attributes)
        async with context.work() as uow:
            variant = await create_variant(uow, owner, full, context.clock())
        return {"variant": variant}

    return await mutate(work)


async def variant_update(
    info: AgoraInfo,
    id: str,
    command: VariantInput,
    attributes: Sequence[AttributeValueFields] | None,
) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        variant_id = decode_id_of(id, "ProductVariant")
        full = variant_command(info, command, attributes)
        async with context.work() as uow:
            variant = await update_variant(uow, variant_id, full, context.clock())
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
    info: AgoraInfo, args: PageArgs, wanted: ProductFilterInput
) -> ConnectionData[Product]:
    """Staff and apps: every product. Visitors: what their storefront publishes now."""
    context = info.context
    storefront = _listing_storefront(context)
    request = page_request(args.first, args.after, args.last, args.before)
    asked = _product_fields_asked(info)
    async with context.reading() as uow:
        query = await product_query(uow, storefront, wanted, context.clock())
        found = await uow.products.listing(query, request, with_categories="category" in asked)
    loaders = context.loaders
    for product in found.page.items:  # what its variants' fields look up, known already
        loaders.product.prime(product.id, product)
    for category in found.categories:
        loaders.category.prime(category.id, category)
    if not asked.isdisjoint(_VARIANT_FIELDS):
        await variant_facts.learn_products(info, [product.id for product in found.page.items])
    return connection(found.page)


# Product fields answered from its variants (and their storefront facts).
_VARIANT_FIELDS = frozenset({"variants", "priceRange"})


def _product_fields_asked(info: AgoraInfo) -> frozenset[str]:
    """The fields a page's products are asked for (through `nodes` or `edges { node }`,
    fragments included): worked out once per document (the same parsed document comes back
    for the same text), since reading a selection costs more than the rest of the resolver."""
    node = info._raw_info.field_nodes[0]
    known = _ASKED.get(id(node))
    if known is not None and known[0] is node:
        _ASKED.move_to_end(id(node))
        return known[1]
    page = [child for field in info.selected_fields for child in _flat(field.selections)]
    products = _children(page, {"nodes"}) + _children(_children(page, {"edges"}), {"node"})
    asked = frozenset(field.name for field in _flat(products))
    _ASKED[id(node)] = (node, asked)  # the node is kept, so its id is not reused meanwhile
    if len(_ASKED) > _ASKED_DOCUMENTS:
        _ASKED.popitem(last=False)
    return asked


_ASKED_DOCUMENTS = 512
_ASKED: OrderedDict[int, tuple[Any, frozenset[str]]] = OrderedDict()


def _flat(selections: Sequence[Any]) -> list[Any]:
    """The fields of these selections, fragments opened."""
    fields: list[Any] = []
    for selection in selections:
        if isinstance(selection, SelectedField):
            fields.append(selection)
        else:
            fields.extend(_flat(selection.selections))
    return fields


def _children(selections: Sequence[Any], names: set[str]) -> list[Any]:
    """What the fields named `names` among `selections` select."""
    return [
        child
        for field in _flat(selections)
        if field.name in names
        for child in _flat(field.selections)
    ]


def _listing_storefront(context: Context) -> Storefront | None:
    """The storefront whose listing is asked for; None: a member's whole catalog."""
    require_catalog_reader(context)
    return context.storefront


@dataclass(frozen=True)
class FacetsData:
    total: int
    attributes: list[AttributeFacet]
    categories: list[CategoryCount]
    prices: list[PriceBucket]


async def product_facets(info: AgoraInfo, wanted: ProductFilterInput) -> FacetsData:
    """Counts per attribute value, category (with its subtree) and price bucket."""
    context = info.context
    storefront = _listing_storefront(context)
    async with context.reading() as uow:
        query = await product_query(uow, storefront, wanted, context.clock())
        counts = await uow.products.facets(query)
        attribute_ids = {a for a, _ in counts.choices} | {a for a, _ in counts.booleans}
        attributes = await uow.attributes.get_many(list(attribute_ids))
        categories = await uow.categories.all() if counts.categories else []
    prices = price_buckets(counts.variant_prices, storefront.currency) if storefront else []
    return FacetsData(
        counts.total,
        attribute_facets(counts, attributes),
        category_facets(counts, categories),
        prices,
    )


async def product_by(info: AgoraInfo, id: str | None, slug: str | None) -> Product | None:
    context = info.context
    require_catalog_reader(context)
    if id is not None:
        return await visible_product(context, decode_id_of(id, "Product"))
    if slug is None:
        raise UserError("Give the product's id or slug.", field="slug")
    storefront = context.storefront
    async with context.reading() as uow:
        if storefront is None:
            product = await uow.products.by_slug(slug)
            return product if await product_visible(context, product) else None
        shown = await uow.products.shown_by_slug(slug, storefront.id)
    if shown is None:
        return None
    # What its visibility check and its category field look up next, read with it.
    product, loaders = shown.product, context.loaders
    loaders.listing.prime((product.id, storefront.id), shown.listing)
    if shown.category is not None:
        loaders.category.prime(shown.category.id, shown.category)
    return product if await product_visible(context, product) else None


async def category_of(info: AgoraInfo, product: Product) -> Category | None:
    if product.category_id is None:
        return None
    return await info.context.loaders.category.load(product.category_id)


def variants_of(
    info: AgoraInfo, product: Product
) -> Sequence[VariantView] | Awaitable[Sequence[VariantView]]:
    """Its live variants: known already in a listing (a list), else an awaitable of them."""
    known = info.context.product_variants.get(product.id)
    return known if known is not None else _variants_later(info, product)


async def _variants_later(info: AgoraInfo, product: Product) -> Sequence[VariantView]:
    await variant_facts.learn_products(info, [product.id])
    return info.context.product_variants[product.id]


@dataclass(frozen=True)
class PriceRangeData:
    start: Money
    stop: Money


def price_range_of(
    info: AgoraInfo, product: Product
) -> PriceRangeData | Awaitable[PriceRangeData | None] | None:
    """Its lowest and highest price here: known already in a listing, else an awaitable."""
    if info.context.storefront is None:
        return None
    known = info.context.product_variants.get(product.id)
    return _price_range(info, known) if known is not None else _price_range_later(info, product)


async def _price_range_later(info: AgoraInfo, product: Product) -> PriceRangeData | None:
    await variant_facts.learn_products(info, [product.id])
    return _price_range(info, info.context.product_variants[product.id])


def _price_range(info: AgoraInfo, variants: Sequence[VariantView]) -> PriceRangeData | None:
    # Facts are learned only in a storefront, in its currency: the prices are comparable.
    learned = info.context.variant_facts
    prices = [
        facts.list_price
        for variant in variants
        if (facts := learned.get(variant.id)) is not None and facts.list_price is not None
    ]
    if not prices:
        return None
    return PriceRangeData(min(prices, key=_AMOUNT), max(prices, key=_AMOUNT))


_AMOUNT = attrgetter("amount")


async def listings_of(info: AgoraInfo, product: Product) -> list[ProductListing]:
    return await info.context.loaders.listings_of_product.load(product.id)


async def prices_of(info: AgoraInfo, variant: VariantView) -> list[VariantPrice]:
    return await info.context.loaders.prices_of_variant.load(variant.id)
