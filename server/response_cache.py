"""The storefront response cache: repeated anonymous catalog reads answered with stored bytes.

What is cached: the answer to a query whose root fields are all catalog reads
(schema/caching.py), asked by an anonymous visitor with a storefront token, that executed
without any error. Never cached: mutations; requests with an `Authorization` header (staff,
partner apps and signed-in customers: no tier prices exist yet, so customers could share the
anonymous answers, but their requests may read their own data, and keying on the customer
would fill the cache with single-use answers; they simply run every time); answers with errors.

The key covers everything an answer depends on: the merchant, the storefront token (so a
rotated token's answers can never be found again), the document's SHA-256, its variables,
operation name and response media type. The language is part of the document or its variables
(`languageCode:`); the pricing context is "anonymous" for every cached answer.

Freshness is exact, not timed: each answer stores the catalog versions (server/
catalog_versions.py) it was computed under, and is served only while they are current. Every
commit that changes a catalog row replaces its merchant's version in the same request
(persistence/catalog_changes.py), in the shared cache, so every process stops serving the old
answers at once. Stock: `inStock` (and the in-stock filter and facets) is part of the catalog
version, replaced only when a variant's available quantity crosses zero; an exact
`quantityAvailable` makes the answer depend on the stock version too, replaced by every stock
change. Listings scheduled to appear later (`availableFrom`) and promotions that start or end
later (their sale prices) cap an answer's lifetime at the next such moment
(persistence/listing_schedule.py). Every answer also expires after `AGORA_RESPONSE_CACHE_TTL_SECONDS` (300): that is the
bound for writes made outside Agora (SQL by hand) or a version that could not be replaced.

The hot path needs no database: the storefront token's merchant (a token never changes
merchant) is remembered per process after the first full authentication, and one multi-get
reads the versions and the answer together (one round trip to Redis). With Redis, each
process also keeps its recent answers (at most `LOCAL_ANSWERS`) and then reads only the small
versions: a local copy is served only while they are still the ones it was computed under.
A suspended merchant, a deactivated storefront or a rotated token replace the merchant's
catalog version too, so their next request misses, authenticates in full and is refused:
immediately, in every process.
"""

import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

import orjson

from domain.catalog.freshness import CATALOG, STOCK
from server.catalog_versions import CatalogVersions, version_keys

KNOWN_TOKENS = 4096
LOCAL_ANSWERS = 1024
_ALL_TAGS = frozenset({CATALOG, STOCK})


@dataclass(frozen=True)
class CachedAnswer:
    body: bytes
    etag: str
    exact_stock: bool
    media_type: str


@dataclass(frozen=True)
class Lookup:
    """One read of the cache: the answer if it is current, and what a fill needs."""

    merchant_id: UUID
    key: str
    found: list[bytes | None]
    answer: CachedAnswer | None


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()[:32]


def request_digest(
    document_hash: str, variables: Any, operation_name: str | None, media_type: str
) -> str:
    material = orjson.dumps(
        [document_hash, variables, operation_name, media_type], option=orjson.OPT_SORT_KEYS
    )
    return hashlib.sha256(material).hexdigest()


def etag_of(body: bytes) -> str:
    return f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'


def _encode(versions: list[bytes], answer: CachedAnswer) -> bytes:
    header = b"|".join(
        [
            b",".join(versions),
            b"1" if answer.exact_stock else b"0",
            answer.etag.encode(),
            answer.media_type.encode(),
        ]
    )
    return header + b"\n" + answer.body


def _decode(raw: bytes) -> tuple[list[bytes], CachedAnswer]:
    header, _, body = raw.partition(b"\n")
    versions, exact, etag, media_type = header.split(b"|")
    answer = CachedAnswer(body, etag.decode(), exact == b"1", media_type.decode())
    return versions.split(b","), answer


class ResponseCache:
    def __init__(
        self, cache: Any, versions: CatalogVersions, ttl: timedelta, *, local_copies: bool = False
    ) -> None:
        """`local_copies`: with a remote cache, keep recent answers in this process too, so a
        hit reads only the small versions over the network (still checked every time)."""
        self._cache = cache
        self._versions = versions
        self._ttl = ttl
        self._merchants: OrderedDict[str, UUID] = OrderedDict()
        self._local: OrderedDict[str, tuple[list[bytes], CachedAnswer]] | None = (
            OrderedDict() if local_copies else None
        )

    def merchant_of(self, token: str) -> UUID | None:
        """The merchant of a storefront token seen before in this process, if any."""
        return self._merchants.get(token_digest(token))

    def remember(self, token: str, merchant_id: UUID) -> None:
        self._merchants[token_digest(token)] = merchant_id
        if len(self._merchants) > KNOWN_TOKENS:
            self._merchants.popitem(last=False)

    async def lookup(self, merchant_id: UUID, token: str, request: str) -> Lookup:
        key = f"agora:r:{merchant_id}:{token_digest(token)}:{request}"
        versions = version_keys(merchant_id, _ALL_TAGS)
        local = self._local.get(key) if self._local is not None else None
        if local is not None:
            current: list[bytes | None] = await self._cache.multi_get(versions)
            if local[0] == current[: len(local[0])]:
                return Lookup(merchant_id, key, current, local[1])
        found: list[bytes | None] = await self._cache.multi_get([*versions, key])
        raw = found[-1]
        answer = None
        if raw is not None:
            stored, candidate = _decode(raw)
            if stored == found[: len(stored)]:
                answer = candidate
                self._keep(key, stored, candidate)
        return Lookup(merchant_id, key, found[:-1], answer)

    def _keep(self, key: str, versions: list[bytes], answer: CachedAnswer) -> None:
        if self._local is None:
            return
        self._local[key] = (versions, answer)
        self._local.move_to_end(key)
        if len(self._local) > LOCAL_ANSWERS:
            self._local.popitem(last=False)

    async def versions_before_reading(self, lookup: Lookup, tags: frozenset[str]) -> list[bytes]:
        """The versions a fill stores, read (or made) before the database is read."""
        keys = version_keys(lookup.merchant_id, tags)
        known = dict(zip(version_keys(lookup.merchant_id, _ALL_TAGS), lookup.found, strict=True))
        if all(known.get(k) for k in keys):
            return [known[k] for k in keys]  # type: ignore[misc]
        return await self._versions.current(keys)

    async def store(
        self,
        lookup: Lookup,
        versions: list[bytes],
        answer: CachedAnswer,
        now: datetime,
        scheduled: datetime | None,
    ) -> None:
        ttl = self._ttl
        if scheduled is not None:
            ttl = min(ttl, scheduled - now)
        seconds = ttl.total_seconds()
        if seconds < 1:
            return
        await self._cache.set(lookup.key, _encode(versions, answer), ttl=int(seconds))
        self._keep(lookup.key, versions, answer)
