"""Unique-constraint races surface as the domain's DUPLICATE error, not as a crash.

The domain checks for duplicates before writing, but two concurrent requests can both pass
that check; the database's unique constraint then decides, and the loser gets the same user
error the check would have given, naming the field.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import UniqueConstraint
from sqlalchemy.exc import IntegrityError

from domain.errors import ErrorCode, UserError
from domain.validation import camel_case
from persistence.tables import metadata

# Columns whose clash the client knows by another input field.
_FIELD_OF_COLUMN = {"attribute_key": "attributes"}
_POSTGRES = re.compile(r'unique constraint "(\w+)"')
_SQLITE = re.compile(r"UNIQUE constraint failed: ([\w.]+(?:, [\w.]+)*)")


def _unique_columns(name: str) -> list[str]:
    for table in metadata.tables.values():
        for constraint in table.constraints:
            if isinstance(constraint, UniqueConstraint) and constraint.name == name:
                return [column.name for column in constraint.columns]
    return []


def conflicting_field(error: IntegrityError) -> str | None:
    """The input field a violated unique constraint is about (its last column), if known."""
    text = str(error.orig)
    if found := _POSTGRES.search(text):
        columns = _unique_columns(found.group(1))
    elif found := _SQLITE.search(text):
        columns = [qualified.split(".")[-1] for qualified in found.group(1).split(", ")]
    else:
        return None
    if not columns:
        return None
    return _FIELD_OF_COLUMN.get(columns[-1]) or camel_case(columns[-1])


@contextmanager
def conflicts_as_user_errors() -> Iterator[None]:
    try:
        yield
    except IntegrityError as error:
        field = conflicting_field(error)
        what = f"this {field}" if field else "these values"
        raise UserError(
            f"Something with {what} exists already.", field=field, code=ErrorCode.DUPLICATE
        ) from None
