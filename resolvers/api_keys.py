"""Partner API keys (MANAGE_APPS)."""

from typing import Any

from domain.api_keys import ApiKey, CreateApiKey, create_api_key, revoke_api_key
from domain.staff import StaffUser
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of
from resolvers.pagination import ConnectionData, PageArgs, paginate
from resolvers.payloads import Payload, mutate
from resolvers.permissions import actor


async def api_key_create(info: AgoraInfo, name: str, scopes: list[str]) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        async with context.work() as uow:
            key, secret = await create_api_key(
                uow, actor(info), CreateApiKey(name, scopes), context.clock()
            )
        return {"api_key": key, "secret": secret}

    return await mutate(work)


async def api_key_revoke(info: AgoraInfo, id: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        key_id = decode_id_of(id, "ApiKey")
        async with context.work() as uow:
            key = await revoke_api_key(uow, key_id, context.clock())
        return {"api_key": key}

    return await mutate(work)


async def api_keys(info: AgoraInfo, args: PageArgs) -> ConnectionData[ApiKey]:
    return await paginate(info.context.work(), lambda uow: uow.api_keys, args)


async def created_by(info: AgoraInfo, key: ApiKey) -> StaffUser | None:
    if key.created_by_staff_id is None:
        return None
    return await info.context.loaders.staff_user.load(key.created_by_staff_id)
