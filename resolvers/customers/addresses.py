"""A signed-in customer's address book (their own addresses only)."""

from typing import Any

from domain.customers.accounts import Customer
from domain.customers.addresses import (
    Address,
    AddressInput,
    create_address,
    delete_address,
    update_address,
)
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of, encode_global_id
from resolvers.payloads import Payload, mutate
from resolvers.permissions import shopper


async def address_create(info: AgoraInfo, command: AddressInput) -> Payload:
    context = info.context
    principal = shopper(info)

    async def work() -> dict[str, Any]:
        async with context.work() as uow:
            address = await create_address(uow, principal.customer_id, command, context.clock())
        return {"address": address}

    return await mutate(work)


async def address_update(info: AgoraInfo, id: str, command: AddressInput) -> Payload:
    context = info.context
    principal = shopper(info)

    async def work() -> dict[str, Any]:
        address_id = decode_id_of(id, "Address")
        async with context.work() as uow:
            address = await update_address(
                uow, principal.customer_id, address_id, command, context.clock()
            )
        return {"address": address}

    return await mutate(work)


async def address_delete(info: AgoraInfo, id: str) -> Payload:
    context = info.context
    principal = shopper(info)

    async def work() -> dict[str, Any]:
        address_id = decode_id_of(id, "Address")
        async with context.work() as uow:
            await delete_address(uow, principal.customer_id, address_id)
        return {"deleted_id": encode_global_id("Address", address_id)}

    return await mutate(work)


async def addresses_of(info: AgoraInfo, customer: Customer) -> list[Address]:
    return await info.context.loaders.addresses_of_customer.load(customer.id)


async def default_address(info: AgoraInfo, customer: Customer, kind: str) -> Address | None:
    """The default shipping (`kind` "shipping") or billing address."""
    for address in await addresses_of(info, customer):
        if getattr(address, f"is_default_{kind}"):
            return address
    return None
