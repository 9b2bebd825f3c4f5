"""Attribute values of products and variants, checked against each attribute's kind.

One stored row per value (a multi select has one per choice), so storefronts can filter and
count products by value. A variant's defining values also make its `attribute_key`, which the
database keeps unique within the product: the same size and colour cannot exist twice.
"""

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Context, Decimal, Inexact, InvalidOperation
from uuid import UUID

from domain.catalog.attributes import Attribute, AttributeKind
from domain.catalog.product_types import ProductType
from domain.catalog.rich_text import HtmlSanitizer, plain_text
from domain.entities import TenantOwned
from domain.errors import ErrorCode, UserError
from domain.ids import new_id
from domain.unit_of_work import UnitOfWork


@dataclass(eq=False)
class AttributeValue(TenantOwned):
    id: UUID
    merchant_id: UUID
    product_id: UUID
    variant_id: UUID | None  # None: a value of the product itself
    attribute_id: UUID
    choice_id: UUID | None = None
    text: str | None = None
    number: str | None = None
    boolean: bool | None = None
    date: dt.date | None = None


@dataclass(frozen=True)
class AttributeValueInput:
    """Values for one attribute; give only the field its kind takes. Nothing given clears it."""

    attribute_id: UUID
    choices: Sequence[str] | None = None  # choice slugs
    text: str | None = None
    number: str | None = None
    boolean: bool | None = None
    date: dt.date | None = None


_TAKES = {
    AttributeKind.TEXT: "text",
    AttributeKind.RICH_TEXT: "text",
    AttributeKind.NUMBER: "number",
    AttributeKind.BOOLEAN: "boolean",
    AttributeKind.DATE: "date",
    AttributeKind.SINGLE_SELECT: "choices",
    AttributeKind.MULTI_SELECT: "choices",
    AttributeKind.SWATCH: "choices",
}


@dataclass(frozen=True)
class _Value:
    choice_id: UUID | None = None
    text: str | None = None
    number: str | None = None
    boolean: bool | None = None
    date: dt.date | None = None


MAX_FRACTION_DIGITS = 20
# Wide enough for 15 integer and 20 fraction digits; refuses (never rounds) anything longer.
_EXACT = Context(prec=40, traps=[InvalidOperation, Inexact])


def _number(text: str, field: str) -> str:
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        raise UserError("Give a decimal number, e.g. 2.5.", field=field) from None
    if not number.is_finite() or abs(number) >= 10**15:
        raise UserError("Give a finite number below 10^15.", field=field)
    too_precise = UserError(f"At most {MAX_FRACTION_DIGITS} decimal places.", field=field)
    try:
        number = number.normalize(_EXACT)
    except Inexact:
        raise too_precise from None
    if int(number.as_tuple().exponent) < -MAX_FRACTION_DIGITS:
        raise too_precise
    return format(number if number else Decimal(0), "f")  # zero, never "-0"


def parse_values(
    attribute: Attribute, given: AttributeValueInput, field: str, sanitize: HtmlSanitizer
) -> list[_Value]:
    """The values `given` holds for `attribute`, or a UserError naming the wrong input field."""
    kind = attribute.attribute_kind
    takes = _TAKES[kind]
    for name in ("choices", "text", "number", "boolean", "date"):
        if name != takes and getattr(given, name) is not None:
            raise UserError(
                f"'{attribute.name}' is a {kind.value.lower().replace('_', ' ')} attribute: "
                f"give `{takes}`, not `{name}`.",
                field=f"{field}.{name}",
            )
    value = getattr(given, takes)
    if value is None:
        return []
    if takes == "choices":
        return _choices(attribute, value, f"{field}.choices")
    if takes == "number":
        return [_Value(number=_number(value, f"{field}.number"))]
    if takes == "text":
        return _text(kind, value, f"{field}.text", sanitize)
    return [_Value(boolean=value)] if takes == "boolean" else [_Value(date=value)]


def _choices(attribute: Attribute, slugs: Sequence[str], field: str) -> list[_Value]:
    wanted = list(dict.fromkeys(slug.strip().lower() for slug in slugs))
    if attribute.attribute_kind is not AttributeKind.MULTI_SELECT and len(wanted) > 1:
        raise UserError(f"'{attribute.name}' takes one choice.", field=field)
    values = []
    for slug in wanted:
        choice = attribute.choice_by_slug(slug)
        if choice is None:
            raise UserError(
                f"'{attribute.name}' has no choice '{slug}'.", field=field, code=ErrorCode.NOT_FOUND
            )
        values.append(_Value(choice_id=choice.id))
    return values


def _text(kind: AttributeKind, text: str, field: str, sanitize: HtmlSanitizer) -> list[_Value]:
    limit = 20_000 if kind is AttributeKind.RICH_TEXT else 1_000
    if len(text) > limit:
        raise UserError(f"At most {limit} characters.", field=field, code=ErrorCode.TOO_LONG)
    cleaned = sanitize(text) if kind is AttributeKind.RICH_TEXT else text.strip()
    visible = plain_text(cleaned) if kind is AttributeKind.RICH_TEXT else cleaned
    return [_Value(text=cleaned)] if visible else []


async def _parsed(
    uow: UnitOfWork,
    allowed: list[UUID],
    inputs: Sequence[AttributeValueInput],
    sanitize: HtmlSanitizer,
) -> dict[UUID, list[_Value]]:
    attributes = {a.id: a for a in await uow.attributes.get_many([i.attribute_id for i in inputs])}
    return parse_inputs(attributes, allowed, inputs, sanitize)


def parse_inputs(
    attributes: Mapping[UUID, Attribute],
    allowed: list[UUID],
    inputs: Sequence[AttributeValueInput],
    sanitize: HtmlSanitizer,
) -> dict[UUID, list[_Value]]:
    """Each given attribute's values; every attribute must be one the type allows here."""
    parsed: dict[UUID, list[_Value]] = {}
    for index, given in enumerate(inputs):
        field = f"attributes.{index}"
        attribute = attributes.get(given.attribute_id)
        if attribute is None or attribute.id not in allowed:
            raise UserError(
                "The product type has no such attribute here.",
                field=f"{field}.attributeId",
                code=ErrorCode.NOT_FOUND,
            )
        if attribute.id in parsed:
            raise UserError("This attribute is given twice.", field=f"{field}.attributeId")
        parsed[attribute.id] = parse_values(attribute, given, field, sanitize)
    return parsed


def value_rows(
    merchant_id: UUID, product_id: UUID, variant_id: UUID | None, parsed: dict[UUID, list[_Value]]
) -> list[AttributeValue]:
    return [
        AttributeValue(
            new_id(),
            merchant_id,
            product_id,
            variant_id,
            attribute_id,
            v.choice_id,
            v.text,
            v.number,
            v.boolean,
            v.date,
        )
        for attribute_id, values in parsed.items()
        for v in values
    ]


async def set_product_values(
    uow: UnitOfWork,
    product_type: ProductType | None,
    ids: tuple[UUID, UUID],
    inputs: Sequence[AttributeValueInput],
    sanitize: HtmlSanitizer,
) -> None:
    """Replace the product's values of the attributes given (others stay as they are)."""
    merchant_id, product_id = ids
    if not inputs:
        return
    if product_type is None:
        raise UserError("Give the product a type first.", field="productTypeId")
    parsed = await _parsed(uow, product_type.product_attribute_ids, inputs, sanitize)
    await uow.attribute_values.replace(
        product_id, None, list(parsed), value_rows(merchant_id, product_id, None, parsed)
    )


@dataclass
class VariantValues:
    """What a variant's defining values came to: its key and a name made from them."""

    key: str | None
    name: str
    previous_name: str | None = None  # the name its values made before this change


async def set_variant_values(
    uow: UnitOfWork,
    product_type: ProductType | None,
    ids: tuple[UUID, UUID, UUID],
    inputs: Sequence[AttributeValueInput] | None,
    sanitize: HtmlSanitizer,
) -> VariantValues:
    """Replace the variant's values of the attributes given; every defining one must be set.

    Refuses a combination another live variant of the product already has.
    """
    merchant_id, product_id, variant_id = ids
    defining = product_type.variant_attribute_ids if product_type else []
    if inputs and not defining:
        raise UserError("The product's type defines no variant attributes.", field="attributes")
    parsed = await _parsed(uow, defining, inputs or [], sanitize)
    current: dict[UUID, list[_Value]] = defaultdict(list)
    for row in await uow.attribute_values.of_variant(variant_id):
        current[row.attribute_id].append(_Value(row.choice_id, boolean=row.boolean))
    merged = {**current, **parsed}
    attributes = {a.id: a for a in await uow.attributes.get_many(defining)}
    described = describe_variant(defining, merged, attributes)
    if all(len(current.get(a, [])) == 1 for a in defining):
        described.previous_name = describe_variant(defining, current, attributes).name
    if parsed:
        rows = value_rows(merchant_id, product_id, variant_id, parsed)
        await uow.attribute_values.replace(product_id, variant_id, list(parsed), rows)
    if described.key is not None:
        twin = await uow.variants.with_attribute_key(product_id, described.key)
        if twin is not None and twin.id != variant_id:
            raise UserError(
                f"The variant {twin.sku} has these values already.",
                field="attributes",
                code=ErrorCode.DUPLICATE,
            )
    return described


def describe_variant(
    defining: Sequence[UUID],
    values: Mapping[UUID, list[_Value]],
    attributes: Mapping[UUID, Attribute],
) -> VariantValues:
    """The key and name of a variant with these values; one per defining attribute."""
    for attribute_id in defining:
        if len(values.get(attribute_id, [])) != 1:
            raise UserError(
                "Give a value for each variant-defining attribute.",
                field="attributes",
                code=ErrorCode.REQUIRED,
            )
    if not defining:
        return VariantValues(None, "")
    combination = ";".join(f"{a}={_token(values[a][0])}" for a in defining)
    key = hashlib.sha256(combination.encode()).hexdigest()
    name = " / ".join(_label(attributes[a], values[a][0]) for a in defining)
    return VariantValues(key, name)


def _token(value: _Value) -> str:
    return str(value.choice_id) if value.choice_id is not None else str(value.boolean).lower()


def _label(attribute: Attribute, value: _Value) -> str:
    if value.choice_id is not None:
        choice = attribute.choice_by_id(value.choice_id)
        return choice.name if choice else ""
    return f"{attribute.name}: {'Yes' if value.boolean else 'No'}"
