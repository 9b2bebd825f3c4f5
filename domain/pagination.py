"""Cursor pages: bounded `first`/`last`, keyset order by id (ids are time-ordered UUIDs), or by
position for a log whose order is the order its entries were committed in."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar
from uuid import UUID

from domain.errors import UserError

T = TypeVar("T")
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


@dataclass(frozen=True)
class _Window:
    """How many items a page holds, and in which direction it reads."""

    first: int | None = None
    last: int | None = None

    def __post_init__(self) -> None:
        if self.first is not None and self.last is not None:
            raise UserError("Give either first or last, not both.", field="first")
        for name in ("first", "last"):
            size = getattr(self, name)
            if size is not None and not 0 <= size <= MAX_PAGE_SIZE:
                raise UserError(f"{name} must be between 0 and {MAX_PAGE_SIZE}.", field=name)

    @property
    def backwards(self) -> bool:
        return self.last is not None

    @property
    def size(self) -> int:
        if self.last is not None:
            return self.last
        return DEFAULT_PAGE_SIZE if self.first is None else self.first


@dataclass(frozen=True)
class PageRequest(_Window):
    """A page of a list ordered by id."""

    after: UUID | None = None
    before: UUID | None = None


@dataclass(frozen=True)
class LogRequest(_Window):
    """A page of a log ordered by position (an integer given in commit order)."""

    after: int | None = None
    before: int | None = None


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    has_next_page: bool
    has_previous_page: bool


def page_of(items: Sequence[T], request: PageRequest, key: Callable[[T], UUID]) -> Page[T]:
    """The page of a short list already read whole (a relation a dataloader batched), oldest
    first by `key` (a time-ordered id): the same page a keyset read would give."""
    chosen = [
        item
        for item in sorted(items, key=key)
        if (request.after is None or key(item) > request.after)
        and (request.before is None or key(item) < request.before)
    ]
    more = len(chosen) > request.size
    if request.backwards:
        rows = chosen[len(chosen) - request.size :] if request.size else []
        return Page(rows, has_next_page=request.before is not None, has_previous_page=more)
    rows = chosen[: request.size]
    return Page(rows, has_next_page=more, has_previous_page=request.after is not None)
