"""Attributes: typed facts about products (material, size, colour), shared by product types.

A choice attribute (single/multi select, swatch) keeps its choices with it; stored values
point at a choice by id, so renaming a choice (or its slug) never loses a value.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from domain.entities import TenantOwned
from domain.errors import ErrorCode, NotFound, UserError
from domain.ids import new_id
from domain.unit_of_work import UnitOfWork
from domain.validation import require_text, slugify, validate_slug

MAX_CHOICES = 500
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


class AttributeKind(StrEnum):
    TEXT = "TEXT"
    RICH_TEXT = "RICH_TEXT"
    NUMBER = "NUMBER"
    BOOLEAN = "BOOLEAN"
    DATE = "DATE"
    SINGLE_SELECT = "SINGLE_SELECT"
    MULTI_SELECT = "MULTI_SELECT"
    SWATCH = "SWATCH"


CHOICE_KINDS = frozenset(
    {AttributeKind.SINGLE_SELECT, AttributeKind.MULTI_SELECT, AttributeKind.SWATCH}
)
# A variant is told apart from its siblings by exactly one value per defining attribute.
VARIANT_DEFINING_KINDS = frozenset(
    {AttributeKind.SINGLE_SELECT, AttributeKind.SWATCH, AttributeKind.BOOLEAN}
)


@dataclass(frozen=True)
class Choice:
    id: UUID
    name: str
    slug: str
    color: str | None = None


@dataclass(eq=False)
class Attribute(TenantOwned):
    id: UUID
    merchant_id: UUID
    name: str
    slug: str
    kind: str
    unit: str | None
    filterable: bool
    created_at: datetime
    updated_at: datetime
    # Each {"id", "name", "slug", "color"}, in display order (choice kinds only).
    choices: list[dict[str, str | None]] = field(default_factory=list)

    @property
    def attribute_kind(self) -> AttributeKind:
        return AttributeKind(self.kind)

    @property
    def choice_list(self) -> list[Choice]:
        return [
            Choice(UUID(str(c["id"])), str(c["name"]), str(c["slug"]), c.get("color"))
            for c in self.choices
        ]

    def choice_by_slug(self, slug: str) -> Choice | None:
        return next((c for c in self.choice_list if c.slug == slug), None)

    def choice_by_id(self, choice_id: UUID) -> Choice | None:
        return next((c for c in self.choice_list if c.id == choice_id), None)


@dataclass(frozen=True)
class ChoiceInput:
    name: str
    slug: str | None = None
    color: str | None = None


@dataclass(frozen=True)
class AttributeInput:
    """Omitted (None) fields stay as they are on update; `kind` is fixed once created."""

    name: str | None = None
    slug: str | None = None
    kind: AttributeKind | None = None
    unit: str | None = None
    filterable: bool | None = None
    choices: Sequence[ChoiceInput] | None = None


def _choices(
    kind: AttributeKind, items: Sequence[ChoiceInput], existing: list[Choice]
) -> list[dict[str, str | None]]:
    """The new choice list; a choice keeps its id when its slug is kept."""
    if kind not in CHOICE_KINDS:
        raise UserError("Only select and swatch attributes have choices.", field="choices")
    if len(items) > MAX_CHOICES:
        raise UserError(f"At most {MAX_CHOICES} choices.", field="choices")
    known = {choice.slug: choice.id for choice in existing}
    result: list[dict[str, str | None]] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        name = require_text(item.name, field=f"choices.{index}.name", max_length=120)
        slug = (
            validate_slug(item.slug, field=f"choices.{index}.slug")
            if item.slug
            else slugify(name) or f"choice-{index + 1}"
        )
        if slug in seen:
            raise UserError(
                "Two choices have this slug.",
                field=f"choices.{index}.slug",
                code=ErrorCode.DUPLICATE,
            )
        seen.add(slug)
        color = (item.color or "").strip() or None
        if kind is AttributeKind.SWATCH:
            if color is None or not _COLOR.match(color):
                raise UserError("Give a colour as #RRGGBB.", field=f"choices.{index}.color")
            color = color.lower()
        elif color is not None:
            raise UserError("Only swatch choices have a colour.", field=f"choices.{index}.color")
        result.append(
            {"id": str(known.get(slug) or new_id()), "name": name, "slug": slug, "color": color}
        )
    return result


def _unit(kind: AttributeKind, unit: str) -> str | None:
    if kind is not AttributeKind.NUMBER:
        raise UserError("Only number attributes have a unit.", field="unit")
    return require_text(unit, field="unit", max_length=20) if unit.strip() else None


async def _free_slug(uow: UnitOfWork, slug: str, own_id: UUID) -> str:
    taken = await uow.attributes.by_slug(slug)
    if taken is not None and taken.id != own_id:
        raise UserError(
            "An attribute with this slug exists.", field="slug", code=ErrorCode.DUPLICATE
        )
    return slug


async def create_attribute(
    uow: UnitOfWork, merchant_id: UUID, command: AttributeInput, now: datetime
) -> Attribute:
    name = require_text(command.name, field="name", max_length=120)
    if command.kind is None:
        raise UserError("This field is required.", field="kind", code=ErrorCode.REQUIRED)
    kind = AttributeKind(command.kind)
    slug = validate_slug(command.slug) if command.slug else slugify(name)
    if not slug:
        raise UserError("Give a slug: none can be made from this name.", field="slug")
    attribute = Attribute(
        new_id(),
        merchant_id,
        name,
        await _free_slug(uow, slug, UUID(int=0)),
        kind.value,
        None,
        command.filterable if command.filterable is not None else kind in CHOICE_KINDS,
        now,
        now,
    )
    if command.unit is not None:
        attribute.unit = _unit(kind, command.unit)
    if command.choices is not None:
        attribute.choices = _choices(kind, command.choices, [])
    uow.attributes.add(attribute)
    await uow.commit()
    return attribute


async def update_attribute(
    uow: UnitOfWork, attribute_id: UUID, command: AttributeInput, now: datetime
) -> Attribute:
    attribute = await uow.attributes.get(attribute_id)
    if attribute is None:
        raise NotFound("No attribute with this id.")
    kind = attribute.attribute_kind
    if command.kind is not None and AttributeKind(command.kind) is not kind:
        raise UserError("An attribute's kind cannot change.", field="kind")
    if command.name is not None:
        attribute.name = require_text(command.name, field="name", max_length=120)
    if command.slug is not None:
        attribute.slug = await _free_slug(uow, validate_slug(command.slug), attribute.id)
    if command.unit is not None:
        attribute.unit = _unit(kind, command.unit)
    if command.filterable is not None:
        attribute.filterable = command.filterable
    if command.choices is not None:
        before = {choice.id for choice in attribute.choice_list}
        attribute.choices = _choices(kind, command.choices, attribute.choice_list)
        dropped = before - {choice.id for choice in attribute.choice_list}
        if dropped:
            await _refuse_dropping_defining_choices(uow, attribute, dropped)
            await uow.attribute_values.delete_choices(attribute.id, dropped)
    attribute.updated_at = now
    await uow.commit()
    return attribute


async def _refuse_dropping_defining_choices(
    uow: UnitOfWork, attribute: Attribute, dropped: set[UUID]
) -> None:
    """A variant's defining value cannot vanish under it: two variants could become one."""
    if await uow.attribute_values.variants_use_choices(attribute.id, dropped):
        raise UserError(
            "Variants are defined by a choice you removed; change those variants first.",
            field="choices",
            code=ErrorCode.INVALID_STATE,
        )


async def delete_attribute(uow: UnitOfWork, attribute_id: UUID) -> None:
    """Only once no product type uses it; its stored values go with it."""
    attribute = await uow.attributes.get(attribute_id)
    if attribute is None:
        raise NotFound("No attribute with this id.")
    for product_type in await uow.product_types.all():
        if attribute.id in product_type.attribute_ids:
            raise UserError(
                f"The product type '{product_type.name}' uses it; remove it there first.",
                field="id",
                code=ErrorCode.INVALID_STATE,
            )
    await uow.attributes.delete(attribute)
    await uow.commit()
