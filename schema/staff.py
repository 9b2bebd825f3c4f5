"""Staff users and roles."""

from datetime import datetime
from typing import Annotated

import strawberry

from domain import staff as domain
from domain.permissions import Permission as P
from resolvers import staff as resolvers
from resolvers.context import AgoraInfo
from resolvers.permissions import requires
from schema.connections import Connection, connection_field
from schema.errors import UserError
from schema.node import Node, shows
from schema.permissions import Permission


@strawberry.type(description="A named set of permissions given to staff users.")
@shows(domain.Role)
class Role(Node):
    name: str = strawberry.field(description="Display name.")
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @strawberry.field(description="The permissions the role grants.")
    def permissions(self, root: domain.Role) -> list[Permission]:
        return sorted(root.permission_set)


@strawberry.type(description="A person who runs a merchant's store.")
@shows(domain.StaffUser)
class StaffUser(Node):
    email: str = strawberry.field(description="Sign-in email, unique within the merchant.")
    name: str = strawberry.field(description="Display name.")
    is_active: bool = strawberry.field(description="Inactive staff cannot sign in.")
    is_owner: bool = strawberry.field(description="The owner holds every permission.")
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @strawberry.field(description="The roles the staff user belongs to.")
    async def roles(self, root: domain.StaffUser, info: AgoraInfo) -> list[Role]:
        return await resolvers.roles_of(info, root)  # type: ignore[return-value]

    @strawberry.field(
        description="What the staff user may do: the union of its roles' permissions."
    )
    async def permissions(self, root: domain.StaffUser, info: AgoraInfo) -> list[Permission]:
        return await resolvers.permissions_of(info, root)


@strawberry.input(description="A new staff user.")
class StaffCreateInput:
    email: str = strawberry.field(description="Sign-in email.")
    name: str = strawberry.field(description="Display name.")
    password: str = strawberry.field(description="Initial password (10+ characters).")
    role_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Roles to join; you must hold their permissions."
    )


@strawberry.input(description="Changes to a staff user; omitted fields stay as they are.")
class StaffUpdateInput:
    name: str | None = strawberry.field(default=None, description="Display name.")
    is_active: bool | None = strawberry.field(
        default=None, description="Deactivating signs the user out everywhere."
    )
    role_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="The complete new list of roles."
    )


@strawberry.type(description="Result of a staff user mutation.")
class StaffPayload:
    staff_user: StaffUser | None = strawberry.field(description="The staff user.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.input(description="A role's name and permissions.")
class RoleInput:
    name: str | None = strawberry.field(
        default=None, description="Display name (required to create)."
    )
    permissions: list[Permission] | None = strawberry.field(
        default=None, description="The permissions granted; you must hold them yourself."
    )


@strawberry.type(description="Result of a role mutation.")
class RolePayload:
    role: Role | None = strawberry.field(description="The role.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


@strawberry.type(description="Result of roleDelete.")
class RoleDeletePayload:
    deleted_id: strawberry.ID | None = strawberry.field(description="The deleted role's ID.")
    user_errors: list[UserError] = strawberry.field(description="What to fix, if anything.")


Id = Annotated[strawberry.ID, strawberry.argument(description="The object's ID.")]


def _names(values: list[P] | None) -> list[str] | None:
    return None if values is None else [p.value for p in values]


@strawberry.type
class StaffQuery:
    staff_users: Connection[StaffUser] = connection_field(
        StaffUser,
        resolvers.staff_users,
        description="The merchant's staff users.",
        extensions=requires(P.MANAGE_STAFF),
    )

    roles: Connection[Role] = connection_field(
        Role,
        resolvers.roles,
        description="The merchant's roles.",
        extensions=requires(P.MANAGE_STAFF),
    )


@strawberry.type
class StaffMutation:
    @strawberry.mutation(description="Add a staff user.", extensions=requires(P.MANAGE_STAFF))
    async def staff_create(
        self,
        info: AgoraInfo,
        input: Annotated[StaffCreateInput, strawberry.argument(description="The fields to set.")],
    ) -> StaffPayload:
        return await resolvers.staff_create(  # type: ignore[return-value]
            info, input.email, input.name, input.password, list(input.role_ids)
        )

    @strawberry.mutation(description="Change a staff user.", extensions=requires(P.MANAGE_STAFF))
    async def staff_update(
        self,
        info: AgoraInfo,
        id: Id,
        input: Annotated[StaffUpdateInput, strawberry.argument(description="The fields to set.")],
    ) -> StaffPayload:
        role_ids = None if input.role_ids is None else [str(i) for i in input.role_ids]
        return await resolvers.staff_update(info, id, input.name, input.is_active, role_ids)  # type: ignore[return-value]

    @strawberry.mutation(description="Create a role.", extensions=requires(P.MANAGE_STAFF))
    async def role_create(
        self,
        info: AgoraInfo,
        input: Annotated[RoleInput, strawberry.argument(description="The fields to set.")],
    ) -> RolePayload:
        return await resolvers.role_create(info, input.name, _names(input.permissions))  # type: ignore[return-value]

    @strawberry.mutation(description="Change a role.", extensions=requires(P.MANAGE_STAFF))
    async def role_update(
        self,
        info: AgoraInfo,
        id: Id,
        input: Annotated[RoleInput, strawberry.argument(description="The fields to set.")],
    ) -> RolePayload:
        return await resolvers.role_update(info, id, input.name, _names(input.permissions))  # type: ignore[return-value]

    @strawberry.mutation(
        description="Delete a role; its members lose its permissions.",
        extensions=requires(P.MANAGE_STAFF),
    )
    async def role_delete(self, info: AgoraInfo, id: Id) -> RoleDeletePayload:
        return await resolvers.role_delete(info, id)  # type: ignore[return-value]
