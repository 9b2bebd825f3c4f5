"""The response cache in the HTTP flow: serve stored bytes first, store what may be reused.

`from_cache` runs before anything else of the request (no parse, no authentication, no
context, no database): it needs only the storefront token's merchant, remembered per process
once a full authentication has succeeded, and one cache read. Whatever it cannot answer runs
the full way; `run_and_store` then executes a cacheable read and keeps its answer.
"""

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from starlette.requests import Request
from starlette.responses import Response

from domain.principals import Anonymous, Principal
from domain.storefronts import Storefront
from persistence.listing_schedule import next_scheduled_listing
from schema.caching import CachePolicy, cache_policy
from schema.parsing import parse_cached
from server.http_caching import NO_STORE, answer, public_headers
from server.persisted_queries import sha256_of
from server.response_cache import CachedAnswer, Lookup, ResponseCache, etag_of, request_digest
from server.state import AppState, utcnow

STOREFRONT_HEADER = "agora-storefront-token"
logger = logging.getLogger("agora.cache")


@dataclass(frozen=True)
class CacheableRead:
    """A request the response cache may answer: the cache, its key and the token."""

    cache: ResponseCache
    token: str
    request: str

    async def lookup(self, merchant_id: UUID) -> Lookup:
        return await self.cache.lookup(merchant_id, self.token, self.request)


def cacheable_read(
    request: Request, state: AppState, params: dict[str, Any], digest: str | None, media: str
) -> CacheableRead | None:
    """The read's cache key material, or None for requests the cache never answers."""
    cache = state.response_cache
    token = request.headers.get(STOREFRONT_HEADER)
    if cache is None or token is None or "authorization" in request.headers:
        return None
    query, variables, name = (
        params.get("query"),
        params.get("variables"),
        params.get("operationName"),
    )
    if isinstance(query, str):
        if query.lstrip().startswith("mutation"):
            return None  # a cart or sign-in mutation: never cached, spare it the look-up
        digest = sha256_of(query)
    if digest is None or not isinstance(variables, dict | None) or not isinstance(name, str | None):
        return None
    return CacheableRead(cache, token.strip(), request_digest(digest, variables, name, media))


async def from_cache(
    request: Request, state: AppState, read: CacheableRead | None
) -> Response | Lookup | None:
    """The stored answer (or a 304) when it is current; else the lookup, for the fill."""
    if read is None:
        return None
    merchant_id = read.cache.merchant_of(read.token)
    if merchant_id is None:
        return None
    try:
        lookup = await read.lookup(merchant_id)
    except Exception:
        logger.warning("response cache unreachable: running the request", exc_info=True)
        return None
    if lookup.answer is None:
        return lookup
    return _serve(request, state, lookup.answer, hit=True)


def _serve(request: Request, state: AppState, stored: CachedAnswer, *, hit: bool) -> Response:
    max_age = state.settings.http_max_age_seconds
    headers = public_headers(stored.etag, stored.exact_stock, max_age, hit=hit)
    return answer(stored.body, stored.media_type, headers, request.headers.get("if-none-match"))


def policy_for(
    read: CacheableRead | None,
    principal: Principal,
    storefront: Storefront | None,
    query: str,
    operation_name: str | None,
    max_tokens: int,
) -> CachePolicy | None:
    """What the answer depends on, or None when this request's answer is not to be kept."""
    if read is None or storefront is None or not isinstance(principal, Anonymous):
        return None
    read.cache.remember(read.token, storefront.merchant_id)
    return cache_policy(parse_cached(query, max_tokens), operation_name)


async def run_and_store(
    request: Request,
    state: AppState,
    read: CacheableRead,
    lookup: Lookup | None,
    policy: CachePolicy,
    storefront: Storefront,
    run: Callable[[], Awaitable[tuple[Response, bool]]],
) -> Response:
    """Execute a cacheable read and keep its answer when it has no errors. When the cache
    cannot be reached the request runs as if it were not cacheable."""
    try:
        if lookup is None or lookup.merchant_id != storefront.merchant_id:
            lookup = await read.lookup(storefront.merchant_id)
            if lookup.answer is not None:  # stored by another process, or before this one
                return _serve(request, state, lookup.answer, hit=True)  # knew the token
        versions = await read.cache.versions_before_reading(lookup, policy.tags)
    except Exception:
        logger.warning("response cache unreachable: running the request", exc_info=True)
        response, _clean = await run()
        return response
    started = utcnow()  # listings due after this moment may be missing from the answer
    response, clean = await run()
    if response.status_code != 200 or not clean:
        response.headers["Cache-Control"] = NO_STORE
        return response
    body = bytes(response.body)
    stored = CachedAnswer(body, etag_of(body), policy.exact_stock, response.media_type or "")
    scheduled = await next_scheduled_listing(
        state.database, storefront.merchant_id, storefront.id, started
    )
    try:
        await read.cache.store(lookup, versions, stored, utcnow(), scheduled)
    except Exception:
        logger.warning("response cache unreachable: answer not kept", exc_info=True)
    return _serve(request, state, stored, hit=False)
