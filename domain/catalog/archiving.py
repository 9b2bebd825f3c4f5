"""Archiving instead of deleting: anything an order may reference stays, marked archived.

One rule for every archivable entity: an archived one cannot be changed or archived again.
"""

from datetime import datetime
from typing import Protocol, TypeVar

from domain.errors import ErrorCode, UserError


class Archivable(Protocol):
    archived_at: datetime | None
    updated_at: datetime


A = TypeVar("A", bound=Archivable)


def ensure_live(entity: A, what: str, *, field: str = "id") -> A:
    if entity.archived_at is not None:
        raise UserError(f"This {what} is archived.", field=field, code=ErrorCode.INVALID_STATE)
    return entity


def archive(entity: A, now: datetime) -> A:
    ensure_live(entity, type(entity).__name__.lower())
    entity.archived_at = now
    entity.updated_at = now
    return entity
