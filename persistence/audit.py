"""Collect what a unit of work changes, for its audit entry (see domain/audit.py).

A `before_flush` listener on the session class records, for sessions opened with an audit
stamp, every ORM row created, updated (changed columns, before and after) or deleted. Rows
changed by Core statements (bulk UPDATE/DELETE) are not seen: repositories that use them for
admin changes are listed in the report of what the audit log covers.
"""

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from domain.audit import AuditEntry, ChangeAction, field_change
from domain.events import Event

STAMP_KEY = "audit_stamp"
CHANGES_KEY = "audit_changes"
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
    return {
        "entity": type(obj).__name__,
        "id": str(obj.id),
        "action": action.value,
        "fields": fields,
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


def install_audit_trail(session_class: type[Session]) -> None:
    if not event.contains(session_class, "before_flush", _collect):
        event.listen(session_class, "before_flush", _collect)
