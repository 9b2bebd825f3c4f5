"""The audit log: who changed what, when, through which operation, with a field-level diff.

Every admin mutation's unit of work is opened with an `AuditStamp` (the actor, the request id
and the mutation's name): those of merchant staff and apps, whatever guards them (a permission,
or membership alone), and those of platform admins. Persistence collects what the unit of work
changes (rows created, updated and deleted, by the ORM or by bulk statements, with each changed
field's value before and after) and, if anything changed, writes an `AuditEntry` in the same
transaction on commit: one in the merchant's log (platform work: one in the log of each
merchant it changed). A mutation that rolls back leaves no entry, a committed one always has
its entry. Secret fields are never copied into the log (their change is shown as "[redacted]").
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from domain.entities import TenantOwned
from domain.principals import AppPrincipal, PlatformAdminPrincipal, Principal, StaffPrincipal

REDACTED = "[redacted]"
# Fields whose values never enter the audit log.
SECRET_FIELDS = frozenset(
    {
        "password_hash",
        "secret_digest",
        "secret",
        "previous_secret",
        "sealed_secret",
        "sealed_previous_secret",
        "token",
        "token_digest",
        "code_digest",
        "sealed_code",
    }
)


class ActorKind(StrEnum):
    STAFF = "STAFF"
    API_KEY = "API_KEY"
    PLATFORM_ADMIN = "PLATFORM_ADMIN"


class ChangeAction(StrEnum):
    CREATED = "CREATED"
    UPDATED = "UPDATED"
    DELETED = "DELETED"


@dataclass(frozen=True)
class AuditStamp:
    """Who is changing things, in which request, through which operation."""

    actor_kind: ActorKind
    actor_id: UUID
    request_id: str
    operation: str
    at: datetime


@dataclass(eq=False)
class AuditEntry(TenantOwned):
    id: UUID
    merchant_id: UUID
    occurred_at: datetime
    actor_kind: str
    actor_id: UUID
    request_id: str
    operation: str
    # [{"entity": "Product", "id": "<uuid>", "action": "UPDATED",
    #   "fields": {"name": {"before": "A", "after": "B"}}}, ...]
    changes: list[dict[str, Any]]


@dataclass(frozen=True)
class AuditFilter:
    """Entries matching every given criterion."""

    actor_id: UUID | None = None
    operation: str | None = None
    entity_id: UUID | None = None
    since: datetime | None = None
    until: datetime | None = None


def field_change(name: str, before: Any, after: Any) -> dict[str, Any]:
    if name in SECRET_FIELDS:
        return {"before": REDACTED, "after": REDACTED}
    return {"before": before, "after": after}


def merge_changes(changes: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """One change per entity, in first-touched order: several flushes of one unit of work may
    touch an entity more than once (created then updated is 'created' with the final values;
    a field changed twice keeps its first 'before' and its last 'after')."""
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for change in changes:
        key = (change["entity"], change["id"])
        known = merged.get(key)
        if known is None:
            merged[key] = {**change, "fields": dict(change["fields"])}
            continue
        if change["action"] == ChangeAction.DELETED:
            known["action"] = ChangeAction.DELETED.value
        for name, values in change["fields"].items():
            if name in known["fields"]:
                known["fields"][name] = {**known["fields"][name], "after": values["after"]}
            else:
                known["fields"][name] = values
    return list(merged.values())


def audit_stamp(
    principal: Principal, request_id: str, operation: str | None, now: datetime
) -> AuditStamp | None:
    """The stamp for a unit of work opened by an admin mutation; None outside one."""
    if operation is None:
        return None
    if isinstance(principal, StaffPrincipal):
        return AuditStamp(ActorKind.STAFF, principal.staff_id, request_id, operation, now)
    if isinstance(principal, AppPrincipal):
        return AuditStamp(ActorKind.API_KEY, principal.api_key_id, request_id, operation, now)
    if isinstance(principal, PlatformAdminPrincipal):
        return AuditStamp(ActorKind.PLATFORM_ADMIN, principal.admin_id, request_id, operation, now)
    return None
