"""Expose domain enums in GraphQL with a description for every value."""

from collections.abc import Mapping
from enum import Enum
from typing import Any, TypeVar

import strawberry

E = TypeVar("E", bound=type[Enum])


def graphql_enum(enum_type: E, description: str, values: Mapping[str, str]) -> E:
    """Register the domain enum itself with strawberry, so resolvers return domain values.

    Returns the same class; annotate fields with the domain enum (mypy sees a plain class).
    """
    missing = {member.name for member in enum_type} ^ set(values)
    if missing:
        raise ValueError(f"{enum_type.__name__}: describe exactly its values; check {missing}")
    registered: Any = strawberry.enum(enum_type, description=description)
    for value in registered.__strawberry_definition__.values:
        value.description = values[value.name]
    return enum_type
