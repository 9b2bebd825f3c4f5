"""Partner API keys."""

from datetime import datetime
from typing import Annotated

import strawberry

from domain import api_keys as domain
from domain.permissions import Permission as P
from resolvers import api_keys as resolvers
from resolvers.context import AgoraInfo
from resolvers.permissions import requires
from schema.connections import Connection, connection_field
from schema.errors import UserError
from schema.node import Node, shows
from schema.permissions import Permission
from schema.staff import StaffUser


@strawberry.type(description="A partner app's key. Its secret is shown only when it is created.")
@shows(domain.ApiKey)
class ApiKey(Node):
    name: str = strawberry.field(description="Display name.")
    prefix: str = strawberry.field(description="The secret's first characters, to tell keys apart.")
    created_at: datetime = strawberry.field(description="When it was created.")
    last_used_at: datetime | None = strawberry.field(
        description="When it last authenticated a request (to the minute)."
    )
    revoked_at: datetime | None = strawberry.field(description="When it was revoked, if it was.")

    @strawberry.field(description="What the key may do.")
    def scopes(self, root: domain.ApiKey) -> list[Permission]:
        return sorted(P(s) for s in root.scopes if s in P.__members__)

    @strawberry.field(
        description="The staff user who created it (needs MANAGE_STAFF, like any staff read).",
        extensions=requires(P.MANAGE_STAFF),
    )
    async def created_by(self, root: domain.ApiKey, info: AgoraInfo) -> StaffUser | None:
        return await resolvers.created_by(info, root)  # type: ignore[return-value]


@strawberry.input(description="A new API key.")
class ApiKeyCreateInput:
    name: str = strawberry.field(description="Display name.")
    scopes: list[Permission] = strawberry.field(
        description="Permissions; you must hold them yourself."
    )


@strawberry.type(description="Result of apiKeyCreate.")
class ApiKeyCreatePayload:
    api_key: ApiKey | None = strawberry.field(description="The new key.")
    secret: str | None = strawberry.field(
        description="The secret: store it now, it is never shown again."
    )
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of apiKeyRevoke.")
class ApiKeyPayload:
    api_key: ApiKey | None = strawberry.field(description="The key.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type
class ApiKeyQuery:
    api_keys: Connection[ApiKey] = connection_field(
        ApiKey,
        resolvers.api_keys,
        description="The merchant's API keys.",
        extensions=requires(P.MANAGE_APPS),
    )


@strawberry.type
class ApiKeyMutation:
    @strawberry.mutation(
        description="Create an API key; the payload holds its secret once.",
        extensions=requires(P.MANAGE_APPS),
    )
    async def api_key_create(
        self,
        info: AgoraInfo,
        input: Annotated[ApiKeyCreateInput, strawberry.argument(description="The fields to set.")],
    ) -> ApiKeyCreatePayload:
        return await resolvers.api_key_create(info, input.name, [s.value for s in input.scopes])  # type: ignore[return-value]

    @strawberry.mutation(
        description="Revoke an API key; it stops working at once.",
        extensions=requires(P.MANAGE_APPS),
    )
    async def api_key_revoke(
        self,
        info: AgoraInfo,
        id: Annotated[strawberry.ID, strawberry.argument(description="The key's ID.")],
    ) -> ApiKeyPayload:
        return await resolvers.api_key_revoke(info, id)  # type: ignore[return-value]
