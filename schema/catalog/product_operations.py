"""Reading products, and the merchant mutations that shape them."""

from datetime import datetime
from typing import Annotated

import strawberry

from domain.catalog.listings import PriceInput
from domain.catalog.products import MediaInput, MediaKind
from domain.catalog.variants import VariantInput
from domain.permissions import Permission as P
from resolvers.catalog import listings as listing_resolvers
from resolvers.catalog import products as resolvers
from resolvers.catalog.products import ProductFields
from resolvers.catalog.translations import read_in
from resolvers.context import AgoraInfo
from resolvers.pagination import PageArgs
from resolvers.permissions import requires
from schema.catalog.attributes import AttributeValueInput, value_fields
from schema.catalog.product_filters import (
    ProductFacets,
    ProductFilter,
    ProductSort,
    filter_input,
)
from schema.catalog.products import (
    Product,
    ProductListing,
    ProductVariant,
    VariantPrice,
)
from schema.catalog.translations import LanguageCode
from schema.connections import After, Before, Connection, First, Last
from schema.errors import UserError
from schema.metadata import MetadataInput, metadata_values

MANAGE = requires(P.MANAGE_PRODUCTS)


@strawberry.input(description="An image or video of a product.")
class ProductMediaInput:
    url: str = strawberry.field(description="Absolute http(s) URL.")
    alt: str = strawberry.field(default="", description="Text alternative, for accessibility.")
    kind: MediaKind = strawberry.field(default=MediaKind.IMAGE, description="Image or video.")


@strawberry.input(description="A product's fields; omitted ones stay as they are.")
class ProductInput:
    name: str | None = strawberry.field(
        default=None, description="Display name (required to create)."
    )
    slug: str | None = strawberry.field(
        default=None, description="Handle; made from the name if omitted."
    )
    description_html: str | None = strawberry.field(
        default=None, description="HTML; scripts, handlers and styles are removed."
    )
    category_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="Its category; null removes it."
    )
    seo_title: str | None = strawberry.field(default=None, description="Title for search engines.")
    seo_description: str | None = strawberry.field(
        default=None, description="Description for search engines."
    )
    tags: list[str] | None = strawberry.field(
        default=None, description="Free labels (replaces all)."
    )
    metadata: list[MetadataInput] | None = strawberry.field(
        default=None, description="Public key-values (replaces all)."
    )
    private_metadata: list[MetadataInput] | None = strawberry.field(
        default=None, description="Staff-only key-values (replaces all)."
    )
    media: list[ProductMediaInput] | None = strawberry.field(
        default=None, description="Images and videos in display order (replaces all)."
    )
    product_type_id: strawberry.ID | None = strawberry.field(
        default=None, description="Its product type: set once, it does not change."
    )
    attributes: list[AttributeValueInput] | None = strawberry.field(
        default=None,
        description="Values of the type's product attributes (replaces those given; others stay).",
    )
    tax_class_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET,
        description="Its tax class; null: the default rates.",
    )

    def fields(self) -> ProductFields:
        given = self.category_id is not strawberry.UNSET
        return ProductFields(
            name=self.name,
            slug=self.slug,
            description_html=self.description_html,
            category_id=str(self.category_id) if given and self.category_id is not None else None,
            set_category=given,
            seo_title=self.seo_title,
            seo_description=self.seo_description,
            tags=self.tags,
            metadata=metadata_values(self.metadata),
            private_metadata=metadata_values(self.private_metadata),
            media=(
                None
                if self.media is None
                else [MediaInput(m.url, m.alt, m.kind) for m in self.media]
            ),
            product_type_id=None if self.product_type_id is None else str(self.product_type_id),
            attributes=value_fields(self.attributes),
            tax_class_id=None if self.tax_class_id is None else str(self.tax_class_id),
            set_tax_class=self.tax_class_id is not strawberry.UNSET,
        )


@strawberry.input(description="A variant's fields; omitted ones stay as they are.")
class ProductVariantInput:
    sku: str | None = strawberry.field(default=None, description="Unique SKU (required to create).")
    name: str | None = strawberry.field(default=None, description="e.g. 'Large / Blue'.")
    weight_grams: int | None = strawberry.field(
        default=None, description="Shipping weight in grams."
    )
    barcode: str | None = strawberry.field(default=None, description="GTIN, EAN or UPC.")
    track_inventory: bool | None = strawberry.field(
        default=None, description="Whether stock limits sales."
    )
    purchase_limit: int | None = strawberry.field(
        default=None, description="Most units in one order."
    )
    low_stock_threshold: int | None = strawberry.field(
        default=None,
        description="inventory.low_stock is sent when its available units (all warehouses) "
        "fall to this or below.",
    )
    attributes: list[AttributeValueInput] | None = strawberry.field(
        default=None,
        description="Values of the type's variant-defining attributes (all are required to "
        "create; no two live variants of a product share them). Without a name, the variant "
        "is named after them.",
    )

    def command(self) -> VariantInput:
        return VariantInput(
            self.sku,
            self.name,
            self.weight_grams,
            self.barcode,
            self.track_inventory,
            self.purchase_limit,
            low_stock_threshold=self.low_stock_threshold,
        )


@strawberry.input(description="A variant's prices in one storefront, as decimal strings.")
class VariantPriceInput:
    price: str = strawberry.field(description='e.g. "19.99", in the storefront\'s currency.')
    compare_at_price: str | None = strawberry.field(
        default=None, description="The price before a reduction."
    )
    cost_price: str | None = strawberry.field(
        default=None, description="What it costs the merchant."
    )
    currency: str | None = strawberry.field(
        default=None, description="If given, must be the storefront's currency."
    )


@strawberry.type(description="Result of a product mutation.")
class ProductPayload:
    product: Product | None = strawberry.field(description="The product.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of a variant mutation.")
class ProductVariantPayload:
    variant: ProductVariant | None = strawberry.field(description="The variant.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of productListingSet.")
class ProductListingPayload:
    listing: ProductListing | None = strawberry.field(description="The listing.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of productVariantPriceSet.")
class VariantPricePayload:
    price: VariantPrice | None = strawberry.field(description="The price.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


def _id(what: str) -> object:
    return strawberry.argument(description=f"The {what}'s ID.")


ProductId = Annotated[strawberry.ID, _id("product")]
VariantId = Annotated[strawberry.ID, _id("variant")]
StorefrontId = Annotated[strawberry.ID, _id("storefront")]
Input = Annotated[ProductInput, strawberry.argument(description="The fields to set.")]
VariantFields = Annotated[
    ProductVariantInput, strawberry.argument(description="The fields to set.")
]


@strawberry.type
class ProductQuery:
    @strawberry.field(
        description="Staff and apps: every product. Visitors: what their storefront shows now."
    )
    async def products(
        self,
        info: AgoraInfo,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        search: Annotated[
            str | None,
            strawberry.argument(description="Words in the name or description (prefixes match)."),
        ] = None,
        filter: Annotated[
            ProductFilter | None, strawberry.argument(description="Which products to list.")
        ] = None,
        sort_by: Annotated[
            ProductSort | None,
            strawberry.argument(description="Order; by default relevance when searching."),
        ] = None,
        language_code: LanguageCode = None,
    ) -> Connection[Product]:
        read_in(info, language_code)
        args = PageArgs(first, after, last, before)
        wanted = filter_input(search, filter, sort_by)
        return await resolvers.products(info, args, wanted)  # type: ignore[return-value]

    @strawberry.field(
        description="Counts per attribute value, category and price bucket for a filter."
    )
    async def product_facets(
        self,
        info: AgoraInfo,
        search: Annotated[
            str | None, strawberry.argument(description="Words in the name or description.")
        ] = None,
        filter: Annotated[
            ProductFilter | None, strawberry.argument(description="Which products to count.")
        ] = None,
        language_code: LanguageCode = None,
    ) -> ProductFacets:
        read_in(info, language_code)
        return await resolvers.product_facets(info, filter_input(search, filter, None))  # type: ignore[return-value]

    @strawberry.field(description="A product by ID or slug, if the caller may see it.")
    async def product(
        self,
        info: AgoraInfo,
        id: Annotated[strawberry.ID | None, _id("product")] = None,
        slug: Annotated[str | None, strawberry.argument(description="The product's slug.")] = None,
        language_code: LanguageCode = None,
    ) -> Product | None:
        read_in(info, language_code)
        return await resolvers.product_by(info, id, slug)  # type: ignore[return-value]


@strawberry.type
class ProductMutation:
    @strawberry.mutation(description="Create a product.", extensions=MANAGE)
    async def product_create(self, info: AgoraInfo, input: Input) -> ProductPayload:
        return await resolvers.product_create(info, input.fields())  # type: ignore[return-value]

    @strawberry.mutation(description="Change a product.", extensions=MANAGE)
    async def product_update(self, info: AgoraInfo, id: ProductId, input: Input) -> ProductPayload:
        return await resolvers.product_update(info, id, input.fields())  # type: ignore[return-value]

    @strawberry.mutation(
        description="Archive a product: storefronts stop showing it; orders keep it.",
        extensions=MANAGE,
    )
    async def product_archive(self, info: AgoraInfo, id: ProductId) -> ProductPayload:
        return await resolvers.product_archive(info, id)  # type: ignore[return-value]

    @strawberry.mutation(description="Add a variant to a product.", extensions=MANAGE)
    async def product_variant_create(
        self, info: AgoraInfo, product_id: ProductId, input: VariantFields
    ) -> ProductVariantPayload:
        return await resolvers.variant_create(  # type: ignore[return-value]
            info, product_id, input.command(), value_fields(input.attributes)
        )

    @strawberry.mutation(description="Change a variant.", extensions=MANAGE)
    async def product_variant_update(
        self, info: AgoraInfo, id: VariantId, input: VariantFields
    ) -> ProductVariantPayload:
        return await resolvers.variant_update(  # type: ignore[return-value]
            info, id, input.command(), value_fields(input.attributes)
        )

    @strawberry.mutation(
        description="Archive a variant: it is no longer sold; orders keep it.", extensions=MANAGE
    )
    async def product_variant_archive(
        self, info: AgoraInfo, id: VariantId
    ) -> ProductVariantPayload:
        return await resolvers.variant_archive(info, id)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Publish a product on a storefront (or unpublish it), optionally from a date.",
        extensions=MANAGE,
    )
    async def product_listing_set(
        self,
        info: AgoraInfo,
        product_id: ProductId,
        storefront_id: StorefrontId,
        is_published: Annotated[bool, strawberry.argument(description="Show it there.")],
        available_from: Annotated[
            datetime | None, strawberry.argument(description="Hidden until this time.")
        ] = None,
    ) -> ProductListingPayload:
        return await listing_resolvers.listing_set(  # type: ignore[return-value]
            info, product_id, storefront_id, is_published, available_from
        )

    @strawberry.mutation(
        description="Set a variant's prices in a storefront, in that storefront's currency.",
        extensions=MANAGE,
    )
    async def product_variant_price_set(
        self,
        info: AgoraInfo,
        variant_id: VariantId,
        storefront_id: StorefrontId,
        input: Annotated[VariantPriceInput, strawberry.argument(description="The prices.")],
    ) -> VariantPricePayload:
        command = PriceInput(input.price, input.compare_at_price, input.cost_price, input.currency)
        return await listing_resolvers.price_set(info, variant_id, storefront_id, command)  # type: ignore[return-value]
