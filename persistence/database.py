"""Engine and session factory, built from settings in the app's lifespan (never at import).

Sessions and concurrency: GraphQL resolves sibling fields concurrently and an AsyncSession is
not safe for concurrent use. So a mutation's unit of work is used sequentially inside that
mutation, and every read (a dataloader batch, a list field) opens its own short session.

Dataloader batches read in autocommit (no BEGIN and ROLLBACK around one SELECT) and the pool
does not ping a connection before lending it: together those were two thirds of a batch's
cost. A connection that died meanwhile (a database restart) fails the statement using it;
SQLAlchemy then discards every pooled connection older than the failure, and a read batch
runs once more (`retry_after_disconnect`), so visitors do not see it. A unit of work's
statement fails like any other error; a client retries a mutation with its idempotency key.
"""

import json
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from functools import wraps
from typing import Any, ParamSpec, TypeVar
from uuid import UUID

import orjson
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session

from persistence.audit import install_audit_trail
from persistence.catalog_changes import CatalogWatcher, Changes, install_catalog_watch
from persistence.mapping import start_mappers
from persistence.shared_reads import SharedReads, VersionSource
from persistence.tenancy import MERCHANT_KEY, PLATFORM_KEY, install_tenant_scope

P = ParamSpec("P")
T = TypeVar("T")
# Connections are replaced after this long, before a server or proxy idle timeout drops them.
RECYCLE_SECONDS = 1800


class ScopedSession(Session):
    """The sync session class behind our async sessions; the tenant listeners hang on it."""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


# orjson reads integers past 64 bits as floats: text with such a run of digits goes to the
# standard parser, which keeps them exact (a 19-digit run may still fit; it costs only speed).
_LONG_DIGITS = re.compile(r"\d{19}")


def json_loads(text: str | bytes) -> Any:
    """Stored JSON as the standard parser reads it, several times faster (a listing reads
    each product's media and metadata): orjson, except for what it would read differently
    (long integers) or refuse (NaN, Infinity, lone surrogates), which the standard parser
    takes."""
    if isinstance(text, bytes):
        text = text.decode()
    if _LONG_DIGITS.search(text) is None:
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:
            pass
    return json.loads(text)


def create_engine(url: str, *, echo: bool = False, debug: bool = False) -> AsyncEngine:
    # Statement parameters (emails, hashes, tokens) stay out of error messages and logs
    # unless a developer asks for them.
    options: dict[str, Any] = {
        "echo": echo,
        "hide_parameters": not debug,
        "json_deserializer": json_loads,
    }
    if url.startswith("sqlite"):
        engine = create_async_engine(url, **options)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    # A request opens a short session per loader batch, so a busy worker holds many at once:
    # keep enough pooled that they are reused, not opened and closed (overflow ones are).
    return create_async_engine(
        url, pool_size=20, max_overflow=10, pool_recycle=RECYCLE_SECONDS, **options
    )


def retry_after_disconnect(read: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[T]]:
    """Run a read once more if its connection turned out to be dead (the pool is renewed)."""

    @wraps(read)
    async def run(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return await read(*args, **kwargs)
        except DBAPIError as error:
            if not error.connection_invalidated:
                raise
        return await read(*args, **kwargs)

    return run


class Database:
    def __init__(self, engine: AsyncEngine) -> None:
        start_mappers()
        install_tenant_scope(ScopedSession)
        install_audit_trail(ScopedSession)
        install_catalog_watch(ScopedSession)
        self.engine = engine
        self._catalog_watchers: list[CatalogWatcher] = []
        # Read-every-time until the server gives it a version source (`share_reads`).
        self.shared_reads = SharedReads()
        self._sessions = async_sessionmaker(
            engine, expire_on_commit=False, autoflush=False, sync_session_class=ScopedSession
        )
        self._read_sessions = async_sessionmaker(
            engine.execution_options(isolation_level="AUTOCOMMIT"),
            expire_on_commit=False,
            autoflush=False,
            sync_session_class=ScopedSession,
        )

    @classmethod
    def from_url(cls, url: str, *, echo: bool = False, debug: bool = False) -> "Database":
        return cls(create_engine(url, echo=echo, debug=debug))

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def session(self, merchant_id: UUID | None, *, read_only: bool = False) -> AsyncSession:
        """A session scoped to `merchant_id`, or a platform session when it is None; a
        read-only one runs each statement in autocommit."""
        session = self._read_sessions() if read_only else self._sessions()
        if merchant_id is None:
            session.info[PLATFORM_KEY] = True
        else:
            session.info[MERCHANT_KEY] = merchant_id
        return session

    def unscoped_session(self) -> AsyncSession:
        """A session with no scope at all: every ORM statement on it raises. For tests."""
        return self._sessions()

    @asynccontextmanager
    async def reading(self, merchant_id: UUID | None) -> AsyncIterator[AsyncSession]:
        """A read-only session for one dataloader batch."""
        async with self.session(merchant_id, read_only=True) as session:
            yield session

    def share_reads(self, versions: VersionSource, keys_for: Callable[[UUID], list[str]]) -> None:
        """Keep merchant-wide rules between requests under these versions (shared_reads.py)."""
        self.shared_reads = SharedReads(versions, keys_for)

    def watch_catalog(self, watcher: CatalogWatcher) -> Callable[[], None]:
        """Tell `watcher` after each commit that changed a storefront catalog (see
        persistence/catalog_changes.py); returns the call that stops it."""
        self._catalog_watchers.append(watcher)
        return lambda: self._catalog_watchers.remove(watcher)

    async def catalog_committed(self, changes: Changes) -> None:
        if not changes:
            return
        for watcher in list(self._catalog_watchers):
            await watcher.catalog_changed(changes)

    async def ping(self) -> bool:
        try:
            async with self.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except Exception:
            return False
        return True

    async def refresh_statistics(self) -> None:
        """Let the query planner see what a bulk load wrote (before autovacuum gets to it):
        without this, a fresh import is planned as if its tables were empty."""
        async with self.engine.begin() as connection:
            await connection.execute(text("ANALYZE"))

    async def dispose(self) -> None:
        await self.engine.dispose()
