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

The keeping is persistence/shared_reads.py's (versions read before the database, an LRU bound,
the database when the cache cannot be reached). The merchant, which names the versions, is not
known before a token's first read: that read learns it, and the kept read follows it.
"""

from dataclasses import replace
from uuid import UUID

from domain.auth import storefront_from_token
from domain.catalog.freshness import CATALOG
from domain.storefronts import Storefront
from persistence.database import Database
from persistence.shared_reads import SharedReads
from persistence.unit_of_work import SqlUnitOfWork
from server.catalog_versions import CatalogVersions, version_keys

TAGS = frozenset({CATALOG})


class StorefrontTokens:
    def __init__(self, database: Database, versions: CatalogVersions) -> None:
        self._database = database
        self._kept = SharedReads(versions, lambda merchant_id: version_keys(merchant_id, TAGS))
        # Tokens opened before, and their merchant: only valid tokens are ever added.
        self._merchant_of: dict[str, UUID] = {}

    async def open(self, token: str) -> Storefront:
        """The storefront the token opens; raises Unauthenticated as `storefront_from_token`."""
        merchant_id = self._merchant_of.get(token)
        if merchant_id is None:
            merchant_id = (await self._read(token)).merchant_id
        try:
            storefront = await self._kept.get(merchant_id, token, lambda: self._read(token))
        except Exception:
            self._merchant_of.pop(token, None)  # rotated or deactivated since
            raise
        self._merchant_of[token] = storefront.merchant_id
        return _copy(storefront)

    async def _read(self, token: str) -> Storefront:
        async with SqlUnitOfWork(self._database, None) as uow:
            return await storefront_from_token(uow, token)


def _copy(storefront: Storefront) -> Storefront:
    # Each request gets its own (transient) object: nothing one request does to it, or to a
    # session it joins, reaches another's.
    return replace(storefront, languages=list(storefront.languages))
