"""Gift cards (MANAGE_GIFT_CARDS: staff or a partner API key), and a customer's own cards."""

from datetime import datetime
from typing import Any
from uuid import UUID

from domain.customers.accounts import Customer
from domain.ids import encode_global_id
from domain.payments.gift_card_admin import (
    GiftCardChanges,
    GiftCardIssue,
    adjust_balance,
    gift_card_query,
    issue_gift_card,
    update_gift_card,
)
from domain.payments.gift_cards import GiftCard, GiftCardActorKind, GiftCardTransaction, actor_of
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of
from resolvers.pagination import ConnectionData, PageArgs, connection, page_request
from resolvers.payloads import Payload, mutate
from resolvers.permissions import actor

# The Node type an actor's id is shown as.
_ACTOR_TYPES = {
    GiftCardActorKind.STAFF: "StaffUser",
    GiftCardActorKind.API_KEY: "ApiKey",
    GiftCardActorKind.CUSTOMER: "Customer",
}


async def gift_card_issue(
    info: AgoraInfo,
    initial_balance: str,
    currency: str,
    expires_at: datetime | None,
    customer_id: str | None,
    note: str | None,
) -> Payload:
    context = info.context
    principal = actor(info)

    async def work() -> dict[str, Any]:
        command = GiftCardIssue(
            initial_balance=initial_balance,
            currency=currency,
            expires_at=expires_at,
            customer_id=None
            if customer_id is None
            else decode_id_of(customer_id, "Customer", field="customerId"),
            note=note,
        )
        async with context.work() as uow:
            issued = await issue_gift_card(
                uow, principal.merchant_id, actor_of(principal), command, context.clock()
            )
        return {"gift_card": issued.card, "code": issued.code}

    return await mutate(work)


async def gift_card_update(info: AgoraInfo, id: str, changes: GiftCardChanges) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        card_id = decode_id_of(id, "GiftCard")
        async with context.work() as uow:
            card = await update_gift_card(uow, card_id, changes, context.clock())
        return {"gift_card": card}

    return await mutate(work)


async def gift_card_balance_adjust(
    info: AgoraInfo, id: str, amount: str, note: str | None
) -> Payload:
    context = info.context
    principal = actor(info)

    async def work() -> dict[str, Any]:
        card_id = decode_id_of(id, "GiftCard")
        async with context.work() as uow:
            card = await adjust_balance(
                uow, actor_of(principal), card_id, amount, note, context.clock()
            )
        return {"gift_card": card}

    return await mutate(work)


async def gift_cards(
    info: AgoraInfo,
    args: PageArgs,
    *,
    is_active: bool | None,
    customer_id: str | None,
    last4: str | None,
    code: str | None,
) -> ConnectionData[GiftCard]:
    query = gift_card_query(
        is_active=is_active,
        customer_id=None
        if customer_id is None
        else decode_id_of(customer_id, "Customer", field="filter.customerId"),
        last4=last4,
        code=code,
    )
    request = page_request(args.first, args.after, args.last, args.before)
    async with info.context.work() as uow:
        return connection(await uow.gift_cards.search(query, request))


async def transactions_of(info: AgoraInfo, card: GiftCard) -> list[GiftCardTransaction]:
    return await info.context.loaders.transactions_of_gift_card.load(card.id)


async def customer_of(info: AgoraInfo, card: GiftCard) -> Customer | None:
    if card.customer_id is None:
        return None
    return await info.context.loaders.customer.load(card.customer_id)


async def gift_cards_of(info: AgoraInfo, customer: Customer) -> list[GiftCard]:
    return await info.context.loaders.gift_cards_of_customer.load(customer.id)


def is_expired(info: AgoraInfo, card: GiftCard) -> bool:
    return card.expired(info.context.clock())


def actor_id(kind: str, id: UUID | None) -> str | None:
    """The global ID of who acted (a staff user, API key or customer); None for the system."""
    type_name = _ACTOR_TYPES.get(GiftCardActorKind(kind))
    return None if type_name is None or id is None else encode_global_id(type_name, id)


def order_id_of(entry: GiftCardTransaction) -> str | None:
    """The global ID of the order a ledger entry paid or refunded."""
    return None if entry.order_id is None else encode_global_id("Order", entry.order_id)


def customer_id_of(card: GiftCard) -> str | None:
    return None if card.customer_id is None else encode_global_id("Customer", card.customer_id)
