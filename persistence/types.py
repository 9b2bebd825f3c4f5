"""Column types that behave the same on SQLite and PostgreSQL."""

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import JSON, DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out (SQLite would hand back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use UTC-aware ones")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def result_processor(self, dialect: Dialect, coltype: Any) -> Any:
        # asyncpg reads timestamptz as aware UTC datetimes already: no call per value.
        if dialect.driver == "asyncpg":
            return self.impl_instance.dialect_impl(dialect).result_processor(dialect, coltype)
        return super().result_processor(dialect, coltype)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment: datetime = value
        if moment.tzinfo is None:
            return moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)


class UuidList(TypeDecorator[list[UUID]]):
    """An ordered list of ids, stored as JSON strings."""

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: list[UUID] | None, dialect: Dialect) -> list[str] | None:
        return None if value is None else [str(item) for item in value]

    def process_result_value(self, value: Any, dialect: Dialect) -> list[UUID] | None:
        return None if value is None else [UUID(item) for item in value]
