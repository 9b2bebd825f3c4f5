"""Product types: which attributes describe a kind of product, and which define its variants.

A T-shirt type has product attributes (material) and variant-defining ones (size, colour):
every variant of a T-shirt has one size and one colour, and no two variants share both.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from domain.catalog.attributes import VARIANT_DEFINING_KINDS, Attribute
from domain.entities import TenantOwned
from domain.errors import ErrorCode, NotFound, UserError
from domain.ids import new_id
from domain.unit_of_work import UnitOfWork
from domain.validation import require_text, slugify, validate_slug

MAX_ATTRIBUTES = 50


class ProductTypeKind(StrEnum):
    STANDARD = "STANDARD"
    # Each unit sold issues a gift card worth the unit price, once the order is paid.
    GIFT_CARD = "GIFT_CARD"


@dataclass(eq=False)
class ProductType(TenantOwned):
    id: UUID
    merchant_id: UUID
    name: str
    slug: str
    created_at: datetime
    updated_at: datetime
    product_attribute_ids: list[UUID] = field(default_factory=list)
    variant_attribute_ids: list[UUID] = field(default_factory=list)
    kind: str = ProductTypeKind.STANDARD.value

    @property
    def attribute_ids(self) -> list[UUID]:
        return [*self.product_attribute_ids, *self.variant_attribute_ids]


@dataclass(frozen=True)
class ProductTypeInput:
    """Omitted (None) fields stay as they are on update; lists replace the previous ones."""

    name: str | None = None
    slug: str | None = None
    product_attribute_ids: Sequence[UUID] | None = None
    variant_attribute_ids: Sequence[UUID] | None = None
    kind: ProductTypeKind | None = None


async def _attributes(uow: UnitOfWork, ids: Sequence[UUID], field_name: str) -> list[UUID]:
    if len(ids) > MAX_ATTRIBUTES:
        raise UserError(f"At most {MAX_ATTRIBUTES} attributes.", field=field_name)
    if len(set(ids)) != len(ids):
        raise UserError("An attribute is listed twice.", field=field_name)
    found = {a.id: a for a in await uow.attributes.get_many(ids)}
    for index, attribute_id in enumerate(ids):
        if attribute_id not in found:
            raise UserError(
                "No attribute with this id.",
                field=f"{field_name}.{index}",
                code=ErrorCode.NOT_FOUND,
            )
    if field_name == "variantAttributeIds":
        for index, attribute_id in enumerate(ids):
            _check_variant_defining(found[attribute_id], f"{field_name}.{index}")
    return list(ids)


def _check_variant_defining(attribute: Attribute, field_name: str) -> None:
    if attribute.attribute_kind not in VARIANT_DEFINING_KINDS:
        raise UserError(
            "Variants are told apart by single select, swatch or boolean attributes.",
            field=field_name,
        )


async def _slug(uow: UnitOfWork, wanted: str | None, name: str, own_id: UUID) -> str:
    slug = validate_slug(wanted) if wanted else slugify(name)
    if not slug:
        raise UserError("Give a slug: none can be made from this name.", field="slug")
    taken = await uow.product_types.by_slug(slug)
    if taken is not None and taken.id != own_id:
        raise UserError(
            "A product type with this slug exists.", field="slug", code=ErrorCode.DUPLICATE
        )
    return slug


async def _apply(
    uow: UnitOfWork, product_type: ProductType, command: ProductTypeInput, *, in_use: bool
) -> list[UUID]:
    """Apply the command; return the product attributes it dropped."""
    if command.name is not None:
        product_type.name = require_text(command.name, field="name", max_length=120)
    if command.slug is not None:
        product_type.slug = await _slug(uow, command.slug, product_type.name, product_type.id)
    if command.kind is not None:
        # Orders keep the kind they were placed with: a change applies to later sales only.
        product_type.kind = command.kind.value
    dropped: list[UUID] = []
    if command.product_attribute_ids is not None:
        wanted = await _attributes(uow, command.product_attribute_ids, "productAttributeIds")
        dropped = [a for a in product_type.product_attribute_ids if a not in wanted]
        product_type.product_attribute_ids = wanted
    if command.variant_attribute_ids is not None:
        wanted = await _attributes(uow, command.variant_attribute_ids, "variantAttributeIds")
        if in_use and wanted != product_type.variant_attribute_ids:
            raise UserError(
                "Products use this type: its variant-defining attributes are fixed.",
                field="variantAttributeIds",
                code=ErrorCode.INVALID_STATE,
            )
        product_type.variant_attribute_ids = wanted
    overlap = set(product_type.product_attribute_ids) & set(product_type.variant_attribute_ids)
    if overlap:
        raise UserError(
            "An attribute describes either the product or its variants, not both.",
            field="variantAttributeIds",
        )
    return dropped


async def create_product_type(
    uow: UnitOfWork, merchant_id: UUID, command: ProductTypeInput, now: datetime
) -> ProductType:
    name = require_text(command.name, field="name", max_length=120)
    product_type = ProductType(new_id(), merchant_id, name, "", now, now)
    product_type.slug = await _slug(uow, command.slug, name, product_type.id)
    await _apply(uow, product_type, replace(command, name=None, slug=None), in_use=False)
    uow.product_types.add(product_type)
    await uow.commit()
    return product_type


async def update_product_type(
    uow: UnitOfWork, product_type_id: UUID, command: ProductTypeInput, now: datetime
) -> ProductType:
    product_type = await uow.product_types.get(product_type_id)
    if product_type is None:
        raise NotFound("No product type with this id.")
    in_use = await uow.products.use_type(product_type.id)
    dropped = await _apply(uow, product_type, command, in_use=in_use)
    if dropped:
        # Values of attributes the type no longer has would linger unseen: remove them.
        await uow.attribute_values.delete_for_type(product_type.id, dropped)
    product_type.updated_at = now
    await uow.commit()
    return product_type


async def delete_product_type(uow: UnitOfWork, product_type_id: UUID) -> None:
    product_type = await uow.product_types.get(product_type_id)
    if product_type is None:
        raise NotFound("No product type with this id.")
    if await uow.products.use_type(product_type.id):
        raise UserError(
            "Products use this type; it cannot be deleted.",
            field="id",
            code=ErrorCode.INVALID_STATE,
        )
    await uow.product_types.delete(product_type)
    await uow.commit()
