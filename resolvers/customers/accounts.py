"""The storefront side of an account: sign-up, sign-in, codes, profile, deletion, export.

Sign-up, sign-in and the reset request name the merchant through the storefront token; the
rest act on the signed-in customer's own account, whose id comes from the session only.
"""

import json
from typing import Any
from uuid import UUID

from domain.auth import SubjectKind
from domain.customers import account_tokens
from domain.customers.accounts import (
    Customer,
    ProfileInput,
    RegisterCustomer,
    change_password,
    delete_own_account,
    update_profile,
)
from domain.customers.export import export_customer
from domain.errors import Unauthenticated
from domain.principals import CustomerPrincipal
from resolvers.auth import tokens_of
from resolvers.context import AgoraInfo, Context
from resolvers.ids import encode_global_id
from resolvers.payloads import Payload, mutate
from resolvers.permissions import shopper


def storefront_merchant(context: Context) -> UUID:
    """The merchant whose storefront token the request carries: accounts are per merchant."""
    if context.storefront is None:
        raise Unauthenticated("Send the storefront's token (Agora-Storefront-Token).")
    return context.storefront.merchant_id


async def customer_register(info: AgoraInfo, command: RegisterCustomer) -> Payload:
    context = info.context
    merchant_id = storefront_merchant(context)

    async def work() -> dict[str, Any]:
        async with context.work() as uow:
            message = await account_tokens.register(
                uow, merchant_id, command, context.hasher, context.clock()
            )
        await context.notifier.send(message)
        return {"ok": True}  # the same answer whether or not the email had an account

    return await mutate(work)


async def customer_login(info: AgoraInfo, email: str, password: str) -> Payload:
    context = info.context
    merchant_id = storefront_merchant(context)

    async def work() -> dict[str, Any]:
        async with context.platform_work() as uow:
            pair = await context.authenticator.customer_login(
                uow, merchant_id, email, password, context.clock()
            )
        return tokens_of(pair)

    return await mutate(work)


async def customer_token_refresh(info: AgoraInfo, refresh_token: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        async with context.platform_work() as uow:
            pair = await context.authenticator.refresh(
                uow, refresh_token, context.clock(), kinds=frozenset({SubjectKind.CUSTOMER})
            )
        return tokens_of(pair)

    return await mutate(work)


async def customer_logout(info: AgoraInfo) -> Payload:
    context = info.context
    principal = shopper(info)

    async def work() -> dict[str, Any]:
        async with context.platform_work() as uow:
            await context.authenticator.logout(uow, principal, context.clock())
        return {"ok": True}

    return await mutate(work)


async def email_verify(info: AgoraInfo, token: str) -> Payload:
    context = info.context
    storefront_merchant(context)

    async def work() -> dict[str, Any]:
        async with context.work() as uow:
            customer = await account_tokens.verify_email(uow, token, context.clock())
        return {"customer": customer}

    return await mutate(work)


async def verification_resend(info: AgoraInfo) -> Payload:
    context = info.context
    principal = shopper(info)

    async def work() -> dict[str, Any]:
        async with context.work() as uow:
            message = await account_tokens.resend_verification(uow, principal, context.clock())
        if message is not None:
            await context.notifier.send(message)
        return {"ok": True}

    return await mutate(work)


async def password_reset_request(info: AgoraInfo, email: str) -> Payload:
    context = info.context
    merchant_id = storefront_merchant(context)

    async def work() -> dict[str, Any]:
        async with context.work() as uow:
            message = await account_tokens.request_password_reset(
                uow, context.authenticator.throttle, merchant_id, email, context.clock()
            )
        if message is not None:
            await context.notifier.send(message)
        return {"ok": True}  # the same answer whether or not the email has an account

    return await mutate(work)


async def password_reset(info: AgoraInfo, token: str, new_password: str) -> Payload:
    context = info.context
    storefront_merchant(context)

    async def work() -> dict[str, Any]:
        async with context.work() as uow:
            await account_tokens.reset_password(
                uow, token, new_password, context.hasher, context.clock()
            )
        return {"ok": True}

    return await mutate(work)


async def profile_update(info: AgoraInfo, command: ProfileInput) -> Payload:
    context = info.context
    principal = shopper(info)

    async def work() -> dict[str, Any]:
        async with context.work() as uow:
            customer = await update_profile(uow, principal, command, context.clock())
        return {"customer": customer}

    return await mutate(work)


async def password_change(info: AgoraInfo, current_password: str, new_password: str) -> Payload:
    context = info.context
    principal = shopper(info)

    async def work() -> dict[str, Any]:
        async with context.work() as uow:
            customer = await change_password(
                uow, principal, current_password, new_password, context.hasher, context.clock()
            )
        return {"customer": customer}

    return await mutate(work)


async def account_delete(info: AgoraInfo, password: str) -> Payload:
    context = info.context
    principal = shopper(info)

    async def work() -> dict[str, Any]:
        async with context.work() as uow:
            deleted = await delete_own_account(
                uow, principal, password, context.hasher, context.clock()
            )
        return {"deleted_id": encode_global_id("Customer", deleted)}

    return await mutate(work)


def is_self(context: Context, customer: Customer) -> bool:
    principal = context.principal
    return isinstance(principal, CustomerPrincipal) and principal.customer_id == customer.id


async def data_export(info: AgoraInfo, customer: Customer) -> str:
    """Everything stored about the customer as JSON: the customer's own export leaves out
    the merchant's notes and private metadata (staff get those too)."""
    context = info.context
    async with context.work() as uow:
        document = await export_customer(uow, customer.id, for_staff=not is_self(context, customer))
    return json.dumps(document, ensure_ascii=False, sort_keys=True)
