"""Per-merchant catalog versions in the shared cache: what makes cached answers go stale.

A version is a random token per (merchant, tag), not a counter: if the cache loses the key
(eviction, restart, flush), the next reader makes a new token that no stored answer carries,
so a lost version can only cost misses, never bring back an old answer. `None` names every
merchant (a platform-wide write), and its token is read alongside each merchant's.

Ordering makes it exact: a reader takes the versions BEFORE it reads the database, and a
writer replaces them AFTER its commit, so an answer computed from rows older than a commit
always carries a token older than that commit's.
"""

import logging
import secrets
from collections.abc import Iterable, Sequence
from uuid import UUID

from persistence.catalog_changes import Changes

logger = logging.getLogger("agora.cache")
# Versions outlive any stored answer; one that expires is simply made anew.
VERSION_TTL_SECONDS = 86_400
_EVERY_MERCHANT = "*"


def version_key(merchant_id: UUID | None, tag: str) -> str:
    return f"agora:v:{merchant_id or _EVERY_MERCHANT}:{tag}"


def version_keys(merchant_id: UUID, tags: Iterable[str]) -> list[str]:
    """The keys an answer for `merchant_id` depends on, the platform-wide ones included."""
    keys = []
    for tag in sorted(tags):
        keys += [version_key(None, tag), version_key(merchant_id, tag)]
    return keys


def new_version() -> bytes:
    return secrets.token_hex(8).encode()


class CatalogVersions:
    """Reads and replaces versions in an aiocache cache whose values are bytes."""

    def __init__(self, cache: object) -> None:
        self._cache = cache

    async def current(self, keys: Sequence[str]) -> list[bytes]:
        """The versions under `keys`, making the missing ones (before any database read)."""
        found: list[bytes | None] = await self._cache.multi_get(keys)  # type: ignore[attr-defined]
        return [value or await self._renew(key) for key, value in zip(keys, found, strict=True)]

    async def _renew(self, key: str) -> bytes:
        token = new_version()
        await self._cache.set(key, token, ttl=VERSION_TTL_SECONDS)  # type: ignore[attr-defined]
        return token

    async def catalog_changed(self, changes: Changes) -> None:
        """The database's watcher: after a commit, replace every version it touched."""
        for merchant_id, tags in changes.items():
            for tag in tags:
                try:
                    await self._renew(version_key(merchant_id, tag))
                except Exception:
                    # The commit stands; answers cached under the old version expire with
                    # their TTL. Logged loudly: until then they may be stale.
                    logger.exception("could not replace catalog version %s/%s", merchant_id, tag)
