"""Permission classes: how fields declare who may call them (one line at the field).

    @strawberry.mutation(extensions=requires(Permission.MANAGE_STAFF))

Every class ends in the one check in `domain.principals`, which raises Unauthenticated or
Forbidden (top-level errors with `extensions.code`).
"""

from typing import Any

from strawberry.extensions.field_extension import FieldExtension
from strawberry.permission import BasePermission, PermissionExtension

from domain.permissions import Permission
from domain.principals import (
    CustomerPrincipal,
    MerchantPrincipal,
    authorize,
    authorize_customer,
    authorize_member,
    authorize_platform_admin,
)
from resolvers.context import AgoraInfo


def _audited(info: AgoraInfo) -> None:
    """A mutation a merchant's staff, app or a platform admin was let through to: an admin
    mutation, whose units of work are audited under its name."""
    if info.path.typename == "Mutation":
        info.context.mutation.name = info.field_name


class HasPermissions(BasePermission):
    def __init__(self, *permissions: Permission) -> None:
        self.permissions = frozenset(permissions)

    def has_permission(self, source: Any, info: AgoraInfo, **kwargs: Any) -> bool:
        authorize(info.context.principal, self.permissions)
        _audited(info)
        return True


class IsMerchantMember(BasePermission):
    def has_permission(self, source: Any, info: AgoraInfo, **kwargs: Any) -> bool:
        authorize_member(info.context.principal)
        _audited(info)
        return True


class IsPlatformAdmin(BasePermission):
    def has_permission(self, source: Any, info: AgoraInfo, **kwargs: Any) -> bool:
        authorize_platform_admin(info.context.principal)
        _audited(info)
        return True


class IsCustomer(BasePermission):
    def has_permission(self, source: Any, info: AgoraInfo, **kwargs: Any) -> bool:
        authorize_customer(info.context.principal)
        return True


class IsCustomerOrHasPermissions(BasePermission):
    """A signed-in customer (the resolver then limits them to their own objects), or staff
    and apps holding the permissions (audited like any admin mutation)."""

    def __init__(self, *permissions: Permission) -> None:
        self.permissions = frozenset(permissions)

    def has_permission(self, source: Any, info: AgoraInfo, **kwargs: Any) -> bool:
        if isinstance(info.context.principal, CustomerPrincipal):
            return True
        authorize(info.context.principal, self.permissions)
        _audited(info)
        return True


def customers_or(*permissions: Permission) -> list[FieldExtension]:
    return [PermissionExtension([IsCustomerOrHasPermissions(*permissions)], use_directives=False)]


def requires(*permissions: Permission) -> list[FieldExtension]:
    return [PermissionExtension([HasPermissions(*permissions)], use_directives=False)]


def members_only() -> list[FieldExtension]:
    return [PermissionExtension([IsMerchantMember()], use_directives=False)]


def platform_admins_only() -> list[FieldExtension]:
    return [PermissionExtension([IsPlatformAdmin()], use_directives=False)]


def customers_only() -> list[FieldExtension]:
    return [PermissionExtension([IsCustomer()], use_directives=False)]


def shopper(info: AgoraInfo) -> CustomerPrincipal:
    """The customer a customers-only field runs for (the guard has already checked it)."""
    return authorize_customer(info.context.principal)


def actor(info: AgoraInfo) -> MerchantPrincipal:
    """The merchant principal a guarded field runs for (the guard has already checked it)."""
    return authorize_member(info.context.principal)
