"""Attributes and product types: merchants define them (MANAGE_PRODUCTS); products show them."""

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from domain.catalog.attribute_values import AttributeValue, AttributeValueInput
from domain.catalog.attributes import (
    Attribute,
    AttributeInput,
    Choice,
    create_attribute,
    delete_attribute,
    update_attribute,
)
from domain.catalog.product_types import (
    ProductType,
    ProductTypeInput,
    ProductTypeKind,
    create_product_type,
    delete_product_type,
    update_product_type,
)
from domain.catalog.products import Product
from domain.catalog.variants import VariantView
from resolvers.catalog.visibility import require_catalog_reader
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of, encode_global_id
from resolvers.pagination import ConnectionData, PageArgs, paginate
from resolvers.payloads import Payload, mutate
from resolvers.permissions import actor


@dataclass(frozen=True)
class AttributeValueFields:
    """One attribute's values as the client sent them (ids still global)."""

    attribute_id: str
    choices: Sequence[str] | None = None
    text: str | None = None
    number: str | None = None
    boolean: bool | None = None
    date: dt.date | None = None


def value_inputs(
    fields: Sequence[AttributeValueFields] | None,
) -> list[AttributeValueInput] | None:
    if fields is None:
        return None
    return [
        AttributeValueInput(
            decode_id_of(f.attribute_id, "Attribute", field=f"attributes.{index}.attributeId"),
            f.choices,
            f.text,
            f.number,
            f.boolean,
            f.date,
        )
        for index, f in enumerate(fields)
    ]


async def attribute_create(info: AgoraInfo, command: AttributeInput) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        async with context.work() as uow:
            attribute = await create_attribute(
                uow, actor(info).merchant_id, command, context.clock()
            )
        return {"attribute": attribute}

    return await mutate(work)


async def attribute_update(info: AgoraInfo, id: str, command: AttributeInput) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        attribute_id = decode_id_of(id, "Attribute")
        async with context.work() as uow:
            attribute = await update_attribute(uow, attribute_id, command, context.clock())
        context.loaders.attribute.prime(attribute.id, attribute, force=True)
        return {"attribute": attribute}

    return await mutate(work)


async def attribute_delete(info: AgoraInfo, id: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        attribute_id = decode_id_of(id, "Attribute")
        async with context.work() as uow:
            await delete_attribute(uow, attribute_id)
        return {"deleted_id": encode_global_id("Attribute", attribute_id)}

    return await mutate(work)


def _type_command(
    name: str | None,
    slug: str | None,
    product_attribute_ids: Sequence[str] | None,
    variant_attribute_ids: Sequence[str] | None,
    kind: ProductTypeKind | None,
) -> ProductTypeInput:
    def ids(values: Sequence[str] | None, field: str) -> list[UUID] | None:
        if values is None:
            return None
        return [
            decode_id_of(value, "Attribute", field=f"{field}.{index}")
            for index, value in enumerate(values)
        ]

    return ProductTypeInput(
        name,
        slug,
        ids(product_attribute_ids, "productAttributeIds"),
        ids(variant_attribute_ids, "variantAttributeIds"),
        kind,
    )


async def product_type_create(
    info: AgoraInfo,
    name: str | None,
    slug: str | None,
    product_attribute_ids: Sequence[str] | None,
    variant_attribute_ids: Sequence[str] | None,
    kind: ProductTypeKind | None = None,
) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        command = _type_command(name, slug, product_attribute_ids, variant_attribute_ids, kind)
        async with context.work() as uow:
            product_type = await create_product_type(
                uow, actor(info).merchant_id, command, context.clock()
            )
        return {"product_type": product_type}

    return await mutate(work)


async def product_type_update(
    info: AgoraInfo,
    id: str,
    name: str | None,
    slug: str | None,
    product_attribute_ids: Sequence[str] | None,
    variant_attribute_ids: Sequence[str] | None,
    kind: ProductTypeKind | None = None,
) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        product_type_id = decode_id_of(id, "ProductType")
        command = _type_command(name, slug, product_attribute_ids, variant_attribute_ids, kind)
        async with context.work() as uow:
            product_type = await update_product_type(uow, product_type_id, command, context.clock())
        context.loaders.product_type.prime(product_type.id, product_type, force=True)
        return {"product_type": product_type}

    return await mutate(work)


async def product_type_delete(info: AgoraInfo, id: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        product_type_id = decode_id_of(id, "ProductType")
        async with context.work() as uow:
            await delete_product_type(uow, product_type_id)
        return {"deleted_id": encode_global_id("ProductType", product_type_id)}

    return await mutate(work)


async def attributes(info: AgoraInfo, args: PageArgs) -> ConnectionData[Attribute]:
    require_catalog_reader(info.context)
    return await paginate(info.context.work(), lambda uow: uow.attributes, args)


async def attribute_by_slug(info: AgoraInfo, slug: str) -> Attribute | None:
    require_catalog_reader(info.context)
    async with info.context.work() as uow:
        return await uow.attributes.by_slug(slug)


async def product_types(info: AgoraInfo, args: PageArgs) -> ConnectionData[ProductType]:
    return await paginate(info.context.work(), lambda uow: uow.product_types, args)


async def attributes_by_ids(info: AgoraInfo, ids: Sequence[UUID]) -> list[Attribute]:
    found = await info.context.loaders.attribute.load_many(list(ids))
    return [attribute for attribute in found if attribute is not None]


async def product_type_of(info: AgoraInfo, product: Product) -> ProductType | None:
    if product.product_type_id is None:
        return None
    return await info.context.loaders.product_type.load(product.product_type_id)


@dataclass(frozen=True)
class SelectedAttributeData:
    """An attribute with the values one product or variant holds for it."""

    attribute: Attribute
    choices: list[Choice]
    text: str | None = None
    number: str | None = None
    boolean: bool | None = None
    date: dt.date | None = None


async def _selected(
    info: AgoraInfo,
    product_type: ProductType | None,
    order: Sequence[UUID],
    values: Sequence[AttributeValue],
) -> list[SelectedAttributeData]:
    """Values grouped by attribute, in the product type's order (`order`: its product or its
    variant attributes)."""
    by_attribute: dict[UUID, list[AttributeValue]] = defaultdict(list)
    for value in values:
        by_attribute[value.attribute_id].append(value)
    # All of the type's attributes are asked for, whichever side is shown: products and their
    # variants then share one batch however their reads interleave (the later finds them
    # loaded), so a page costs the same statements every time.
    if product_type is None:
        return []
    every = [*product_type.product_attribute_ids, *product_type.variant_attribute_ids]
    known = {a.id: a for a in await attributes_by_ids(info, every)}
    result = []
    for attribute in (known[a] for a in order if a in by_attribute and a in known):
        held = by_attribute[attribute.id]
        choices = [
            choice
            for choice in attribute.choice_list
            if any(v.choice_id == choice.id for v in held)
        ]
        first = held[0]
        result.append(
            SelectedAttributeData(
                attribute, choices, first.text, first.number, first.boolean, first.date
            )
        )
    return result


async def product_attributes(info: AgoraInfo, product: Product) -> list[SelectedAttributeData]:
    values = await info.context.loaders.attribute_values_of_product.load(product.id)
    if not values:
        return []
    product_type = await product_type_of(info, product)
    order = product_type.product_attribute_ids if product_type else []
    return await _selected(info, product_type, order, values)


async def variant_attributes(info: AgoraInfo, variant: VariantView) -> list[SelectedAttributeData]:
    values = await info.context.loaders.attribute_values_of_variant.load(variant.id)
    if not values:
        return []
    product = await info.context.loaders.product.load(variant.product_id)
    product_type = None if product is None else await product_type_of(info, product)
    order = product_type.variant_attribute_ids if product_type else []
    return await _selected(info, product_type, order, values)
