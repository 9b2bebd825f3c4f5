"""Categories: a tree per merchant."""

from datetime import datetime
from typing import Annotated

import strawberry

from domain.catalog import categories as domain
from domain.permissions import Permission as P
from resolvers.catalog import categories as resolvers
from resolvers.catalog.translations import read_in
from resolvers.context import AgoraInfo
from resolvers.permissions import requires
from schema.catalog.translations import (
    LanguageCode,
    translatable,
    translated_connection_field,
)
from schema.connections import Connection
from schema.errors import UserError
from schema.node import Node, shows


@strawberry.type(description="A category of products, in a tree.")
@shows(domain.Category)
class Category(Node):
    name: str = translatable("name", "Display name, in the request's language.")
    slug: str = strawberry.field(description="Handle, unique within the merchant.")
    description: str = translatable("description", "Plain-text description.")
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @strawberry.field(description="The category above, if any.")
    async def parent(self, root: domain.Category, info: AgoraInfo) -> "Category | None":
        return await resolvers.parent(info, root)  # type: ignore[return-value]

    @strawberry.field(description="The categories directly below.")
    async def children(self, root: domain.Category, info: AgoraInfo) -> list["Category"]:
        return await resolvers.children(info, root)  # type: ignore[return-value]

    @strawberry.field(description="The path from the root down to the parent.")
    async def ancestors(self, root: domain.Category, info: AgoraInfo) -> list["Category"]:
        return await resolvers.ancestors_of(info, root)  # type: ignore[return-value]


@strawberry.input(description="A category's fields; omitted ones stay as they are.")
class CategoryInput:
    name: str | None = strawberry.field(
        default=None, description="Display name (required to create)."
    )
    slug: str | None = strawberry.field(
        default=None, description="Handle; made from the name if omitted."
    )
    description: str | None = strawberry.field(default=None, description="Plain-text description.")
    parent_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET,
        description="The parent category; null makes it a root. Moving never creates a cycle.",
    )


@strawberry.type(description="Result of a category mutation.")
class CategoryPayload:
    category: Category | None = strawberry.field(description="The category.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of categoryDelete.")
class CategoryDeletePayload:
    deleted_id: strawberry.ID | None = strawberry.field(description="The deleted category's ID.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


Id = Annotated[strawberry.ID, strawberry.argument(description="The category's ID.")]
Input = Annotated[CategoryInput, strawberry.argument(description="The fields to set.")]


def _parent(input: CategoryInput) -> tuple[str | None, bool]:
    if input.parent_id is strawberry.UNSET:
        return None, False
    return (None if input.parent_id is None else str(input.parent_id)), True


@strawberry.type
class CategoryQuery:
    categories: Connection[Category] = translated_connection_field(
        Category, resolvers.categories, description="Every category of the merchant."
    )

    @strawberry.field(description="A category by its slug.")
    async def category(
        self,
        info: AgoraInfo,
        slug: Annotated[str, strawberry.argument(description="The category's slug.")],
        language_code: LanguageCode = None,
    ) -> Category | None:
        read_in(info, language_code)
        return await resolvers.category_by_slug(info, slug)  # type: ignore[return-value]


@strawberry.type
class CategoryMutation:
    @strawberry.mutation(description="Create a category.", extensions=requires(P.MANAGE_PRODUCTS))
    async def category_create(self, info: AgoraInfo, input: Input) -> CategoryPayload:
        parent, _ = _parent(input)
        return await resolvers.category_create(  # type: ignore[return-value]
            info, input.name or "", input.slug, input.description, parent
        )

    @strawberry.mutation(
        description="Change or move a category.", extensions=requires(P.MANAGE_PRODUCTS)
    )
    async def category_update(self, info: AgoraInfo, id: Id, input: Input) -> CategoryPayload:
        parent, move = _parent(input)
        return await resolvers.category_update(  # type: ignore[return-value]
            info, id, input.name, input.slug, input.description, parent, move
        )

    @strawberry.mutation(
        description="Delete a category: its children move up, its products become uncategorised.",
        extensions=requires(P.MANAGE_PRODUCTS),
    )
    async def category_delete(self, info: AgoraInfo, id: Id) -> CategoryDeletePayload:
        return await resolvers.category_delete(info, id)  # type: ignore[return-value]
