"""Trusted documents (MANAGE_STOREFRONTS): the merchant's allow-list of GraphQL documents."""

from typing import Any

from domain.trusted_documents import (
    TrustedDocument,
    register_trusted_document,
    remove_trusted_document,
)
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of
from resolvers.pagination import ConnectionData, PageArgs, paginate
from resolvers.payloads import Payload, mutate
from resolvers.permissions import actor


async def trusted_document_register(info: AgoraInfo, name: str, document: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        async with context.work() as uow:
            trusted = await register_trusted_document(
                uow, actor(info).merchant_id, name, document, context.clock()
            )
        return {"trusted_document": trusted}

    return await mutate(work)


async def trusted_document_delete(info: AgoraInfo, id: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        document_id = decode_id_of(id, "TrustedDocument")
        async with context.work() as uow:
            trusted = await remove_trusted_document(uow, document_id)
        return {"trusted_document": trusted}

    return await mutate(work)


async def trusted_documents(info: AgoraInfo, args: PageArgs) -> ConnectionData[TrustedDocument]:
    return await paginate(info.context.work(), lambda uow: uow.trusted_documents, args)
