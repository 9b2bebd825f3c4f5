"""Relay cursor connections, generic over the node type."""

from collections.abc import Awaitable, Callable, Sequence
from typing import Annotated, Any, Generic, TypeVar

import strawberry
from strawberry.extensions.field_extension import FieldExtension

from domain.pagination import MAX_PAGE_SIZE
from resolvers.context import AgoraInfo
from resolvers.pagination import ConnectionData, PageArgs

T = TypeVar("T")

First = Annotated[
    int | None,
    strawberry.argument(description=f"Items after `after`, at most {MAX_PAGE_SIZE} (default 20)."),
]
After = Annotated[str | None, strawberry.argument(description="A cursor from a previous page.")]
Last = Annotated[
    int | None, strawberry.argument(description=f"Items before `before`, at most {MAX_PAGE_SIZE}.")
]
Before = Annotated[str | None, strawberry.argument(description="A cursor from a previous page.")]


@strawberry.type(description="Where a page stands in the whole list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More items follow this page.")
    has_previous_page: bool = strawberry.field(description="Items precede this page.")
    start_cursor: str | None = strawberry.field(description="The first item's cursor.")
    end_cursor: str | None = strawberry.field(description="The last item's cursor.")


@strawberry.type(description="An item of a page with its cursor.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(description="Pass as `after` or `before` to page from here.")
    node: T = strawberry.field(description="The item.")


@strawberry.type(description="A page of a list, with cursors to move through it.")
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description="The items with their cursors.")
    nodes: list[T] = strawberry.field(description="The items alone.")
    page_info: PageInfo = strawberry.field(description="Where this page stands.")


def connection_field(
    node: type,
    fetch: Callable[[AgoraInfo, PageArgs], Awaitable[ConnectionData[Any]]],
    *,
    description: str,
    extensions: Sequence[FieldExtension] = (),
) -> Any:
    """A Relay list field of `node`s, with the standard, documented paging arguments."""

    async def resolve(
        info: AgoraInfo,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[node]:  # type: ignore[valid-type]
        return await fetch(info, PageArgs(first, after, last, before))  # type: ignore[return-value]

    return strawberry.field(resolver=resolve, description=description, extensions=list(extensions))
