"""Plausible rows for any table, made from its columns alone, for generic persistence tests.

Values are unique where a column is a key, foreign keys point at rows made earlier for the
same merchant, so a test can fill every tenant-owned table without knowing what it holds.
"""

import itertools
import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import JSON, Boolean, Column, Date, Integer, LargeBinary, String, Table, Uuid
from sqlalchemy.orm import Mapper

from persistence.types import UTCDateTime, UuidList

# (table name, merchant id) -> id of the row made for that merchant in that table
Made = dict[tuple[str, UUID], UUID]
_numbers = itertools.count(1)


def _unique(column: Column[Any]) -> bool:
    indexes = column.table.indexes if isinstance(column.table, Table) else set()
    return bool(column.unique) or any(
        index.unique and list(index.columns) == [column] for index in indexes
    )


def _value(column: Column[Any]) -> Any:
    type_ = column.type
    if isinstance(type_, Integer) and _unique(column):
        return next(_numbers)
    if isinstance(type_, Uuid):
        return uuid.uuid4()
    if isinstance(type_, String):
        return uuid.uuid4().hex[: type_.length or 32]
    if isinstance(type_, Boolean):
        return False
    if isinstance(type_, Integer):
        return 1  # positive: satisfies CHECKs such as a cart line's quantity > 0
    if isinstance(type_, JSON | UuidList):
        return []
    if isinstance(type_, Date):
        return date(2026, 1, 1)
    if isinstance(type_, LargeBinary):
        return b""
    if isinstance(type_, UTCDateTime):
        return datetime.now(UTC)
    raise TypeError(f"tests/support/rows.py: no sample value for {column!r}; add one")


def row_for(
    table: Table, merchant_id: UUID, made: Mapping[tuple[str, UUID], UUID]
) -> dict[str, Any]:
    """Column values for one row of `table` owned by `merchant_id`."""
    values: dict[str, Any] = {}
    for column in table.columns:
        if column.name == "merchant_id":
            values[column.name] = merchant_id
        elif column.foreign_keys:
            target = next(iter(column.foreign_keys)).column.table.name
            if target == table.name and column.nullable:
                values[column.name] = None  # a tree's root: no parent row needed
                continue
            referenced = made.get((target, merchant_id))
            if referenced is None and not column.nullable:
                raise LookupError(f"{table.name}.{column.name} needs a {target} row made first")
            values[column.name] = referenced
        else:
            values[column.name] = _value(column)
    return values


def instance_for(mapper: Mapper[Any], values: Mapping[str, Any]) -> Any:
    """An instance of a mapped class holding `values` (by column name), bypassing __init__."""
    instance = mapper.class_manager.new_instance()
    for column in mapper.columns:
        setattr(instance, mapper.get_property_by_column(column).key, values.get(column.name))
    return instance
