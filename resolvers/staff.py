"""Staff users and roles (MANAGE_STAFF)."""

from contextlib import suppress
from typing import Any

from domain.permissions import Permission
from domain.staff import (
    CreateStaff,
    Role,
    RoleInput,
    StaffUser,
    UpdateStaff,
    create_role,
    create_staff,
    delete_role,
    effective_permissions,
    update_role,
    update_staff,
)
from resolvers.context import AgoraInfo
from resolvers.ids import decode_id_of, encode_global_id
from resolvers.pagination import ConnectionData, PageArgs, paginate
from resolvers.payloads import Payload, mutate
from resolvers.permissions import actor


def _role_ids(ids: list[str] | None) -> list[Any] | None:
    if ids is None:
        return None
    return [decode_id_of(i, "Role", field="roleIds") for i in ids]


async def staff_create(
    info: AgoraInfo, email: str, name: str, password: str, role_ids: list[str]
) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        command = CreateStaff(email, name, password, _role_ids(role_ids) or ())
        async with context.work() as uow:
            staff = await create_staff(uow, actor(info), command, context.hasher, context.clock())
        return {"staff_user": staff}

    return await mutate(work)


async def staff_update(
    info: AgoraInfo,
    id: str,
    name: str | None,
    is_active: bool | None,
    role_ids: list[str] | None,
) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        staff_id = decode_id_of(id, "StaffUser")
        command = UpdateStaff(name=name, is_active=is_active, role_ids=_role_ids(role_ids))
        async with context.work() as uow:
            staff = await update_staff(uow, actor(info), staff_id, command, context.clock())
        # strawberry's DataLoader.clear raises KeyError for a key it never loaded.
        with suppress(KeyError):
            context.loaders.roles_of_staff.clear(staff_id)
        return {"staff_user": staff}

    return await mutate(work)


async def role_create(info: AgoraInfo, name: str | None, permissions: list[str] | None) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        async with context.work() as uow:
            role = await create_role(
                uow, actor(info), RoleInput(name, permissions), context.clock()
            )
        return {"role": role}

    return await mutate(work)


async def role_update(
    info: AgoraInfo, id: str, name: str | None, permissions: list[str] | None
) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        role_id = decode_id_of(id, "Role")
        async with context.work() as uow:
            role = await update_role(
                uow, actor(info), role_id, RoleInput(name, permissions), context.clock()
            )
        return {"role": role}

    return await mutate(work)


async def role_delete(info: AgoraInfo, id: str) -> Payload:
    context = info.context

    async def work() -> dict[str, Any]:
        role_id = decode_id_of(id, "Role")
        async with context.work() as uow:
            await delete_role(uow, actor(info), role_id)
        return {"deleted_id": encode_global_id("Role", role_id)}

    return await mutate(work)


async def staff_users(info: AgoraInfo, args: PageArgs) -> ConnectionData[StaffUser]:
    return await paginate(info.context.work(), lambda uow: uow.staff, args)


async def roles(info: AgoraInfo, args: PageArgs) -> ConnectionData[Role]:
    return await paginate(info.context.work(), lambda uow: uow.roles, args)


async def roles_of(info: AgoraInfo, staff: StaffUser) -> list[Role]:
    return await info.context.loaders.roles_of_staff.load(staff.id)


async def permissions_of(info: AgoraInfo, staff: StaffUser) -> list[Permission]:
    return sorted(effective_permissions(staff, await roles_of(info, staff)))
