"""The audit log of admin changes."""

import json
from datetime import datetime
from typing import Annotated, Any

import strawberry

from domain import audit as domain
from domain.audit import ActorKind, ChangeAction
from domain.ids import encode_global_id
from domain.permissions import Permission as P
from resolvers import audit as resolvers
from resolvers.context import AgoraInfo
from resolvers.pagination import PageArgs
from resolvers.permissions import requires
from schema.connections import After, Before, Connection, First, Last
from schema.enums import graphql_enum
from schema.node import Node, shows

graphql_enum(
    ActorKind,
    "Who made a change.",
    {
        "STAFF": "A staff user (actorId is a StaffUser).",
        "API_KEY": "A partner app's API key.",
        "PLATFORM_ADMIN": "A platform admin (creating, suspending or reactivating the merchant).",
    },
)
graphql_enum(
    ChangeAction,
    "What a change did to an object.",
    {"CREATED": "It was created.", "UPDATED": "Fields changed.", "DELETED": "It was deleted."},
)


@strawberry.type(description="One field's value before and after a change, as JSON text.")
class AuditFieldChange:
    name: str = strawberry.field(description="The field (as stored, snake_case).")
    before: str = strawberry.field(description="Its value before, as JSON (null: none).")
    after: str = strawberry.field(description="Its value after, as JSON (null: none).")


@strawberry.type(description="An object a mutation changed, with its changed fields.")
class AuditChange:
    entity_type: str = strawberry.field(description="The kind of object, e.g. Product.")
    entity_id: strawberry.ID = strawberry.field(description="The object's global ID.")
    action: ChangeAction = strawberry.field(description="What happened to it.")
    fields: list[AuditFieldChange] = strawberry.field(description="Its changed fields.")


def _change(raw: dict[str, Any]) -> AuditChange:
    return AuditChange(
        entity_type=raw["entity"],
        entity_id=strawberry.ID(encode_global_id(raw["entity"], raw["id"])),
        action=ChangeAction(raw["action"]),
        fields=[
            AuditFieldChange(
                name=name, before=json.dumps(v["before"]), after=json.dumps(v["after"])
            )
            for name, v in raw["fields"].items()
        ],
    )


_ACTOR_TYPES = {
    ActorKind.STAFF: "StaffUser",
    ActorKind.API_KEY: "ApiKey",
    ActorKind.PLATFORM_ADMIN: "PlatformAdmin",
}


@strawberry.type(description="One admin mutation's changes: who, when, in which request.")
@shows(domain.AuditEntry)
class AuditEntry(Node):
    occurred_at: datetime = strawberry.field(description="When it was committed.")
    request_id: str = strawberry.field(description="The request's X-Request-Id.")
    operation: str = strawberry.field(description="The mutation, e.g. productUpdate.")

    @strawberry.field(description="Whether a staff user, an API key or a platform admin made it.")
    def actor_type(self, root: domain.AuditEntry) -> ActorKind:
        return ActorKind(root.actor_kind)

    @strawberry.field(description="The StaffUser's, ApiKey's or PlatformAdmin's global ID.")
    def actor_id(self, root: domain.AuditEntry) -> strawberry.ID:
        return strawberry.ID(
            encode_global_id(_ACTOR_TYPES[ActorKind(root.actor_kind)], root.actor_id)
        )

    @strawberry.field(description="Every object it changed.")
    def changes(self, root: domain.AuditEntry) -> list[AuditChange]:
        return [_change(raw) for raw in root.changes]


@strawberry.input(description="Which audit entries to list; every given criterion must match.")
class AuditLogFilter:
    actor_id: strawberry.ID | None = strawberry.field(
        default=None, description="Made by this StaffUser, ApiKey or PlatformAdmin."
    )
    operation: str | None = strawberry.field(default=None, description="e.g. productUpdate.")
    entity_id: strawberry.ID | None = strawberry.field(
        default=None, description="Changed this object."
    )
    since: datetime | None = strawberry.field(default=None, description="At or after this time.")
    until: datetime | None = strawberry.field(default=None, description="Before this time.")


@strawberry.type
class AuditQuery:
    @strawberry.field(
        description="The audit log of admin mutations, oldest first (use `last` for the latest).",
        extensions=requires(P.VIEW_AUDIT_LOG),
    )
    async def audit_log(
        self,
        info: AgoraInfo,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            AuditLogFilter | None, strawberry.argument(description="Which entries to list.")
        ] = None,
    ) -> Connection[AuditEntry]:
        wanted = filter or AuditLogFilter()
        fields = resolvers.AuditFilterFields(
            wanted.actor_id, wanted.operation, wanted.entity_id, wanted.since, wanted.until
        )
        args = PageArgs(first, after, last, before)
        return await resolvers.audit_log(info, args, fields)  # type: ignore[return-value]
