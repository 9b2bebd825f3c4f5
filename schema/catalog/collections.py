"""Collections: hand-picked, ordered sets of products."""

from datetime import datetime
from typing import Annotated

import strawberry

from domain.catalog import collections as domain
from domain.permissions import Permission as P
from resolvers.catalog import collections as resolvers
from resolvers.catalog.translations import read_in
from resolvers.context import AgoraInfo
from resolvers.pagination import PageArgs
from resolvers.permissions import requires
from schema.catalog.products import Product
from schema.catalog.translations import (
    LanguageCode,
    translatable,
    translatable_optional,
    translated_connection_field,
)
from schema.connections import After, Before, Connection, First, Last
from schema.errors import UserError
from schema.node import Node, shows

MANAGE = requires(P.MANAGE_PRODUCTS)


@strawberry.type(description="A hand-picked, ordered set of products.")
@shows(domain.Collection)
class Collection(Node):
    name: str = translatable("name", "Display name, in the request's language.")
    slug: str = strawberry.field(description="Handle, unique within the merchant.")
    description_html: str = translatable("description_html", "Sanitised HTML description.")
    seo_title: str | None = translatable_optional("seo_title", "Title for search engines.")
    seo_description: str | None = translatable_optional(
        "seo_description", "Description for search engines."
    )
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @strawberry.field(
        description="Its products in the collection's order; visitors see those their "
        "storefront lists now."
    )
    async def products(
        self,
        root: domain.Collection,
        info: AgoraInfo,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Product]:
        args = PageArgs(first, after, last, before)
        return await resolvers.products_of(info, root, args)  # type: ignore[return-value]


@strawberry.input(description="A collection's fields; omitted ones stay as they are.")
class CollectionInput:
    name: str | None = strawberry.field(
        default=None, description="Display name (required to create)."
    )
    slug: str | None = strawberry.field(
        default=None, description="Handle; made from the name if omitted."
    )
    description_html: str | None = strawberry.field(
        default=None, description="HTML; scripts, handlers and styles are removed."
    )
    seo_title: str | None = strawberry.field(default=None, description="Title for search engines.")
    seo_description: str | None = strawberry.field(
        default=None, description="Description for search engines."
    )

    def command(self) -> domain.CollectionInput:
        return domain.CollectionInput(
            self.name, self.slug, self.description_html, self.seo_title, self.seo_description
        )


@strawberry.type(description="Result of a collection mutation.")
class CollectionPayload:
    collection: Collection | None = strawberry.field(description="The collection.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of collectionDelete.")
class CollectionDeletePayload:
    deleted_id: strawberry.ID | None = strawberry.field(description="The deleted collection's ID.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


Id = Annotated[strawberry.ID, strawberry.argument(description="The collection's ID.")]
Fields = Annotated[CollectionInput, strawberry.argument(description="The fields to set.")]
ProductIds = Annotated[
    list[strawberry.ID], strawberry.argument(description="Product IDs (at most 500).")
]


@strawberry.type
class CollectionQuery:
    collections: Connection[Collection] = translated_connection_field(
        Collection, resolvers.collections, description="Every collection of the merchant."
    )

    @strawberry.field(description="A collection by its slug.")
    async def collection(
        self,
        info: AgoraInfo,
        slug: Annotated[str, strawberry.argument(description="The collection's slug.")],
        language_code: LanguageCode = None,
    ) -> Collection | None:
        read_in(info, language_code)
        return await resolvers.collection_by_slug(info, slug)  # type: ignore[return-value]


@strawberry.type
class CollectionMutation:
    @strawberry.mutation(description="Create a collection.", extensions=MANAGE)
    async def collection_create(self, info: AgoraInfo, input: Fields) -> CollectionPayload:
        return await resolvers.collection_create(info, input.command())  # type: ignore[return-value]

    @strawberry.mutation(description="Change a collection.", extensions=MANAGE)
    async def collection_update(self, info: AgoraInfo, id: Id, input: Fields) -> CollectionPayload:
        return await resolvers.collection_update(info, id, input.command())  # type: ignore[return-value]

    @strawberry.mutation(description="Delete a collection (its products stay).", extensions=MANAGE)
    async def collection_delete(self, info: AgoraInfo, id: Id) -> CollectionDeletePayload:
        return await resolvers.collection_delete(info, id)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Append products to a collection (ones already in it stay where they are).",
        extensions=MANAGE,
    )
    async def collection_products_add(
        self, info: AgoraInfo, id: Id, product_ids: ProductIds
    ) -> CollectionPayload:
        return await resolvers.collection_products(info, "add", id, product_ids)  # type: ignore[return-value]

    @strawberry.mutation(description="Remove products from a collection.", extensions=MANAGE)
    async def collection_products_remove(
        self, info: AgoraInfo, id: Id, product_ids: ProductIds
    ) -> CollectionPayload:
        return await resolvers.collection_products(info, "remove", id, product_ids)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Make exactly these products the collection's, in this order.",
        extensions=MANAGE,
    )
    async def collection_products_set(
        self, info: AgoraInfo, id: Id, product_ids: ProductIds
    ) -> CollectionPayload:
        return await resolvers.collection_products(info, "set", id, product_ids)  # type: ignore[return-value]
