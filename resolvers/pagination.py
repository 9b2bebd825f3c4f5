"""Relay connections: opaque cursors over keyset pages."""

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from uuid import UUID

from domain.errors import ErrorCode, UserError
from domain.pagination import LogRequest, Page, PageRequest
from domain.unit_of_work import Repository, UnitOfWork

T = TypeVar("T")
_CURSOR_PREFIX = "c1:"
_POSITION_PREFIX = "p1:"  # a position in a log (see LogRequest)


def _encode(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _decode(cursor: str, prefix: str, field: str) -> str:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError):
        text = ""
    if not text.startswith(prefix):
        raise UserError("This cursor is not valid.", field=field, code=ErrorCode.INVALID)
    return text[len(prefix) :]


def encode_cursor(id: UUID) -> str:
    return _encode(f"{_CURSOR_PREFIX}{id}")


def decode_cursor(cursor: str | None, *, field: str) -> UUID | None:
    if cursor is None:
        return None
    try:
        return UUID(_decode(cursor, _CURSOR_PREFIX, field))
    except ValueError:
        raise UserError("This cursor is not valid.", field=field, code=ErrorCode.INVALID) from None


def encode_position_cursor(position: int) -> str:
    return _encode(f"{_POSITION_PREFIX}{position}")


def decode_position_cursor(cursor: str | None, *, field: str) -> int | None:
    if cursor is None:
        return None
    text = _decode(cursor, _POSITION_PREFIX, field)
    if not text.isdigit():
        raise UserError("This cursor is not valid.", field=field, code=ErrorCode.INVALID)
    return int(text)


def page_request(
    first: int | None, after: str | None, last: int | None, before: str | None
) -> PageRequest:
    return PageRequest(
        first=first,
        after=decode_cursor(after, field="after"),
        last=last,
        before=decode_cursor(before, field="before"),
    )


def log_request(args: "PageArgs") -> LogRequest:
    return LogRequest(
        first=args.first,
        after=decode_position_cursor(args.after, field="after"),
        last=args.last,
        before=decode_position_cursor(args.before, field="before"),
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


def _id_cursor(item: Any) -> str:
    return encode_cursor(item.id)


def connection(page: Page[T], cursor: Callable[[T], str] = _id_cursor) -> ConnectionData[T]:
    edges = [EdgeData(cursor(item), item) for item in page.items]
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
