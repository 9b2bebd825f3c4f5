"""The audit log of one merchant, filtered and paged (tenant scope from the session)."""

from sqlalchemy import String, cast, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import AuditEntry, AuditFilter
from domain.pagination import Page, PageRequest
from persistence import tables
from persistence.repositories import keyset_page

A = tables.audit_entries


class AuditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def page(self, request: PageRequest, wanted: AuditFilter) -> Page[AuditEntry]:
        statement = select(AuditEntry)
        if wanted.actor_id is not None:
            statement = statement.where(A.c.actor_id == wanted.actor_id)
        if wanted.operation is not None:
            statement = statement.where(A.c.operation == wanted.operation)
        if wanted.since is not None:
            statement = statement.where(A.c.occurred_at >= wanted.since)
        if wanted.until is not None:
            statement = statement.where(A.c.occurred_at < wanted.until)
        if wanted.entity_id is not None:
            # The changes are JSON; an entity's id appears in it as its UUID text.
            statement = statement.where(cast(A.c.changes, String).contains(str(wanted.entity_id)))
        return await keyset_page(self.session, statement, A.c.id, request)
