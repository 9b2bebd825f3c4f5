"""productBulkCreate: many products with variants, prices, stock and listings in one call."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from domain.catalog.bulk import (
    BulkListing,
    BulkPrice,
    BulkProduct,
    BulkProductUpdate,
    BulkStock,
    BulkVariant,
    BulkVariantUpdate,
    bulk_create_products,
    bulk_update_products,
)
from domain.catalog.products import ProductInput
from domain.catalog.variants import VariantInput
from domain.errors import UserError
from resolvers.catalog.attributes import AttributeValueFields
from resolvers.catalog.products import ProductFields, product_command, variant_command
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of
from resolvers.payloads import Payload, mutate, user_error_data
from resolvers.permissions import actor


@dataclass(frozen=True)
class PriceFields:
    storefront_id: str
    price: str
    compare_at_price: str | None = None
    cost_price: str | None = None


@dataclass(frozen=True)
class VariantFields:
    variant: VariantInput
    attributes: Sequence[AttributeValueFields] | None
    prices: Sequence[PriceFields]
    stocks: Sequence[tuple[str, int]]  # (warehouse id, quantity)


@dataclass(frozen=True)
class ItemFields:
    product: ProductFields
    variants: Sequence[VariantFields]
    listings: Sequence[tuple[str, bool, datetime | None]]  # (storefront id, published, from)


def _item(info: AgoraInfo, index: int, given: ItemFields) -> BulkProduct:
    """The domain's item; one with a malformed ID comes back refused (paths within the item)."""
    try:
        return _decoded(info, given)
    except UserError as error:
        return BulkProduct(ProductInput(), refused=error)


def _decoded(info: AgoraInfo, given: ItemFields) -> BulkProduct:
    variants = []
    for index, variant in enumerate(given.variants):
        try:
            variants.append(_variant(info, variant))
        except UserError as error:
            raise error.within(f"variants.{index}") from None
    listings = [
        BulkListing(decode_id_of(s, "Storefront", field=f"listings.{i}.storefrontId"), shown, start)
        for i, (s, shown, start) in enumerate(given.listings)
    ]
    return BulkProduct(product_command(info, given.product), variants, listings)


def _variant(info: AgoraInfo, given: VariantFields) -> BulkVariant:
    prices = [
        BulkPrice(
            decode_id_of(p.storefront_id, "Storefront", field=f"prices.{i}.storefrontId"),
            p.price,
            p.compare_at_price,
            p.cost_price,
        )
        for i, p in enumerate(given.prices)
    ]
    stocks = [
        BulkStock(decode_id_of(w, "Warehouse", field=f"stocks.{i}.warehouseId"), quantity)
        for i, (w, quantity) in enumerate(given.stocks)
    ]
    return BulkVariant(variant_command(info, given.variant, given.attributes), prices, stocks)


async def product_bulk_create(
    info: AgoraInfo, items: Sequence[ItemFields], atomic: bool
) -> Payload:
    """Every error, malformed IDs included, is reported per item."""
    context = info.context

    async def work() -> dict[str, Any]:
        commands = [_item(info, index, item) for index, item in enumerate(items)]
        async with context.work() as uow:
            result = await bulk_create_products(
                uow, actor(info).merchant_id, commands, context.clock(), atomic=atomic
            )
        return {
            "products": result.products,
            "count": result.created,
            "user_errors": [user_error_data(e) for e in result.errors],
        }

    return await mutate(work)


@dataclass(frozen=True)
class VariantUpdateFields:
    id: str
    fields: VariantFields


@dataclass(frozen=True)
class ItemUpdateFields:
    id: str
    product: ProductFields
    variants: Sequence[VariantUpdateFields]


def _update_item(info: AgoraInfo, given: ItemUpdateFields) -> BulkProductUpdate:
    """The domain's item; one with a malformed ID comes back refused (paths within the item)."""
    try:
        variants = []
        for index, variant in enumerate(given.variants):
            try:
                decoded = _variant(info, variant.fields)
                variant_id = decode_id_of(variant.id, "ProductVariant")
            except UserError as error:
                raise error.within(f"variants.{index}") from None
            variants.append(
                BulkVariantUpdate(variant_id, decoded.variant, decoded.prices, decoded.stocks)
            )
        product_id = decode_id_of(given.id, "Product")
        return BulkProductUpdate(product_id, product_command(info, given.product), variants)
    except UserError as error:
        return BulkProductUpdate(UUID(int=0), ProductInput(), refused=error)


async def product_bulk_update(
    info: AgoraInfo, items: Sequence[ItemUpdateFields], atomic: bool
) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        commands = [_update_item(info, item) for item in items]
        async with context.work() as uow:
            result = await bulk_update_products(uow, commands, context.clock(), atomic=atomic)
        for product in result.products:
            if product is not None:
                context.loaders.product.prime(product.id, product, force=True)
        return {
            "products": result.products,
            "count": result.created,
            "user_errors": [user_error_data(e) for e in result.errors],
        }

    return await mutate(work)
