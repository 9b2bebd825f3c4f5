"""Attributes, their choices, and product types."""

import datetime as dt
from datetime import datetime
from typing import Annotated

import strawberry

from domain.catalog import attributes as domain
from domain.catalog import product_types as type_domain
from domain.permissions import Permission as P
from resolvers.catalog import attributes as resolvers
from resolvers.catalog.attributes import AttributeValueFields
from resolvers.catalog.translations import read_in
from resolvers.context import AgoraInfo
from resolvers.permissions import members_only, requires
from schema.catalog.translations import LanguageCode, translatable, translated_connection_field
from schema.connections import Connection, connection_field
from schema.enums import graphql_enum
from schema.errors import UserError
from schema.node import Node, shows

MANAGE = requires(P.MANAGE_PRODUCTS)

graphql_enum(
    domain.AttributeKind,
    "What kind of value an attribute holds.",
    {
        "TEXT": "A line of plain text.",
        "RICH_TEXT": "Sanitised HTML.",
        "NUMBER": "A decimal number, with the attribute's unit.",
        "BOOLEAN": "Yes or no.",
        "DATE": "A calendar date.",
        "SINGLE_SELECT": "One of the attribute's choices.",
        "MULTI_SELECT": "Any of the attribute's choices.",
        "SWATCH": "One of the attribute's colour choices.",
    },
)


graphql_enum(
    type_domain.ProductTypeKind,
    "What selling a product of a type does.",
    {
        "STANDARD": "A product that is shipped or picked up.",
        "GIFT_CARD": (
            "A gift card: each unit paid for issues a card worth the unit price, whose code "
            "is sent to the buyer."
        ),
    },
)


@strawberry.type(description="One of a select or swatch attribute's values.")
class AttributeChoice:
    name: str = translatable(
        "name", "Display name, e.g. 'Forest green', in the request's language."
    )
    slug: str = strawberry.field(description="Handle, unique within the attribute.")
    color: str | None = strawberry.field(description="Swatch colour as #rrggbb.")


@strawberry.type(description="A typed fact about products, such as material, size or colour.")
@shows(domain.Attribute)
class Attribute(Node):
    name: str = translatable("name", "Display name, in the request's language.")
    slug: str = strawberry.field(description="Handle, unique within the merchant.")
    unit: str | None = strawberry.field(description="Unit of a number attribute, e.g. 'kg'.")
    filterable: bool = strawberry.field(description="Storefronts may filter and facet by it.")
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @strawberry.field(description="The kind of value it holds.")
    def kind(self, root: domain.Attribute) -> domain.AttributeKind:
        return root.attribute_kind

    @strawberry.field(description="Its choices, in display order (select and swatch kinds).")
    def choices(self, root: domain.Attribute) -> list[AttributeChoice]:
        return root.choice_list  # type: ignore[return-value]


@strawberry.type(description="Which attributes describe a kind of product and its variants.")
@shows(type_domain.ProductType)
class ProductType(Node):
    name: str = strawberry.field(description="Display name.")
    slug: str = strawberry.field(description="Handle, unique within the merchant.")
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @strawberry.field(description="What selling its products does.")
    def kind(self, root: type_domain.ProductType) -> type_domain.ProductTypeKind:
        return type_domain.ProductTypeKind(root.kind)

    @strawberry.field(description="Attributes of the product itself, in display order.")
    async def product_attributes(
        self, root: type_domain.ProductType, info: AgoraInfo
    ) -> list[Attribute]:
        return await resolvers.attributes_by_ids(info, root.product_attribute_ids)  # type: ignore[return-value]

    @strawberry.field(description="Attributes that tell its variants apart (e.g. size, colour).")
    async def variant_attributes(
        self, root: type_domain.ProductType, info: AgoraInfo
    ) -> list[Attribute]:
        return await resolvers.attributes_by_ids(info, root.variant_attribute_ids)  # type: ignore[return-value]


@strawberry.type(description="An attribute and the value(s) a product or variant holds for it.")
class SelectedAttribute:
    attribute: Attribute = strawberry.field(description="The attribute.")
    choices: list[AttributeChoice] = strawberry.field(
        description="The chosen choices (select and swatch kinds)."
    )
    text: str | None = strawberry.field(description="Text, or sanitised HTML for rich text.")
    number: str | None = strawberry.field(description="A decimal number as a string.")
    boolean: bool | None = strawberry.field(description="Yes or no.")
    date: dt.date | None = strawberry.field(description="A calendar date.")


@strawberry.input(description="Values for one attribute: give the field its kind takes.")
class AttributeValueInput:
    attribute_id: strawberry.ID = strawberry.field(description="The attribute.")
    choices: list[str] | None = strawberry.field(
        default=None, description="Choice slugs (select and swatch kinds)."
    )
    text: str | None = strawberry.field(
        default=None, description="Text, or HTML for rich text (sanitised)."
    )
    number: str | None = strawberry.field(default=None, description='A decimal, e.g. "2.5".')
    boolean: bool | None = strawberry.field(default=None, description="Yes or no.")
    date: dt.date | None = strawberry.field(default=None, description="A calendar date.")

    def fields(self) -> AttributeValueFields:
        return AttributeValueFields(
            str(self.attribute_id), self.choices, self.text, self.number, self.boolean, self.date
        )


def value_fields(
    inputs: list[AttributeValueInput] | None,
) -> list[AttributeValueFields] | None:
    return None if inputs is None else [i.fields() for i in inputs]


@strawberry.input(description="A choice of a select or swatch attribute.")
class AttributeChoiceInput:
    name: str = strawberry.field(description="Display name.")
    slug: str | None = strawberry.field(
        default=None,
        description="Handle; made from the name if omitted. Keeps the choice's values.",
    )
    color: str | None = strawberry.field(default=None, description="#rrggbb, for swatches.")


@strawberry.input(description="An attribute's fields; omitted ones stay as they are.")
class AttributeInput:
    name: str | None = strawberry.field(
        default=None, description="Display name (required to create)."
    )
    slug: str | None = strawberry.field(
        default=None, description="Handle; made from the name if omitted."
    )
    kind: domain.AttributeKind | None = strawberry.field(
        default=None, description="Its kind (required to create; fixed afterwards)."
    )
    unit: str | None = strawberry.field(default=None, description="Unit of a number attribute.")
    filterable: bool | None = strawberry.field(
        default=None, description="Storefronts may filter and facet by it."
    )
    choices: list[AttributeChoiceInput] | None = strawberry.field(
        default=None,
        description="Every choice, in order (replaces all; values of removed choices go).",
    )

    def command(self) -> domain.AttributeInput:
        return domain.AttributeInput(
            self.name,
            self.slug,
            self.kind,
            self.unit,
            self.filterable,
            None
            if self.choices is None
            else [domain.ChoiceInput(c.name, c.slug, c.color) for c in self.choices],
        )


@strawberry.input(description="A product type's fields; omitted ones stay as they are.")
class ProductTypeInput:
    name: str | None = strawberry.field(
        default=None, description="Display name (required to create)."
    )
    slug: str | None = strawberry.field(
        default=None, description="Handle; made from the name if omitted."
    )
    product_attribute_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Attributes of the product itself, in order (replaces all)."
    )
    variant_attribute_ids: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="Attributes that tell variants apart, in order; fixed once products use it.",
    )
    kind: type_domain.ProductTypeKind | None = strawberry.field(
        default=None, description="What selling it does (STANDARD when created without one)."
    )


@strawberry.type(description="Result of an attribute mutation.")
class AttributePayload:
    attribute: Attribute | None = strawberry.field(description="The attribute.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of a product type mutation.")
class ProductTypePayload:
    product_type: ProductType | None = strawberry.field(description="The product type.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of a delete mutation.")
class DeletePayload:
    deleted_id: strawberry.ID | None = strawberry.field(description="The deleted object's ID.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


AttributeId = Annotated[strawberry.ID, strawberry.argument(description="The attribute's ID.")]
TypeId = Annotated[strawberry.ID, strawberry.argument(description="The product type's ID.")]
AttributeFields = Annotated[AttributeInput, strawberry.argument(description="The fields to set.")]
TypeFields = Annotated[ProductTypeInput, strawberry.argument(description="The fields to set.")]


def _ids(values: list[strawberry.ID] | None) -> list[str] | None:
    return None if values is None else [str(v) for v in values]


@strawberry.type
class AttributeQuery:
    attributes: Connection[Attribute] = translated_connection_field(
        Attribute, resolvers.attributes, description="Every attribute of the merchant."
    )
    product_types: Connection[ProductType] = connection_field(
        ProductType,
        resolvers.product_types,
        description="Every product type of the merchant (staff and apps).",
        extensions=members_only(),
    )

    @strawberry.field(description="An attribute by its slug.")
    async def attribute(
        self,
        info: AgoraInfo,
        slug: Annotated[str, strawberry.argument(description="The attribute's slug.")],
        language_code: LanguageCode = None,
    ) -> Attribute | None:
        read_in(info, language_code)
        return await resolvers.attribute_by_slug(info, slug)  # type: ignore[return-value]


@strawberry.type
class AttributeMutation:
    @strawberry.mutation(description="Create an attribute.", extensions=MANAGE)
    async def attribute_create(self, info: AgoraInfo, input: AttributeFields) -> AttributePayload:
        return await resolvers.attribute_create(info, input.command())  # type: ignore[return-value]

    @strawberry.mutation(description="Change an attribute or its choices.", extensions=MANAGE)
    async def attribute_update(
        self, info: AgoraInfo, id: AttributeId, input: AttributeFields
    ) -> AttributePayload:
        return await resolvers.attribute_update(info, id, input.command())  # type: ignore[return-value]

    @strawberry.mutation(
        description="Delete an attribute no product type uses, with its values.", extensions=MANAGE
    )
    async def attribute_delete(self, info: AgoraInfo, id: AttributeId) -> DeletePayload:
        return await resolvers.attribute_delete(info, id)  # type: ignore[return-value]

    @strawberry.mutation(description="Create a product type.", extensions=MANAGE)
    async def product_type_create(self, info: AgoraInfo, input: TypeFields) -> ProductTypePayload:
        return await resolvers.product_type_create(  # type: ignore[return-value]
            info,
            input.name,
            input.slug,
            _ids(input.product_attribute_ids),
            _ids(input.variant_attribute_ids),
            input.kind,
        )

    @strawberry.mutation(description="Change a product type.", extensions=MANAGE)
    async def product_type_update(
        self, info: AgoraInfo, id: TypeId, input: TypeFields
    ) -> ProductTypePayload:
        return await resolvers.product_type_update(  # type: ignore[return-value]
            info,
            id,
            input.name,
            input.slug,
            _ids(input.product_attribute_ids),
            _ids(input.variant_attribute_ids),
            input.kind,
        )

    @strawberry.mutation(description="Delete a product type no product uses.", extensions=MANAGE)
    async def product_type_delete(self, info: AgoraInfo, id: TypeId) -> DeletePayload:
        return await resolvers.product_type_delete(info, id)  # type: ignore[return-value]
