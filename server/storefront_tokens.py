"""Storefront tokens opened recently, so most storefront requests skip the database to learn
which storefront they are for.

Every storefront request sends its token, and reading it cost a session and a statement on
each. An opened token is kept with the merchant's catalog versions (server/catalog_versions.py)
read when it was opened; it is served again only while those versions are current. The
storefronts and merchants tables are catalog tables (persistence/catalog_changes.py), so any
commit that changes a storefront (its token, its activity, its settings) or its merchant
(suspension) replaces the versions and the next request reads the database again: freshness is
exact, as for cached answers, with the same reach (one process with the memory cache, every
process with Redis).

Ordering keeps it exact: the merchant is not known before the first read, so a miss reads the
storefront, then the versions, then the storefront again, and keeps the second read under the
versions. A commit after the versions were read replaces them; one before is in the second read.
"""

import logging
from collections import OrderedDict
from dataclasses import dataclass, replace
from uuid import UUID

from domain.auth import storefront_from_token
from domain.catalog.freshness import CATALOG
from domain.storefronts import Storefront
from persistence.database import Database
from persistence.unit_of_work import SqlUnitOfWork
from server.catalog_versions import CatalogVersions, version_keys

logger = logging.getLogger("agora.cache")
TAGS = frozenset({CATALOG})
# Storefronts are few; the bound only keeps a flood of distinct valid tokens from growing it.
MAX_ENTRIES = 1024


@dataclass(frozen=True)
class _Opened:
    storefront: Storefront
    versions: list[bytes]


class StorefrontTokens:
    def __init__(
        self, database: Database, versions: CatalogVersions, max_entries: int = MAX_ENTRIES
    ) -> None:
        self._database = database
        self._versions = versions
        self._max_entries = max_entries
        self._opened: OrderedDict[str, _Opened] = OrderedDict()

    async def open(self, token: str) -> Storefront:
        """The storefront the token opens; raises Unauthenticated as `storefront_from_token`."""
        known = self._opened.get(token)
        if known is not None:
            if await self._current(known.storefront.merchant_id) == known.versions:
                self._opened.move_to_end(token)
                return _copy(known.storefront)
            self._opened.pop(token, None)
        storefront = await self._read(token)
        versions = await self._current(storefront.merchant_id)
        if versions is None:
            return storefront
        storefront = await self._read(token)
        self._keep(token, _Opened(storefront, versions))
        return _copy(storefront)

    async def _current(self, merchant_id: UUID) -> list[bytes] | None:
        """The merchant's versions now; None when the cache cannot be reached (then every
        request reads the database, as it would without this)."""
        try:
            return await self._versions.current(version_keys(merchant_id, TAGS))
        except Exception:
            logger.warning("cache unreachable: storefront tokens read the database", exc_info=True)
            return None

    async def _read(self, token: str) -> Storefront:
        async with SqlUnitOfWork(self._database, None) as uow:
            return await storefront_from_token(uow, token)

    def _keep(self, token: str, opened: _Opened) -> None:
        self._opened[token] = opened
        while len(self._opened) > self._max_entries:
            self._opened.popitem(last=False)


def _copy(storefront: Storefront) -> Storefront:
    # Each request gets its own (transient) object: nothing one request does to it, or to a
    # session it joins, reaches another's.
    return replace(storefront, languages=list(storefront.languages))
