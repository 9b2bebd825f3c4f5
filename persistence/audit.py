"""Collect what a unit of work changes, for its audit entry (see domain/audit.py).

For sessions opened with an audit stamp, two listeners on the session class record every row
created, updated (changed columns, before and after) or deleted:

- `before_flush` sees what the ORM writes (objects added, changed, deleted);
- `do_orm_execute` sees bulk UPDATE and DELETE statements (role memberships, collection members,
  warehouse links, attribute values, a category's products...): it reads the rows the statement
  will touch (with the statement's own condition, in the session's merchant), runs it, and for
  an UPDATE reads them again to diff them.

Each change remembers the merchant it belongs to, so platform work (a platform admin creating or
suspending a merchant) is filed in the affected merchant's log. Rows that the database itself
deletes (ON DELETE CASCADE) are not seen.
"""

import enum
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any
from uuid import UUID

from sqlalchemy import CursorResult, Table, event, inspect, select
from sqlalchemy.orm import ORMExecuteState, Session

from domain.audit import AuditEntry, ChangeAction, field_change
from domain.entities import TenantRoot
from domain.events import Event
from persistence.mapping import mapper_registry
from persistence.tenancy import scope_of

STAMP_KEY = "audit_stamp"
CHANGES_KEY = "audit_changes"
# Each collected change names its merchant under this key (taken off before it is stored).
MERCHANT = "merchant"
# Not admin data: the outbox and the audit log itself.
_SKIPPED = (Event, AuditEntry)
_NOT_DIFFED = frozenset({"id", "merchant_id"})


def plain(value: Any) -> Any:
    """A JSON-safe copy of a column value."""
    if isinstance(value, UUID | Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def _change(obj: Any, action: ChangeAction, fields: dict[str, Any]) -> dict[str, Any]:
    merchant = obj.id if isinstance(obj, TenantRoot) else getattr(obj, "merchant_id", None)
    return {
        "entity": type(obj).__name__,
        "id": str(obj.id),
        "action": action.value,
        "fields": fields,
        MERCHANT: merchant,
    }


def _columns(obj: Any) -> list[str]:
    return [a.key for a in inspect(obj).mapper.column_attrs if a.key not in _NOT_DIFFED]


def _created(obj: Any) -> dict[str, Any]:
    fields = {k: field_change(k, None, plain(getattr(obj, k))) for k in _columns(obj)}
    return _change(obj, ChangeAction.CREATED, fields)


def _updated(obj: Any) -> dict[str, Any] | None:
    state = inspect(obj)
    fields = {}
    for key in _columns(obj):
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        before = plain(history.deleted[0]) if history.deleted else None
        after = plain(history.added[0]) if history.added else None
        if before != after:
            fields[key] = field_change(key, before, after)
    return _change(obj, ChangeAction.UPDATED, fields) if fields else None


def _deleted(obj: Any) -> dict[str, Any]:
    fields = {k: field_change(k, plain(getattr(obj, k)), None) for k in _columns(obj)}
    return _change(obj, ChangeAction.DELETED, fields)


def _collect(session: Session, _flush_context: Any, _instances: Any) -> None:
    if STAMP_KEY not in session.info:
        return
    changes: list[dict[str, Any]] = session.info.setdefault(CHANGES_KEY, [])
    for obj in session.new:
        if not isinstance(obj, _SKIPPED):
            changes.append(_created(obj))
    for obj in session.dirty:
        if not isinstance(obj, _SKIPPED) and (change := _updated(obj)):
            changes.append(change)
    for obj in session.deleted:
        if not isinstance(obj, _SKIPPED):
            changes.append(_deleted(obj))


@cache
def _entities() -> Mapping[Table, type]:
    return {m.local_table: m.class_ for m in mapper_registry.mappers}  # type: ignore[misc]


def _rows(session: Session, statement: Any) -> list[dict[str, Any]]:
    # Straight on the connection: these reads are the audit's, not the unit of work's (no ORM
    # events, nothing added to the identity map).
    return [dict(row) for row in session.connection().execute(statement).mappings()]


def _row_change(
    entity: type, action: ChangeAction, before: Mapping[str, Any], after: Mapping[str, Any]
) -> dict[str, Any] | None:
    fields = {}
    for key in before.keys() | after.keys():
        old, new = plain(before.get(key)), plain(after.get(key))
        if key not in _NOT_DIFFED and old != new:
            fields[key] = field_change(key, old, new)
    if not fields:
        return None
    row = before or after
    is_root = issubclass(entity, TenantRoot)
    return {
        "entity": entity.__name__,
        "id": str(row["id"]),
        "action": action.value,
        "fields": fields,
        MERCHANT: row["id"] if is_root else row.get("merchant_id"),
    }


def _scope(session: Session, table: Table, entity: type) -> list[Any]:
    """The session's merchant as a condition (the statement's own criteria are ORM options)."""
    merchant_id = scope_of(session)
    if merchant_id is None:
        return []
    if issubclass(entity, TenantRoot):
        return [table.c.id == merchant_id]
    return [table.c.merchant_id == merchant_id] if "merchant_id" in table.c else []


def _collect_bulk(state: ORMExecuteState) -> Any:
    """Record the rows a bulk UPDATE or DELETE of an audited session changes."""
    if not (state.is_update or state.is_delete) or STAMP_KEY not in state.session.info:
        return None
    table = state.statement.table  # type: ignore[attr-defined]
    entity = _entities().get(table)
    if entity is None or issubclass(entity, _SKIPPED) or "id" not in table.c:
        return None
    session = state.session
    condition = state.statement.whereclause  # type: ignore[attr-defined]
    wanted = select(table).where(*_scope(session, table, entity))
    before = _rows(session, wanted if condition is None else wanted.where(condition))
    if not before:
        return None
    result: Any = state.invoke_statement()
    if not isinstance(result, CursorResult) or result.returns_rows:
        result = result.freeze()()  # its rows, read before the next statement runs
    after = {}
    if state.is_update:
        ids = [row["id"] for row in before]
        after = {row["id"]: row for row in _rows(session, select(table).where(table.c.id.in_(ids)))}
    changes: list[dict[str, Any]] = session.info.setdefault(CHANGES_KEY, [])
    action = ChangeAction.UPDATED if state.is_update else ChangeAction.DELETED
    for row in before:
        change = _row_change(entity, action, row, after.get(row["id"], {}))
        if change is not None:
            changes.append(change)
    return result


def install_audit_trail(session_class: type[Session]) -> None:
    """After the tenant scope's listeners: the bulk listener runs statements as scoped."""
    if not event.contains(session_class, "before_flush", _collect):
        event.listen(session_class, "before_flush", _collect)
        event.listen(session_class, "do_orm_execute", _collect_bulk)
