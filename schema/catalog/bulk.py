"""productBulkCreate: a catalog import in one call."""

from datetime import datetime
from typing import Annotated

import strawberry

from domain.permissions import Permission as P
from resolvers.catalog import bulk as resolvers
from resolvers.context import AgoraInfo
from resolvers.permissions import requires
from schema.catalog.attributes import value_fields
from schema.catalog.product_operations import ProductInput, ProductVariantInput
from schema.catalog.products import Product
from schema.errors import UserError


@strawberry.input(description="A variant's prices in one storefront, as decimal strings.")
class BulkPriceInput:
    storefront_id: strawberry.ID = strawberry.field(description="The storefront.")
    price: str = strawberry.field(description="In the storefront's currency.")
    compare_at_price: str | None = strawberry.field(
        default=None, description="The price before a reduction."
    )
    cost_price: str | None = strawberry.field(
        default=None, description="What it costs the merchant."
    )


@strawberry.input(description="Units on hand in one warehouse.")
class BulkStockInput:
    warehouse_id: strawberry.ID = strawberry.field(description="The warehouse.")
    quantity: int = strawberry.field(description="Units on hand.")


@strawberry.input(description="Whether a storefront shows the product, and from when.")
class BulkListingInput:
    storefront_id: strawberry.ID = strawberry.field(description="The storefront.")
    is_published: bool = strawberry.field(default=True, description="Show it there.")
    available_from: datetime | None = strawberry.field(
        default=None, description="Hidden until this time."
    )


@strawberry.input(description="A new variant with its prices and stock.")
class ProductBulkVariantInput(ProductVariantInput):
    prices: list[BulkPriceInput] = strawberry.field(
        default_factory=list, description="Prices per storefront."
    )
    stocks: list[BulkStockInput] = strawberry.field(
        default_factory=list, description="Stock per warehouse."
    )


@strawberry.input(description="A new product with its variants and storefront listings.")
class ProductBulkInput(ProductInput):
    variants: list[ProductBulkVariantInput] = strawberry.field(
        default_factory=list, description="Its variants."
    )
    listings: list[BulkListingInput] = strawberry.field(
        default_factory=list, description="Where it is published."
    )


@strawberry.type(description="Result of productBulkCreate or productBulkUpdate.")
class ProductBulkCreatePayload:
    products: list[Product | None] | None = strawberry.field(
        description="Per input item, in order: the product, or null where the item had errors."
    )
    count: int | None = strawberry.field(description="How many products were written.")
    user_errors: list[UserError] = strawberry.field(
        description="What to fix; fields are paths into the input, e.g. products.3.variants.0.sku."
    )


def _item(given: ProductBulkInput) -> resolvers.ItemFields:
    return resolvers.ItemFields(
        given.fields(),
        [_variant_fields(v) for v in given.variants],
        [(str(x.storefront_id), x.is_published, x.available_from) for x in given.listings],
    )


@strawberry.type
class BulkMutation:
    @strawberry.mutation(
        description="Create up to 500 products with up to 2,000 variants in one transaction. "
        "Items with errors are reported and left out, unless `atomic` makes any error "
        "cancel the whole call.",
        extensions=requires(P.MANAGE_PRODUCTS),
    )
    async def product_bulk_create(
        self,
        info: AgoraInfo,
        products: Annotated[
            list[ProductBulkInput], strawberry.argument(description="The products.")
        ],
        atomic: Annotated[bool, strawberry.argument(description="Create all or nothing.")] = False,
    ) -> ProductBulkCreatePayload:
        items = [_item(given) for given in products]
        return await resolvers.product_bulk_create(info, items, atomic)  # type: ignore[return-value]


@strawberry.input(description="Changes to one existing variant, its prices and its stock.")
class ProductBulkVariantUpdateInput(ProductBulkVariantInput):
    id: strawberry.ID = strawberry.field(description="The variant (of this product).")


@strawberry.input(description="Changes to one existing product and some of its variants.")
class ProductBulkUpdateInput(ProductInput):
    id: strawberry.ID = strawberry.field(description="The product.")
    variants: list[ProductBulkVariantUpdateInput] = strawberry.field(
        default_factory=list, description="Its variants to change."
    )


def _variant_fields(given: ProductBulkVariantInput) -> resolvers.VariantFields:
    return resolvers.VariantFields(
        given.command(),
        value_fields(given.attributes),
        [
            resolvers.PriceFields(str(p.storefront_id), p.price, p.compare_at_price, p.cost_price)
            for p in given.prices
        ],
        [(str(s.warehouse_id), s.quantity) for s in given.stocks],
    )


def _update_item(given: ProductBulkUpdateInput) -> resolvers.ItemUpdateFields:
    return resolvers.ItemUpdateFields(
        str(given.id),
        given.fields(),
        [resolvers.VariantUpdateFields(str(v.id), _variant_fields(v)) for v in given.variants],
    )


@strawberry.type
class BulkUpdateMutation:
    @strawberry.mutation(
        description="Change up to 500 products and 2,000 of their variants (fields, prices, "
        "stock) in one transaction. Items with errors are reported and left unchanged, unless "
        "`atomic` makes any error cancel the whole call.",
        extensions=requires(P.MANAGE_PRODUCTS),
    )
    async def product_bulk_update(
        self,
        info: AgoraInfo,
        products: Annotated[
            list[ProductBulkUpdateInput], strawberry.argument(description="The changes.")
        ],
        atomic: Annotated[bool, strawberry.argument(description="Change all or nothing.")] = False,
    ) -> ProductBulkCreatePayload:
        items = [_update_item(given) for given in products]
        return await resolvers.product_bulk_update(info, items, atomic)  # type: ignore[return-value]
