"""Relay connections: opaque cursors over keyset pages."""

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar
from uuid import UUID

from domain.errors import ErrorCode, UserError
from domain.pagination import Page, PageRequest
from domain.unit_of_work import Repository, UnitOfWork

T = TypeVar("T")
_CURSOR_PREFIX = "c1:"


def encode_cursor(id: UUID) -> str:
    return base64.urlsafe_b64encode(f"{_CURSOR_PREFIX}{id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, *, field: str) -> UUID | None:
    if cursor is None:
        return None
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if not text.startswith(_CURSOR_PREFIX):
            raise ValueError(text)
        return UUID(text[len(_CURSOR_PREFIX) :])
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise UserError("This cursor is not valid.", field=field, code=ErrorCode.INVALID) from None


def page_request(
    first: int | None, after: str | None, last: int | None, before: str | None
) -> PageRequest:
    return PageRequest(
        first=first,
        after=decode_cursor(after, field="after"),
        last=last,
        before=decode_cursor(before, field="before"),
    )


@dataclass(frozen=True)
class EdgeData(Generic[T]):
    cursor: str
    node: T


@dataclass(frozen=True)
class PageInfoData:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@dataclass(frozen=True)
class ConnectionData(Generic[T]):
    edges: list[EdgeData[T]]
    page_info: PageInfoData

    @property
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]


def connection(page: Page[T]) -> ConnectionData[T]:
    edges = [EdgeData(encode_cursor(item.id), item) for item in page.items]  # type: ignore[attr-defined]
    return ConnectionData(
        edges=edges,
        page_info=PageInfoData(
            has_next_page=page.has_next_page,
            has_previous_page=page.has_previous_page,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
    )


@dataclass(frozen=True)
class PageArgs:
    """The Relay arguments of a list field, as the client sent them."""

    first: int | None = None
    after: str | None = None
    last: int | None = None
    before: str | None = None


async def paginate(
    work: UnitOfWork, pick: Callable[[UnitOfWork], Repository[T]], args: PageArgs
) -> ConnectionData[T]:
    """A page of the picked repository, read in `work` (the request's scope)."""
    request = page_request(args.first, args.after, args.last, args.before)
    async with work as uow:
        return connection(await pick(uow).page(request))
