"""Storefronts: sales channels with their own public token."""

from datetime import datetime
from typing import Annotated

import strawberry

from domain import storefronts as domain
from domain.permissions import Permission as P
from resolvers import storefronts as resolvers
from resolvers.context import AgoraInfo
from resolvers.permissions import requires
from schema.connections import Connection, connection_field
from schema.enums import graphql_enum
from schema.errors import UserError
from schema.node import Node, shows

StorefrontKind = domain.StorefrontKind
graphql_enum(
    StorefrontKind,
    "What sort of sales channel a storefront is.",
    {
        "WEB": "A web shop.",
        "APP": "A mobile or desktop app.",
        "SOCIAL": "A social network shop.",
        "MARKETPLACE": "A marketplace listing.",
        "POS": "A point of sale in a shop.",
        "OTHER": "Any other channel.",
    },
)


@strawberry.type(description="A sales channel: its own currency, country and view of the catalog.")
@shows(domain.Storefront)
class Storefront(Node):
    name: str = strawberry.field(description="Display name.")
    kind: StorefrontKind = strawberry.field(description="What sort of channel it is.")
    currency: str = strawberry.field(description="ISO 4217 code prices are shown in.")
    default_country: str = strawberry.field(description="ISO 3166-1 alpha-2 default country.")
    is_active: bool = strawberry.field(description="An inactive storefront's token is refused.")
    languages: list[str] = strawberry.field(
        description="Languages it is read in, the default (the one text is entered in) first."
    )
    prices_include_tax: bool = strawberry.field(
        description="Whether its prices are entered with tax included."
    )
    trusted_documents_only: bool = strawberry.field(
        description="Visitors and customers may send only the merchant's trusted documents."
    )
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    token: str | None = strawberry.field(
        description="The public token its clients send as `Agora-Storefront-Token`.",
        extensions=requires(P.MANAGE_STOREFRONTS),
    )


@strawberry.input(description="A storefront's settings; omitted fields stay as they are.")
class StorefrontInput:
    name: str | None = strawberry.field(
        default=None, description="Display name (required to create)."
    )
    kind: StorefrontKind | None = strawberry.field(
        default=None, description="Channel kind (default WEB)."
    )
    currency: str | None = strawberry.field(
        default=None, description="ISO 4217 code (required to create)."
    )
    default_country: str | None = strawberry.field(
        default=None, description="ISO 3166-1 alpha-2 code (required to create)."
    )
    is_active: bool | None = strawberry.field(default=None, description="Whether its token works.")
    languages: list[str] | None = strawberry.field(
        default=None, description="Languages, the default first, e.g. ['en', 'fr']."
    )
    prices_include_tax: bool | None = strawberry.field(
        default=None, description="Prices are entered with tax included (default false)."
    )
    trusted_documents_only: bool | None = strawberry.field(
        default=None,
        description="Refuse visitors' and customers' documents that are not trusted documents.",
    )

    def command(self) -> domain.StorefrontInput:
        return domain.StorefrontInput(
            self.name,
            self.kind,
            self.currency,
            self.default_country,
            self.is_active,
            self.languages,
            self.prices_include_tax,
            self.trusted_documents_only,
        )


@strawberry.type(description="Result of a storefront mutation.")
class StorefrontPayload:
    storefront: Storefront | None = strawberry.field(description="The storefront.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


Id = Annotated[strawberry.ID, strawberry.argument(description="The storefront's ID.")]


@strawberry.type
class StorefrontQuery:
    @strawberry.field(description="The storefront whose token the request carries.")
    def storefront(self, info: AgoraInfo) -> Storefront | None:
        return resolvers.current_storefront(info)  # type: ignore[return-value]

    storefronts: Connection[Storefront] = connection_field(
        Storefront,
        resolvers.storefronts,
        description="The merchant's storefronts.",
        extensions=requires(P.MANAGE_STOREFRONTS),
    )


@strawberry.type
class StorefrontMutation:
    @strawberry.mutation(
        description="Create a storefront with a new public token.",
        extensions=requires(P.MANAGE_STOREFRONTS),
    )
    async def storefront_create(
        self,
        info: AgoraInfo,
        input: Annotated[StorefrontInput, strawberry.argument(description="The fields to set.")],
    ) -> StorefrontPayload:
        return await resolvers.storefront_create(info, input.command())  # type: ignore[return-value]

    @strawberry.mutation(
        description="Change a storefront.", extensions=requires(P.MANAGE_STOREFRONTS)
    )
    async def storefront_update(
        self,
        info: AgoraInfo,
        id: Id,
        input: Annotated[StorefrontInput, strawberry.argument(description="The fields to change.")],
    ) -> StorefrontPayload:
        return await resolvers.storefront_update(info, id, input.command())  # type: ignore[return-value]

    @strawberry.mutation(
        description="Replace a storefront's public token; the old one stops working at once.",
        extensions=requires(P.MANAGE_STOREFRONTS),
    )
    async def storefront_token_rotate(self, info: AgoraInfo, id: Id) -> StorefrontPayload:
        return await resolvers.storefront_token_rotate(info, id)  # type: ignore[return-value]
