"""Merchant-wide rules that every cart and checkout reads again (shipping zones and methods,
tax rates, live promotions): read once, then kept while the merchant's catalog versions hold.

Freshness is exact, as for cached storefront answers (server/response_cache.py): the versions
(server/catalog_versions.py) are read BEFORE the database, and the tables kept here are catalog
tables (persistence/catalog_changes.py), so a commit that changes one replaces the versions
after it; a read made under old versions is never served again. Reach is the same too: one
process with the memory cache, every process with Redis.

What is kept is shared by concurrent requests: callers treat it as read-only (checkout's quote
only reads it). Without a version source (the CLI, tests of persistence alone) or when the
cache cannot be reached, every call reads the database.
"""

import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar
from uuid import UUID

logger = logging.getLogger("agora.cache")
T = TypeVar("T")
# Merchants whose rules are kept; the least recently used make room.
MAX_MERCHANTS = 1024


class VersionSource(Protocol):
    async def current(self, keys: Sequence[str]) -> list[bytes]:
        """The versions under `keys`, making the missing ones."""
        ...


@dataclass(frozen=True)
class _Kept:
    versions: list[bytes]
    value: Any


class SharedReads:
    def __init__(
        self,
        versions: VersionSource | None = None,
        keys_for: Callable[[UUID], list[str]] | None = None,
        max_entries: int = MAX_MERCHANTS,
    ) -> None:
        self._versions = versions
        self._keys_for = keys_for
        self._max_entries = max_entries
        self._kept: OrderedDict[tuple[UUID, str], _Kept] = OrderedDict()

    async def get(self, merchant_id: UUID | None, name: str, load: Callable[[], Awaitable[T]]) -> T:
        """What `load` reads for the merchant, kept under `name` while its versions hold."""
        versions = await self._current(merchant_id)
        if merchant_id is None or versions is None:
            return await load()
        key = (merchant_id, name)
        kept = self._kept.get(key)
        if kept is not None and kept.versions == versions:
            self._kept.move_to_end(key)
            return kept.value  # type: ignore[no-any-return]
        value = await load()
        self._kept[key] = _Kept(versions, value)
        while len(self._kept) > self._max_entries:
            self._kept.popitem(last=False)
        return value

    async def _current(self, merchant_id: UUID | None) -> list[bytes] | None:
        if merchant_id is None or self._versions is None or self._keys_for is None:
            return None
        try:
            return await self._versions.current(self._keys_for(merchant_id))
        except Exception:
            logger.warning("cache unreachable: merchant rules read the database", exc_info=True)
            return None
