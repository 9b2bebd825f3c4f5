"""Typed promotion inputs at the edge: they arrive as objects that give the stored JSON format
(`to_json`, see schema/promotions/definitions.py), which the domain reads and checks; a
userError's field, a path into that JSON (`condition.conditions.0.amount.currency`), is turned
back into the path of the typed input (`condition.all.0.minSubtotal.amount.currencyCode`)."""

from typing import Any, Protocol

from domain.errors import UserError


class TypedDefinition(Protocol):
    def to_json(self, path: str) -> dict[str, Any]: ...


_NESTING = {"AllOf": "all", "AnyOf": "any"}


def _key(type_name: str) -> str:
    return _NESTING.get(type_name) or type_name[:1].lower() + type_name[1:]


def _walk(node: Any, rest: list[str]) -> list[str]:
    """The typed path below `node` (a JSON action or condition) for the JSON path `rest`."""
    if not isinstance(node, dict) or not isinstance(node.get("type"), str):
        return rest
    key = _key(node["type"])
    if node["type"] in _NESTING:
        if rest[:1] != ["conditions"]:
            return [key, *rest]
        if len(rest) > 1 and rest[1].isdigit() and int(rest[1]) < len(node["conditions"]):
            return [key, rest[1], *_walk(node["conditions"][int(rest[1])], rest[2:])]
        return [key, *rest[1:]]
    return [key, *("currencyCode" if part == "currency" else part for part in rest)]


def typed_field(field: str | None, action: Any, condition: Any) -> str | None:
    """The typed input's path for a path into the action's or condition's JSON."""
    if field is None:
        return None
    head, *rest = field.split(".")
    if head == "action":
        return ".".join([head, *_walk(action, rest)])
    if head == "condition" and condition is not None:
        return ".".join([head, *_walk(condition, rest)])
    return field


def retyped(error: UserError, action: Any, condition: Any) -> UserError:
    return UserError(
        error.message, field=typed_field(error.field, action, condition), code=error.code
    )
