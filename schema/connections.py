"""Relay cursor connections, generic over the node type."""

from typing import Annotated, Generic, TypeVar

import strawberry

from domain.pagination import MAX_PAGE_SIZE

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
