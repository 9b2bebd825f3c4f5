"""Which mutations are audited: every one a guard lets a merchant's member or a platform admin
through to, whatever the guard (resolvers/permissions.py names it for the audit stamp)."""

from types import SimpleNamespace
from uuid import uuid4

import pytest
import strawberry

from domain.permissions import Permission
from domain.principals import PlatformAdminPrincipal, Principal, StaffPrincipal
from resolvers.context import CurrentMutation
from resolvers.permissions import members_only, platform_admins_only, requires


@strawberry.type
class Query:
    ok: bool = True


@strawberry.type
class Mutation:
    @strawberry.mutation(extensions=requires(Permission.MANAGE_PRODUCTS))  # type: ignore[untyped-decorator]
    def guarded_by_permission(self) -> bool:
        return True

    @strawberry.mutation(extensions=members_only())  # type: ignore[untyped-decorator]
    def guarded_by_membership(self) -> bool:
        return True

    @strawberry.mutation(extensions=platform_admins_only())  # type: ignore[untyped-decorator]
    def guarded_for_admins(self) -> bool:
        return True


SCHEMA = strawberry.Schema(query=Query, mutation=Mutation)
STAFF = StaffPrincipal(uuid4(), uuid4(), uuid4(), frozenset({Permission.MANAGE_PRODUCTS}))
ADMIN = PlatformAdminPrincipal(uuid4(), uuid4())


async def audited_name(principal: Principal, field: str) -> str | None:
    context = SimpleNamespace(principal=principal, mutation=CurrentMutation())
    result = await SCHEMA.execute(f"mutation {{ {field} }}", context_value=context)
    assert result.errors is None
    name: str | None = context.mutation.name
    return name


@pytest.mark.parametrize(
    ("principal", "field"),
    [
        (STAFF, "guardedByPermission"),
        (STAFF, "guardedByMembership"),
        (ADMIN, "guardedForAdmins"),
    ],
)
async def test_a_mutation_let_through_by_any_guard_is_audited_under_its_name(
    principal: Principal, field: str
) -> None:
    assert await audited_name(principal, field) == field
