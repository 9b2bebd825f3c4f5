"""Variants: the sellable units of a product, each with a SKU unique in the merchant."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple
from uuid import UUID

from domain.catalog.archiving import archive, ensure_live
from domain.catalog.attribute_values import AttributeValueInput, set_variant_values
from domain.catalog.products import Product, record_product_change
from domain.catalog.rich_text import HtmlSanitizer
from domain.entities import TenantOwned
from domain.errors import ErrorCode, NotFound, UserError
from domain.ids import new_id
from domain.unit_of_work import UnitOfWork
from domain.validation import require_text


@dataclass(eq=False)
class ProductVariant(TenantOwned):
    id: UUID
    merchant_id: UUID
    product_id: UUID
    sku: str
    name: str
    weight_grams: int | None
    barcode: str | None
    track_inventory: bool
    purchase_limit: int | None
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None = None
    # Its defining attribute values, unique among the product's live variants (None: no type).
    attribute_key: str | None = None
    # inventory.low_stock is sent when its available units fall to this (None: never).
    low_stock_threshold: int | None = None


class VariantRow(NamedTuple):
    """A variant as a storefront read finds it: its stored columns in a plain immutable row,
    for reading (a page of them costs a fraction of loading entities; a named tuple is made
    several times faster than a frozen dataclass). Changes go through the `ProductVariant`
    entity."""

    id: UUID
    merchant_id: UUID
    product_id: UUID
    sku: str
    name: str
    weight_grams: int | None
    barcode: str | None
    track_inventory: bool
    purchase_limit: int | None
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    attribute_key: str | None
    low_stock_threshold: int | None


# What reading a variant takes: the entity, or the row a storefront read made.
VariantView = ProductVariant | VariantRow


@dataclass(frozen=True)
class VariantInput:
    sku: str | None = None
    name: str | None = None
    weight_grams: int | None = None
    barcode: str | None = None
    track_inventory: bool | None = None
    purchase_limit: int | None = None
    attributes: Sequence[AttributeValueInput] | None = None
    sanitize: HtmlSanitizer = field(default=lambda html: html, repr=False)
    low_stock_threshold: int | None = None


def _non_negative(value: int, field: str, *, positive: bool = False) -> int:
    if value < (1 if positive else 0) or value > 2_000_000_000:
        raise UserError(f"Must be {'positive' if positive else 'zero or more'}.", field=field)
    return value


async def _apply(uow: UnitOfWork, variant: ProductVariant, command: VariantInput) -> None:
    set_fields(variant, command)
    if command.sku is not None:
        taken = await uow.variants.by_sku(variant.sku)
        if taken is not None and taken.id != variant.id:
            raise UserError(
                "A variant with this SKU exists.", field="sku", code=ErrorCode.DUPLICATE
            )


def set_fields(variant: ProductVariant, command: VariantInput) -> None:
    """The fields that need no lookup (the SKU's uniqueness is checked by the caller)."""
    if command.sku is not None:
        variant.sku = require_text(command.sku, field="sku", max_length=64)
    if command.name is not None:
        variant.name = command.name.strip()[:250]
    if command.weight_grams is not None:
        variant.weight_grams = _non_negative(command.weight_grams, "weightGrams")
    if command.barcode is not None:
        variant.barcode = command.barcode.strip()[:64] or None
    if command.track_inventory is not None:
        variant.track_inventory = command.track_inventory
    if command.purchase_limit is not None:
        variant.purchase_limit = _non_negative(
            command.purchase_limit, "purchaseLimit", positive=True
        )
    if command.low_stock_threshold is not None:
        variant.low_stock_threshold = _non_negative(
            command.low_stock_threshold, "lowStockThreshold"
        )


async def _product(uow: UnitOfWork, product_id: UUID) -> Product:
    product = await uow.products.get(product_id)
    if product is None:
        raise UserError("No product with this id.", field="productId", code=ErrorCode.NOT_FOUND)
    return ensure_live(product, "product", field="productId")


async def create_variant(
    uow: UnitOfWork, product_id: UUID, command: VariantInput, now: datetime
) -> ProductVariant:
    product = await _product(uow, product_id)
    if command.sku is None:
        raise UserError("This field is required.", field="sku", code=ErrorCode.REQUIRED)
    variant = ProductVariant(
        new_id(), product.merchant_id, product.id, "", "", None, None, True, None, now, now
    )
    await _apply(uow, variant, command)
    uow.variants.add(variant)
    await _set_attributes(uow, product, variant, command)
    await record_product_change(uow, product.id, now)
    await uow.commit()
    return variant


async def _set_attributes(
    uow: UnitOfWork, product: Product, variant: ProductVariant, command: VariantInput
) -> None:
    """Defining values: required by the product's type, unique among its variants."""
    product_type = (
        None
        if product.product_type_id is None
        else await uow.product_types.get(product.product_type_id)
    )
    values = await set_variant_values(
        uow,
        product_type,
        (variant.merchant_id, product.id, variant.id),
        command.attributes,
        command.sanitize,
    )
    variant.attribute_key = values.key
    # A name made from the values follows them; a name the merchant chose stays.
    if command.name is None and variant.name in ("", values.previous_name):
        variant.name = values.name


async def _live(uow: UnitOfWork, variant_id: UUID) -> ProductVariant:
    variant = await uow.variants.get(variant_id)
    if variant is None:
        raise NotFound("No variant with this id.")
    return ensure_live(variant, "variant")


async def update_variant(
    uow: UnitOfWork, variant_id: UUID, command: VariantInput, now: datetime
) -> ProductVariant:
    variant = await change_variant(uow, variant_id, command, now)
    await uow.commit()
    return variant


async def change_variant(
    uow: UnitOfWork, variant_id: UUID, command: VariantInput, now: datetime
) -> ProductVariant:
    """The update without its commit, for callers changing more in the same transaction."""
    variant = await _live(uow, variant_id)
    await _apply(uow, variant, command)
    if command.attributes is not None:
        await _set_attributes(uow, await _product(uow, variant.product_id), variant, command)
    variant.updated_at = now
    await record_product_change(uow, variant.product_id, now)
    return variant


async def archive_variant(uow: UnitOfWork, variant_id: UUID, now: datetime) -> ProductVariant:
    """Archived, never deleted: orders keep pointing at it; its SKU stays taken."""
    variant = archive(await _live(uow, variant_id), now)
    variant.attribute_key = None  # its combination is free for a new variant
    await record_product_change(uow, variant.product_id, now)
    await uow.commit()
    return variant
