"""Signing in and out, refreshing tokens, and who is asking (`me`)."""

from datetime import datetime
from typing import Annotated

import strawberry

from domain import auth as domain
from resolvers import auth as resolvers
from resolvers.context import AgoraInfo
from schema.api_keys import ApiKey
from schema.customers.types import Customer
from schema.errors import UserError
from schema.node import Node, shows
from schema.staff import StaffUser


@strawberry.type(description="An operator of the whole platform: creates and suspends merchants.")
@shows(domain.PlatformAdmin)
class PlatformAdmin(Node):
    email: str = strawberry.field(description="Sign-in email.")
    created_at: datetime = strawberry.field(description="When it was created.")


Viewer = Annotated[
    StaffUser | PlatformAdmin | ApiKey | Customer,
    strawberry.union("Viewer", description="Whoever the request authenticates as."),
]


@strawberry.type(description="A fresh pair of tokens.")
class TokenPayload:
    access_token: str | None = strawberry.field(
        description="Send as `Authorization: Bearer <token>`; short-lived."
    )
    access_token_expires_at: datetime | None = strawberry.field(description="When it expires.")
    refresh_token: str | None = strawberry.field(
        description="Exchange once with tokenRefresh for a new pair; single use."
    )
    refresh_token_expires_at: datetime | None = strawberry.field(
        description="When the session ends and a new sign-in is needed."
    )
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of logout.")
class LogoutPayload:
    ok: bool | None = strawberry.field(description="True when the session was revoked.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


Email = Annotated[str, strawberry.argument(description="Sign-in email.")]
Password = Annotated[str, strawberry.argument(description="Password.")]


@strawberry.type
class AuthQuery:
    @strawberry.field(description="Who the request authenticates as; null when anonymous.")
    async def me(self, info: AgoraInfo) -> Viewer | None:
        return await resolvers.me(info)  # type: ignore[no-any-return]


@strawberry.type
class AuthMutation:
    @strawberry.mutation(description="Sign a staff user in to a merchant.")
    async def staff_login(
        self,
        info: AgoraInfo,
        merchant: Annotated[str, strawberry.argument(description="The merchant's slug.")],
        email: Email,
        password: Password,
    ) -> TokenPayload:
        return await resolvers.staff_login(info, merchant, email, password)  # type: ignore[return-value]

    @strawberry.mutation(description="Sign a platform admin in.")
    async def platform_admin_login(
        self, info: AgoraInfo, email: Email, password: Password
    ) -> TokenPayload:
        return await resolvers.platform_admin_login(info, email, password)  # type: ignore[return-value]

    @strawberry.mutation(
        description="Exchange a refresh token for a new pair. Reusing a used one ends the session."
    )
    async def token_refresh(
        self,
        info: AgoraInfo,
        refresh_token: Annotated[
            str, strawberry.argument(description="The current refresh token.")
        ],
    ) -> TokenPayload:
        return await resolvers.token_refresh(info, refresh_token)  # type: ignore[return-value]

    @strawberry.mutation(description="Sign out: revoke this session's refresh and access tokens.")
    async def logout(self, info: AgoraInfo) -> LogoutPayload:
        return await resolvers.logout(info)  # type: ignore[return-value]


__all__ = ["AuthMutation", "AuthQuery", "Node", "PlatformAdmin"]
