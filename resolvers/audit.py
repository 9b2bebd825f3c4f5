"""The audit log (VIEW_AUDIT_LOG), and the stamp every admin mutation's unit of work carries."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.audit import AuditEntry, AuditFilter
from resolvers.context import AgoraInfo
from resolvers.ids import decode_global_id
from resolvers.pagination import ConnectionData, PageArgs, connection, page_request


@dataclass(frozen=True)
class AuditFilterFields:
    actor_id: str | None = None
    operation: str | None = None
    entity_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def _any_id(global_id: str | None, field: str) -> UUID | None:
    return None if global_id is None else decode_global_id(global_id, field=field)[1]


async def audit_log(
    info: AgoraInfo, args: PageArgs, fields: AuditFilterFields
) -> ConnectionData[AuditEntry]:
    """Newest last, like every list: page backwards with `last` for the latest entries."""
    wanted = AuditFilter(
        actor_id=_any_id(fields.actor_id, "filter.actorId"),
        operation=fields.operation,
        entity_id=_any_id(fields.entity_id, "filter.entityId"),
        since=fields.since,
        until=fields.until,
    )
    request = page_request(args.first, args.after, args.last, args.before)
    async with info.context.work() as uow:
        return connection(await uow.audit_log.page(request, wanted))
