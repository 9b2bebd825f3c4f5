"""Staff users, roles and what they may do."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from domain.entities import TenantOwned
from domain.errors import ErrorCode, NotFound, UserError
from domain.ids import new_id
from domain.passwords import PasswordHasher, validate_password
from domain.permissions import (
    ALL_PERMISSIONS,
    Permission,
    check_grantable,
    parse_permissions,
)
from domain.principals import MerchantPrincipal, StaffPrincipal
from domain.unit_of_work import UnitOfWork
from domain.validation import normalize_email, require_text


@dataclass(eq=False)
class StaffUser(TenantOwned):
    id: UUID
    merchant_id: UUID
    email: str
    name: str
    password_hash: str
    is_active: bool
    is_owner: bool
    created_at: datetime
    updated_at: datetime


@dataclass(eq=False)
class Role(TenantOwned):
    id: UUID
    merchant_id: UUID
    name: str
    permissions: list[str]
    created_at: datetime
    updated_at: datetime

    @property
    def permission_set(self) -> frozenset[Permission]:
        return frozenset(Permission(p) for p in self.permissions if p in Permission.__members__)


@dataclass(eq=False)
class StaffRole(TenantOwned):
    """Membership of a staff user in a role."""

    id: UUID
    merchant_id: UUID
    staff_id: UUID
    role_id: UUID


def effective_permissions(staff: StaffUser, roles: Iterable[Role]) -> frozenset[Permission]:
    if not staff.is_active:
        return frozenset()
    if staff.is_owner:
        return ALL_PERMISSIONS
    granted: set[Permission] = set()
    for role in roles:
        granted |= role.permission_set
    return frozenset(granted)


async def new_staff_user(
    merchant_id: UUID,
    *,
    email: str,
    name: str,
    password: str,
    hasher: PasswordHasher,
    now: datetime,
    field_prefix: str = "",
) -> StaffUser:
    def name_of(f: str) -> str:
        return f"{field_prefix}{f[0].upper()}{f[1:]}" if field_prefix else f

    return StaffUser(
        id=new_id(),
        merchant_id=merchant_id,
        email=normalize_email(email, field=name_of("email")),
        name=require_text(name, field=name_of("name"), max_length=120),
        password_hash=await hasher.hash(validate_password(password, field=name_of("password"))),
        is_active=True,
        is_owner=False,
        created_at=now,
        updated_at=now,
    )


@dataclass(frozen=True)
class CreateStaff:
    email: str
    name: str
    password: str
    role_ids: Sequence[UUID] = field(default_factory=tuple)


async def _roles(uow: UnitOfWork, role_ids: Sequence[UUID]) -> list[Role]:
    roles = await uow.roles.get_many(role_ids)
    if len(roles) != len(set(role_ids)):
        raise UserError(
            "One or more roles do not exist.", field="roleIds", code=ErrorCode.NOT_FOUND
        )
    return roles


def _granted_by(roles: Iterable[Role]) -> frozenset[Permission]:
    return frozenset().union(*(r.permission_set for r in roles))


async def create_staff(
    uow: UnitOfWork,
    actor: MerchantPrincipal,
    command: CreateStaff,
    hasher: PasswordHasher,
    now: datetime,
) -> StaffUser:
    staff = await new_staff_user(
        actor.merchant_id,
        email=command.email,
        name=command.name,
        password=command.password,
        hasher=hasher,
        now=now,
    )
    if await uow.staff.by_email(staff.email) is not None:
        raise UserError(
            "A staff user with this email exists.", field="email", code=ErrorCode.DUPLICATE
        )
    roles = await _roles(uow, command.role_ids)
    check_grantable(actor.permissions, _granted_by(roles), field="roleIds")
    uow.staff.add(staff)
    await uow.staff.set_roles(staff, [r.id for r in roles])
    await uow.commit()
    return staff


@dataclass(frozen=True)
class UpdateStaff:
    name: str | None = None
    is_active: bool | None = None
    role_ids: Sequence[UUID] | None = None


async def update_staff(
    uow: UnitOfWork, actor: MerchantPrincipal, staff_id: UUID, command: UpdateStaff, now: datetime
) -> StaffUser:
    staff = await uow.staff.get(staff_id)
    if staff is None:
        raise NotFound("No staff user with this id.")
    current = await uow.roles.get_many(await uow.staff.role_ids(staff.id))
    # Only someone holding every permission of a staff user may change them at all: otherwise
    # a user manager could deactivate or rename the people above them.
    check_grantable(
        actor.permissions, effective_permissions(staff, current), field="id", verb="manage"
    )
    if command.name is not None:
        staff.name = require_text(command.name, field="name", max_length=120)
    if command.role_ids is not None:
        if isinstance(actor, StaffPrincipal) and actor.staff_id == staff.id:
            raise UserError(
                "You cannot change your own roles.",
                field="roleIds",
                code=ErrorCode.PERMISSION_ESCALATION,
            )
        new = await _roles(uow, command.role_ids)
        # Adding or removing a permission is granting power either way: both need to be held.
        check_grantable(actor.permissions, _granted_by(current) ^ _granted_by(new), field="roleIds")
        await uow.staff.set_roles(staff, [r.id for r in new])
    if command.is_active is not None and command.is_active != staff.is_active:
        if staff.is_owner:
            raise UserError(
                "The owner cannot be deactivated.", field="isActive", code=ErrorCode.INVALID_STATE
            )
        staff.is_active = command.is_active
        if not staff.is_active:
            # Sessions end now; the API keys they created stop working while they are inactive
            # (authentication checks the creator), so an offboarded person keeps nothing.
            await uow.auth.revoke_sessions_of("staff", staff.id, now, reason="deactivated")
    staff.updated_at = now
    await uow.commit()
    return staff


@dataclass(frozen=True)
class RoleInput:
    name: str | None = None
    permissions: Sequence[str] | None = None


def _role_permissions(names: Sequence[str]) -> list[str]:
    return sorted(parse_permissions(names, field="permissions"))


async def create_role(
    uow: UnitOfWork, actor: MerchantPrincipal, command: RoleInput, now: datetime
) -> Role:
    role = Role(
        id=new_id(),
        merchant_id=actor.merchant_id,
        name=require_text(command.name, field="name", max_length=80),
        permissions=_role_permissions(command.permissions or ()),
        created_at=now,
        updated_at=now,
    )
    check_grantable(actor.permissions, role.permission_set, field="permissions")
    uow.roles.add(role)
    await uow.commit()
    return role


async def update_role(
    uow: UnitOfWork, actor: MerchantPrincipal, role_id: UUID, command: RoleInput, now: datetime
) -> Role:
    role = await uow.roles.get(role_id)
    if role is None:
        raise NotFound("No role with this id.")
    if command.name is not None:
        role.name = require_text(command.name, field="name", max_length=80)
    if command.permissions is not None:
        new = _role_permissions(command.permissions)
        # Only what changes needs to be held: adding or removing a permission alike.
        changed = role.permission_set ^ frozenset(map(Permission, new))
        check_grantable(actor.permissions, changed, field="permissions")
        role.permissions = new
    role.updated_at = now
    await uow.commit()
    return role


async def delete_role(uow: UnitOfWork, actor: MerchantPrincipal, role_id: UUID) -> UUID:
    role = await uow.roles.get(role_id)
    if role is None:
        raise NotFound("No role with this id.")
    check_grantable(actor.permissions, role.permission_set, field="id")
    await uow.roles.delete(role)
    await uow.commit()
    return role_id
