"""Sign-in, token refresh, sign-out and `me`."""

from typing import Any

from domain.auth import STAFF_KINDS, TokenPair
from domain.principals import (
    AppPrincipal,
    CustomerPrincipal,
    PlatformAdminPrincipal,
    StaffPrincipal,
)
from resolvers.context import AgoraInfo
from resolvers.payloads import Payload, mutate


def tokens_of(pair: TokenPair) -> dict[str, Any]:
    return {
        "access_token": pair.access_token,
        "access_token_expires_at": pair.access_expires_at,
        "refresh_token": pair.refresh_token,
        "refresh_token_expires_at": pair.refresh_expires_at,
    }


async def staff_login(info: AgoraInfo, merchant: str, email: str, password: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        async with context.platform_work() as uow:
            pair = await context.authenticator.staff_login(
                uow, merchant, email, password, context.clock()
            )
        return tokens_of(pair)

    return await mutate(work)


async def platform_admin_login(info: AgoraInfo, email: str, password: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        async with context.platform_work() as uow:
            pair = await context.authenticator.admin_login(uow, email, password, context.clock())
        return tokens_of(pair)

    return await mutate(work)


async def token_refresh(info: AgoraInfo, refresh_token: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        async with context.platform_work() as uow:
            pair = await context.authenticator.refresh(
                uow, refresh_token, context.clock(), kinds=STAFF_KINDS
            )
        return tokens_of(pair)

    return await mutate(work)


async def logout(info: AgoraInfo) -> Payload:
    """Revoke the caller's session: its refresh token and its access tokens stop working."""
    context = info.context

    async def work() -> dict[str, Any]:
        async with context.platform_work() as uow:
            await context.authenticator.logout(uow, context.principal, context.clock())
        return {"ok": True}

    return await mutate(work)


async def me(info: AgoraInfo) -> Any:
    """The signed-in staff user, customer, platform admin or API key; null for anonymous
    callers."""
    context = info.context
    principal = context.principal
    if isinstance(principal, CustomerPrincipal):
        return await context.loaders.customer.load(principal.customer_id)
    if isinstance(principal, StaffPrincipal):
        return await context.loaders.staff_user.load(principal.staff_id)
    if isinstance(principal, AppPrincipal):
        return await context.loaders.api_key.load(principal.api_key_id)
    if isinstance(principal, PlatformAdminPrincipal):
        async with context.platform_work() as uow:
            return await uow.auth.admin_by_id(principal.admin_id)
    return None
