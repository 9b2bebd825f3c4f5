"""The merchant's side (MANAGE_CUSTOMERS): list, search, change, tag, annotate, delete."""

from contextlib import suppress
from typing import Any

from domain.customers.accounts import (
    Customer,
    CustomerUpdate,
    change_tags,
    delete_customer,
    update_customer,
)
from domain.customers.notes import CustomerNote, add_note, delete_note
from domain.customers.search import CustomerQuery
from domain.customers.tiers import CustomerTier
from domain.staff import StaffUser
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of, encode_global_id
from resolvers.pagination import ConnectionData, PageArgs, connection, page_request
from resolvers.payloads import Payload, mutate
from resolvers.permissions import actor


async def customers(
    info: AgoraInfo, args: PageArgs, query: CustomerQuery
) -> ConnectionData[Customer]:
    request = page_request(args.first, args.after, args.last, args.before)
    async with info.context.work() as uow:
        return connection(await uow.customers.search(query, request))


async def customer(info: AgoraInfo, id: str) -> Customer | None:
    return await info.context.loaders.customer.load(decode_id_of(id, "Customer"))


async def customer_update(info: AgoraInfo, id: str, command: CustomerUpdate) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        customer_id = decode_id_of(id, "Customer")
        async with context.work() as uow:
            found = await update_customer(uow, customer_id, command, context.clock())
        return {"customer": found}

    return await mutate(work)


async def customer_tags(info: AgoraInfo, id: str, tags: list[str], *, add: bool) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        customer_id = decode_id_of(id, "Customer")
        changes = {"add": tags} if add else {"remove": tags}
        async with context.work() as uow:
            found = await change_tags(uow, customer_id, now=context.clock(), **changes)
        return {"customer": found}

    return await mutate(work)


async def customer_delete(info: AgoraInfo, id: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        customer_id = decode_id_of(id, "Customer")
        async with context.work() as uow:
            await delete_customer(uow, customer_id, context.clock())
        return {"deleted_id": encode_global_id("Customer", customer_id)}

    return await mutate(work)


async def note_add(info: AgoraInfo, id: str, body: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        customer_id = decode_id_of(id, "Customer")
        async with context.work() as uow:
            note = await add_note(uow, actor(info), customer_id, body, context.clock())
        with suppress(KeyError):
            context.loaders.notes_of_customer.clear(customer_id)
        return {"note": note}

    return await mutate(work)


async def note_delete(info: AgoraInfo, id: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        note_id = decode_id_of(id, "CustomerNote")
        async with context.work() as uow:
            await delete_note(uow, note_id)
        return {"deleted_id": encode_global_id("CustomerNote", note_id)}

    return await mutate(work)


async def notes_of(info: AgoraInfo, customer: Customer) -> list[CustomerNote]:
    return await info.context.loaders.notes_of_customer.load(customer.id)


async def author_of(info: AgoraInfo, note: CustomerNote) -> StaffUser | None:
    if note.author_staff_id is None:
        return None
    return await info.context.loaders.staff_user.load(note.author_staff_id)


async def tier_of(info: AgoraInfo, customer: Customer) -> CustomerTier | None:
    if customer.tier_id is None:
        return None
    return await info.context.loaders.customer_tier.load(customer.tier_id)
