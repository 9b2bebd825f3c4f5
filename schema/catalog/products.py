"""Products, their variants, and how storefronts list and price them."""

from datetime import datetime

import strawberry

from domain.catalog import listings as listing_domain
from domain.catalog import products as domain
from domain.catalog import variants as variant_domain
from domain.permissions import Permission as P
from resolvers import reviews as review_resolvers
from resolvers.catalog import attributes as attribute_resolvers
from resolvers.catalog import inventory, sale_prices, variant_facts
from resolvers.catalog import products as resolvers
from resolvers.context import AgoraInfo, VariantFacts
from resolvers.ids import encode_global_id
from resolvers.pagination import PageArgs
from resolvers.permissions import members_only, requires
from schema.catalog.attributes import ProductType, SelectedAttribute
from schema.catalog.categories import Category
from schema.catalog.inventory import Stock
from schema.catalog.translations import translatable, translatable_optional
from schema.connections import After, Before, Connection, First, Last
from schema.enums import graphql_enum
from schema.metadata import MetadataItem, metadata_items
from schema.money import Money, PriceRange
from schema.node import Node, shows
from schema.reviews import ProductRating, ProductReview
from schema.storefronts import Storefront

MANAGE = requires(P.MANAGE_PRODUCTS)


graphql_enum(
    domain.MediaKind,
    "What a product medium is.",
    {"IMAGE": "A picture.", "VIDEO": "A video."},
)


@strawberry.type(description="An image or video of a product.")
class ProductMedia:
    url: str = strawberry.field(description="Absolute http(s) URL.")
    alt: str = strawberry.field(description="Text alternative, for accessibility.")
    kind: domain.MediaKind = strawberry.field(description="Image or video.")


def _media(root: domain.Product) -> list[ProductMedia]:
    return [_medium(m) for m in root.media]


def _medium(stored: dict[str, str]) -> ProductMedia:
    return ProductMedia(url=stored["url"], alt=stored["alt"], kind=domain.MediaKind(stored["kind"]))


_IMAGE = domain.MediaKind.IMAGE.value


@strawberry.type(description="Whether and from when a storefront shows a product.")
@shows(listing_domain.ProductListing)
class ProductListing:
    is_published: bool = strawberry.field(description="Shown on the storefront.")
    available_from: datetime | None = strawberry.field(description="Hidden until this time.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @strawberry.field(description="The storefront.")
    async def storefront(
        self, root: listing_domain.ProductListing, info: AgoraInfo
    ) -> Storefront | None:
        return await info.context.loaders.storefront.load(root.storefront_id)  # type: ignore[return-value]


@strawberry.type(description="A variant's prices in one storefront.")
@shows(listing_domain.VariantPrice)
class VariantPrice:
    @strawberry.field(description="The price.")
    def price(self, root: listing_domain.VariantPrice) -> Money:
        return root.price  # type: ignore[return-value]

    @strawberry.field(description="The price before a reduction, shown struck through.")
    def compare_at_price(self, root: listing_domain.VariantPrice) -> Money | None:
        return root.compare_at_price  # type: ignore[return-value]

    @strawberry.field(description="What the variant costs the merchant.", extensions=MANAGE)
    def cost_price(self, root: listing_domain.VariantPrice) -> Money | None:
        return root.cost_price  # type: ignore[return-value]

    @strawberry.field(description="The storefront.")
    async def storefront(
        self, root: listing_domain.VariantPrice, info: AgoraInfo
    ) -> Storefront | None:
        return await info.context.loaders.storefront.load(root.storefront_id)  # type: ignore[return-value]


def _price(facts: VariantFacts) -> Money | None:
    return facts.list_price  # type: ignore[return-value]


def _compare_at_price(facts: VariantFacts) -> Money | None:
    return facts.compare_at_price  # type: ignore[return-value]


def _available(facts: VariantFacts) -> int | None:
    return facts.available


def _in_stock(facts: VariantFacts) -> bool | None:
    return facts.in_stock


@strawberry.type(description="A sellable unit of a product, with its own SKU.")
@shows(variant_domain.ProductVariant, variant_domain.VariantRow)
class ProductVariant(Node):
    sku: str = strawberry.field(description="Stock keeping unit, unique within the merchant.")
    name: str = translatable("name", "e.g. 'Large / Blue', in the request's language.")
    weight_grams: int | None = strawberry.field(description="Shipping weight in grams.")
    barcode: str | None = strawberry.field(description="GTIN, EAN or UPC.")
    track_inventory: bool = strawberry.field(description="Whether stock limits sales.")
    purchase_limit: int | None = strawberry.field(description="Most units in one order.")
    low_stock_threshold: int | None = strawberry.field(
        description="At or below this many available units, inventory.low_stock is sent."
    )
    archived_at: datetime | None = strawberry.field(description="Set once archived.")

    @strawberry.field(description="Its price in the request's storefront (storefront token).")
    def price(self, root: variant_domain.VariantView, info: AgoraInfo) -> Money | None:
        facts = info.context.variant_facts.get(root.id)
        if facts is not None:  # learned with its product's page: most reads
            return facts.list_price  # type: ignore[return-value]
        return variant_facts.field(info, root, _price)  # type: ignore[no-any-return]

    @strawberry.field(
        description="What one unit sells for in the request's storefront after the merchant's "
        "catalog promotions (its price when none applies); what a cart charges per unit."
    )
    async def sale_price(self, root: variant_domain.VariantView, info: AgoraInfo) -> Money | None:
        return await sale_prices.sale_price(info, root)  # type: ignore[return-value]

    @strawberry.field(description="Its compare-at price in the request's storefront.")
    def compare_at_price(self, root: variant_domain.VariantView, info: AgoraInfo) -> Money | None:
        facts = info.context.variant_facts.get(root.id)
        if facts is not None:
            return facts.compare_at_price  # type: ignore[return-value]
        return variant_facts.field(info, root, _compare_at_price)  # type: ignore[no-any-return]

    @strawberry.field(
        description="Units the request's storefront can sell from its warehouses (null without "
        "a storefront token, or when inventory is not tracked)."
    )
    def quantity_available(self, root: variant_domain.VariantView, info: AgoraInfo) -> int | None:
        facts = info.context.variant_facts.get(root.id)
        if facts is not None:
            return facts.available
        return variant_facts.field(info, root, _available)  # type: ignore[no-any-return]

    @strawberry.field(description="Whether the request's storefront can sell it now.")
    def in_stock(self, root: variant_domain.VariantView, info: AgoraInfo) -> bool | None:
        if not root.track_inventory:
            return True
        facts = info.context.variant_facts.get(root.id)
        if facts is not None:
            return facts.in_stock
        return variant_facts.field(info, root, _in_stock)  # type: ignore[no-any-return]

    @strawberry.field(description="Its stock in every warehouse.", extensions=MANAGE)
    async def stocks(self, root: variant_domain.VariantView, info: AgoraInfo) -> list[Stock] | None:
        return await inventory.stocks_of(info, root)  # type: ignore[return-value]

    @strawberry.field(description="Its variant-defining attribute values.")
    async def attributes(
        self, root: variant_domain.VariantView, info: AgoraInfo
    ) -> list[SelectedAttribute]:
        return await attribute_resolvers.variant_attributes(info, root)  # type: ignore[return-value]

    @strawberry.field(description="Its prices in every storefront.", extensions=MANAGE)
    async def prices(
        self, root: variant_domain.VariantView, info: AgoraInfo
    ) -> list[VariantPrice] | None:
        return await resolvers.prices_of(info, root)  # type: ignore[return-value]


@strawberry.type(description="Something a merchant sells, described once for every storefront.")
@shows(domain.Product)
class Product(Node):
    name: str = translatable("name", "Display name, in the request's language.")
    slug: str = strawberry.field(description="Handle, unique within the merchant.")
    description_html: str = translatable("description_html", "Sanitised HTML description.")
    seo_title: str | None = translatable_optional("seo_title", "Title for search engines.")
    seo_description: str | None = translatable_optional(
        "seo_description", "Description for search engines."
    )
    tags: list[str] = strawberry.field(description="Free labels.")
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    archived_at: datetime | None = strawberry.field(description="Set once archived.")

    @strawberry.field(description="Its tax class's ID (null: the default rates).")
    def tax_class_id(self, root: domain.Product) -> strawberry.ID | None:
        if root.tax_class_id is None:
            return None
        return strawberry.ID(encode_global_id("TaxClass", root.tax_class_id))

    @strawberry.field(description="Images and videos, in display order.")
    def media(self, root: domain.Product) -> list[ProductMedia]:
        return _media(root)

    @strawberry.field(description="The first image, for listings.")
    def thumbnail(self, root: domain.Product) -> ProductMedia | None:
        image = next((m for m in root.media if m["kind"] == _IMAGE), None)
        return None if image is None else _medium(image)

    @strawberry.field(description="Public key-values, visible to storefronts.")
    def metadata(self, root: domain.Product) -> list[MetadataItem]:
        return metadata_items(root.metadata)

    @strawberry.field(
        description="Staff-only key-values (null, with an error, for anyone else).",
        extensions=MANAGE,
    )
    def private_metadata(self, root: domain.Product) -> list[MetadataItem] | None:
        return metadata_items(root.private_metadata)

    @strawberry.field(description="Its category.")
    async def category(self, root: domain.Product, info: AgoraInfo) -> Category | None:
        return await resolvers.category_of(info, root)  # type: ignore[return-value]

    @strawberry.field(
        description="Its product type (staff and apps; null, with an error, for visitors).",
        extensions=members_only(),
    )
    async def product_type(self, root: domain.Product, info: AgoraInfo) -> ProductType | None:
        return await attribute_resolvers.product_type_of(info, root)  # type: ignore[return-value]

    @strawberry.field(description="Its attribute values, in the product type's order.")
    async def attributes(self, root: domain.Product, info: AgoraInfo) -> list[SelectedAttribute]:
        return await attribute_resolvers.product_attributes(info, root)  # type: ignore[return-value]

    # Plain functions returning a value or an awaitable (graphql-core awaits it): a listing
    # has learned its products' variants already, so these are look-ups there.
    @strawberry.field(description="Its live (not archived) variants.")
    def variants(self, root: domain.Product, info: AgoraInfo) -> list[ProductVariant]:
        return resolvers.variants_of(info, root)  # type: ignore[return-value]

    @strawberry.field(description="Lowest and highest variant price in the request's storefront.")
    def price_range(self, root: domain.Product, info: AgoraInfo) -> PriceRange | None:
        return resolvers.price_range_of(info, root)  # type: ignore[return-value]

    @strawberry.field(description="Where it is published.", extensions=MANAGE)
    async def listings(self, root: domain.Product, info: AgoraInfo) -> list[ProductListing] | None:
        return await resolvers.listings_of(info, root)  # type: ignore[return-value]

    @strawberry.field(description="Its approved reviews, newest first.")
    async def reviews(
        self,
        root: domain.Product,
        info: AgoraInfo,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[ProductReview]:
        args = PageArgs(first, after, last, before)
        return await review_resolvers.approved_of(info, root, args)  # type: ignore[return-value]

    @strawberry.field(description="The average and count of its approved reviews.")
    async def rating(self, root: domain.Product, info: AgoraInfo) -> ProductRating:
        return await review_resolvers.rating_of(info, root.id)  # type: ignore[return-value]
