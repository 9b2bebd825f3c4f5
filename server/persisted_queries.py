"""Automatic persisted queries (Apollo APQ): a client sends a document's SHA-256 instead of it.

The protocol (`extensions.persistedQuery = {"version": 1, "sha256Hash": "<hex>"}`):

- hash alone: the document registered under it runs; unknown, the answer is the error
  `PersistedQueryNotFound` (`extensions.code` `PERSISTED_QUERY_NOT_FOUND`), and the client
  sends the hash again with the document, which registers it;
- hash and document: the hash must be the document's (else 400), and it is registered.

Registrations live in the shared cache for `APQ_TTL_SECONDS` (a day, renewed by each
registration); they are per process only without `AGORA_CACHE_URL`. Any principal may use
them: a hash proves nothing about the caller, it only saves bytes. A storefront set to trusted
documents only accepts instead the documents its merchant registered (server/trusted.py).
Persisted queries may be sent with GET (`?extensions=...&variables=...`), which HTTP caches
can keep (see server/http_caching.py).
"""

import hashlib
import logging
import re
from dataclasses import dataclass
from typing import Any

from server.http_errors import RequestError

logger = logging.getLogger("agora.cache")
APQ_TTL_SECONDS = 86_400
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
NOT_FOUND_MESSAGE = "PersistedQueryNotFound"
NOT_FOUND_CODE = "PERSISTED_QUERY_NOT_FOUND"


@dataclass(frozen=True)
class Persisted:
    """The document hash a request names (given by the client, or computed from the text)."""

    sha256: str
    given: bool


def sha256_of(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()


def persisted_hash(params: dict[str, Any]) -> str | None:
    """The hash in `extensions.persistedQuery`, checked for shape, or None when absent."""
    extensions = params.get("extensions")
    if not isinstance(extensions, dict) or "persistedQuery" not in extensions:
        return None
    persisted = extensions["persistedQuery"]
    if not isinstance(persisted, dict) or persisted.get("version") != 1:
        raise RequestError(400, "Unsupported persisted query version: send version 1.")
    digest = persisted.get("sha256Hash")
    if not isinstance(digest, str) or not _SHA256.match(digest):
        raise RequestError(400, "'persistedQuery.sha256Hash' must be 64 lowercase hex digits.")
    return digest


class PersistedQueryNotFound(Exception):
    """The hash names no document known here: the client should send the document too."""


async def persisted_document(
    queries: "PersistedQueries", params: dict[str, Any], digest: str
) -> dict[str, Any]:
    """The request's parameters with its document: registered if sent, else looked up (the
    query stays None when the hash is unknown)."""
    query = params.get("query")
    if isinstance(query, str):
        await queries.register(digest, query)
        return params
    return {**params, "query": await queries.find(digest)}


class PersistedQueries:
    """Registered documents by hash, in an aiocache cache whose values are bytes."""

    def __init__(self, cache: Any) -> None:
        self._cache = cache

    async def find(self, digest: str) -> str | None:
        """The document, or None (also when the cache cannot be reached: the client then
        sends the document, which runs)."""
        try:
            found: bytes | None = await self._cache.get(f"agora:apq:{digest}")
        except Exception:
            logger.warning("persisted query store unreachable", exc_info=True)
            return None
        return found.decode() if found is not None else None

    async def register(self, digest: str, query: str) -> None:
        if sha256_of(query) != digest:
            raise RequestError(400, "provided sha does not match query", "BAD_REQUEST")
        try:
            await self._cache.set(f"agora:apq:{digest}", query.encode(), ttl=APQ_TTL_SECONDS)
        except Exception:
            logger.warning("persisted query store unreachable", exc_info=True)
