"""The Relay Node interface and how our types declare which domain objects they show."""

from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar

import strawberry

from resolvers import nodes as node_resolvers
from resolvers.context import AgoraInfo
from resolvers.ids import encode_global_id

T = TypeVar("T", bound=type)


def _global_id(root: Any, info: AgoraInfo) -> strawberry.ID:
    return strawberry.ID(encode_global_id(info._raw_info.parent_type.name, root.id))


@strawberry.interface(description="An object with an opaque global ID, fetchable with `node`.")
class Node:
    id: strawberry.ID = strawberry.field(
        resolver=_global_id, description="The object's opaque global ID."
    )


def shows(*domain_classes: type) -> Callable[[T], T]:
    """Mark a GraphQL type as the view of these domain classes (resolvers return those).

    Apply it below `@strawberry.type`, so strawberry finds `is_type_of` when it reads the class.
    """

    def decorate(cls: T) -> T:
        def is_type_of(_cls: Any, obj: Any, _info: Any) -> bool:
            return isinstance(obj, (cls, *domain_classes))

        cls.is_type_of = classmethod(is_type_of)  # type: ignore[attr-defined]
        return cls

    return decorate


@strawberry.type
class NodeQuery:
    @strawberry.field(description="Any object by global ID, if the caller may see it.")
    async def node(
        self,
        info: AgoraInfo,
        id: Annotated[strawberry.ID, strawberry.argument(description="A global ID.")],
    ) -> Node | None:
        return await node_resolvers.resolve_node(info, id)  # type: ignore[no-any-return]

    @strawberry.field(description="Objects by global ID (at most 100), in the order asked.")
    def nodes(
        self,
        info: AgoraInfo,
        ids: Annotated[list[strawberry.ID], strawberry.argument(description="Global IDs.")],
    ) -> list[Node | None]:
        result: list[Awaitable[Any]] = node_resolvers.resolve_nodes(info, list(ids))
        return result  # type: ignore[return-value]
